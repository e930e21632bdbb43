import { describe, expect, it } from 'vitest';
import { toFloat16Bits } from './float16';

describe('toFloat16Bits', () => {
  it('encodes IEEE half precision, rounding to nearest even', () => {
    const cases: [number, number][] = [
      [0, 0x0000],
      [-0, 0x8000],
      [1, 0x3c00],
      [-2, 0xc000],
      [0.1, 0x2e66],
      [65504, 0x7bff], // largest half
      [65520, 0x7c00], // rounds up past it: Inf
      [2 ** -24, 0x0001], // smallest subnormal
      [2 ** -14, 0x0400], // smallest normal
      [1 + 2 ** -11, 0x3c00], // tie: stays even
      [1 + 3 * 2 ** -11, 0x3c02], // tie: goes to even
      [1e-9, 0x0000],
      [Infinity, 0x7c00],
    ];
    const bits = toFloat16Bits(Float32Array.from(cases.map(([v]) => v)));
    expect(Array.from(bits)).toEqual(cases.map(([, b]) => b));
    expect(toFloat16Bits(Float32Array.of(NaN))[0] & 0x7fff).toBeGreaterThan(0x7c00);
  });
});
