import { describe, expect, it } from 'vitest';
import { formatFixed, formatInteger, formatNumber, formatVector, parseSpanishNumber } from './format';

describe('formatNumber', () => {
  it('uses the decimal comma and 4 decimals by default', () => {
    expect(formatNumber(7.321937561035156)).toBe('7,3219');
    expect(formatNumber(2.050269603729248)).toBe('2,0503');
    expect(formatNumber(-2.5)).toBe('-2,5');
    expect(formatNumber(3)).toBe('3');
  });

  it('respects the digits argument', () => {
    expect(formatNumber(1.358933925628662, 3)).toBe('1,359');
    expect(formatNumber(0.8522009253501892, 2)).toBe('0,85');
  });

  it('keeps significant digits for small values', () => {
    expect(formatNumber(0.0038769624661654234)).toBe('0,003877');
    expect(formatNumber(0.5)).toBe('0,5');
    expect(formatNumber(0.0001)).toBe('0,0001');
  });

  it('groups thousands with dots', () => {
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatNumber(999999.25)).toBe('999.999,25');
  });

  it('switches to exponent notation for tiny and huge values', () => {
    expect(formatNumber(1.2e-5)).toBe('1,2e-5');
    expect(formatNumber(-3.14159e-7, 3)).toBe('-3,14e-7');
    expect(formatNumber(6305802)).toBe('6,306e6');
    expect(formatNumber(1e6)).toBe('1e6');
  });

  it('handles zero, NaN and infinities', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe('\u2212∞');
  });
});

describe('formatInteger', () => {
  it('always groups thousands, including 4-digit numbers', () => {
    expect(formatInteger(6305802)).toBe('6.305.802');
    expect(formatInteger(1000)).toBe('1.000');
    expect(formatInteger(999)).toBe('999');
    expect(formatInteger(-12000)).toBe('-12.000');
  });

  it('rounds and handles special values', () => {
    expect(formatInteger(2.6)).toBe('3');
    expect(formatInteger(-0.2)).toBe('0');
    expect(formatInteger(NaN)).toBe('NaN');
    expect(formatInteger(Infinity)).toBe('∞');
  });
});

describe('formatVector', () => {
  it('joins with semicolons because the comma is decimal', () => {
    expect(formatVector([1.0883665, -0.92451656])).toBe('1,0884; -0,9245');
    expect(formatVector([1.358933925628662, 2.714221239089966], 3)).toBe('1,359; 2,714');
    expect(formatVector([])).toBe('');
  });
});

describe('parseSpanishNumber', () => {
  it('accepts decimal comma and decimal point', () => {
    expect(parseSpanishNumber('0,1')).toBe(0.1);
    expect(parseSpanishNumber('0.1')).toBe(0.1);
    expect(parseSpanishNumber(' -1,5 ')).toBe(-1.5);
    expect(parseSpanishNumber('\u22122')).toBe(-2);
    expect(parseSpanishNumber(',5')).toBe(0.5);
    expect(parseSpanishNumber('3')).toBe(3);
  });

  it('accepts exponents', () => {
    expect(parseSpanishNumber('1e-4')).toBe(1e-4);
    expect(parseSpanishNumber('1,5E-3')).toBe(1.5e-3);
  });

  it('reads dots as grouping when a comma is also present', () => {
    expect(parseSpanishNumber('1.234,5')).toBe(1234.5);
    expect(parseSpanishNumber('1.23,5')).toBeNaN();
  });

  it('returns NaN for invalid text', () => {
    for (const bad of ['', '  ', 'abc', '1,2,3', '1..2', '0,1x', '--1', 'e5', 'NaN', 'Infinity']) {
      expect(parseSpanishNumber(bad), bad).toBeNaN();
    }
  });
});

describe('formatFixed', () => {
  it('keeps exactly the decimals asked for, with a decimal comma', () => {
    expect(formatFixed(0.2, 2)).toBe('0,20');
    expect(formatFixed(0.456, 2)).toBe('0,46');
    expect(formatFixed(1234.5, 1)).toBe('1.234,5');
  });
});
