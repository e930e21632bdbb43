import { describe, expect, it } from 'vitest';
import { formatInteger } from '../../ui/format';
import { judge, parseGuess, showAnswer } from './answer';

describe('a question judges the guess against the widget', () => {
  it('reads guesses as a Spanish student types them', () => {
    expect(parseGuess('1,5', 'number')).toBe(1.5);
    expect(parseGuess('−0,03', 'number')).toBe(-0.03);
    expect(parseGuess('10', 'percent')).toBeCloseTo(0.1, 12);
    expect(parseGuess('12,5 %', 'percent')).toBeCloseTo(0.125, 12);
    // A grouped count is a count, not a decimal.
    expect(parseGuess('98.634', 'integer')).toBe(98634);
    expect(parseGuess('98 634', 'integer')).toBe(98634);
    expect(parseGuess('mucho', 'number')).toBeNaN();
  });

  it('shows the answer as the readout does', () => {
    expect(showAnswer('1.5018118619918823', 'number', 4)).toBe('1,5018');
    expect(showAnswer('0.655', 'percent', undefined)).toBe('65,5 %');
    // Grouped by the site's one rule for digit grouping.
    expect(showAnswer('98634', 'integer', undefined)).toBe(formatInteger(98634));
  });

  it('counts a guess within the margin as close, and says by how much', () => {
    expect(judge(1.5, '1.5018', 0.05, 'number')).toEqual({ close: true, sentence: '¡Bien! Estás a 0,0018 (el margen es ±0,05).' });
    expect(judge(1.3, '1.5018', 0.05, 'number').close).toBe(false);
    // The margin is inclusive even when decimal rounding would miss it.
    expect(judge(0.3, '0.4', 0.1, 'number').close).toBe(true);
    expect(judge(0.2, '0.1', 0.05, 'percent').sentence).toBe('Lejos: te separan 10 puntos del laboratorio (el margen es ±5 puntos).');
    expect(judge(0.74, '0.75', 0.01, 'percent').sentence).toBe('¡Bien! Estás a 1 punto (el margen es ±1 punto).');
    expect(judge(30, '30', 0, 'integer')).toEqual({ close: true, sentence: '¡Exacto!' });
    expect(judge(32, '30', 0, 'integer')).toEqual({ close: false, sentence: 'Te separan 2 del laboratorio.' });
    expect(judge('diverged', 'diverged', 0, 'number')).toEqual({ close: true, sentence: '¡Acertaste!' });
    expect(judge('done', 'diverged', 0, 'number').close).toBe(false);
  });
});
