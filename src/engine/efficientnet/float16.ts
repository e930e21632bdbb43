/**
 * float32 → IEEE half-precision bits, rounding to nearest even, as tfjs's 'float16'
 * weight quantization expects them (tfjs only ships the decoder).
 */
export function toFloat16Bits(values: Float32Array): Uint16Array {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = new Uint16Array(values.length);
  for (let i = 0; i < bits.length; i++) {
    const x = bits[i];
    const sign = (x >>> 16) & 0x8000;
    const exponent = (x >>> 23) & 0xff;
    const mantissa = x & 0x7fffff;
    if (exponent === 0xff) {
      out[i] = sign | 0x7c00 | (mantissa ? 0x200 : 0); // Inf or NaN
      continue;
    }
    const halfExponent = exponent - 127 + 15;
    if (halfExponent >= 0x1f) {
      out[i] = sign | 0x7c00; // too large: Inf
    } else if (halfExponent <= 0) {
      // Subnormal half (or zero): shift the implicit leading 1 in and round.
      if (halfExponent < -10) {
        out[i] = sign;
        continue;
      }
      const full = mantissa | 0x800000;
      const shift = 14 - halfExponent;
      out[i] = sign | roundShift(full, shift);
    } else {
      // Rounding may carry into the exponent, which is the right result (up to Inf).
      out[i] = sign | ((halfExponent << 10) + roundShift(mantissa, 13));
    }
  }
  return out;
}

/** value >> shift, rounded to nearest, ties to even. */
function roundShift(value: number, shift: number): number {
  const kept = value >>> shift;
  const rest = value & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  return kept + (rest > half || (rest === half && kept & 1) ? 1 : 0);
}
