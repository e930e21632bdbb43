/**
 * Number formatting for Spanish readers (decimal comma, dot grouping).
 *
 * Readouts show these strings; machine-readable values (data-value, URLs) stay plain JS numbers.
 */
import { spanishFormat } from '../format/spanish';

/** True minus sign (U+2212): reads better than a hyphen next to ∞. */
const MINUS = '\u2212';

function nonFinite(value: number): string | null {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return `${MINUS}∞`;
  return null;
}

/**
 * Formats a real number for display: `formatNumber(7.3219375) === '7,3219'`.
 *
 * - `digits` (default 4): decimals kept for |x| ≥ 1; significant digits for |x| < 1, so small
 *   losses such as 0,003877 keep their precision.
 * - |x| < 1e-4 (non-zero) or |x| ≥ 1e6: exponent form with comma, e.g. '1,2e-5', '6,3058e6'.
 * - NaN → 'NaN', ±Infinity → '∞' / '−∞'; −0 shows as '0'.
 */
export function formatNumber(value: number, digits = 4): string {
  const special = nonFinite(value);
  if (special !== null) return special;
  if (value === 0) return '0';
  const d = Math.max(1, Math.min(15, Math.round(digits)));
  const abs = Math.abs(value);
  if (abs < 1e-4 || abs >= 1e6) {
    // toExponential gives "1.2000e-5"; trim trailing zeros and use the decimal comma.
    const [mantissa, exponent] = value.toExponential(d - 1).split('e');
    const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    return `${trimmed.replace('.', ',')}e${Number(exponent)}`;
  }
  if (abs < 1) {
    return spanishFormat({ maximumSignificantDigits: d }).format(value);
  }
  return spanishFormat({ maximumFractionDigits: d }).format(value);
}

/** Exactly `decimals` decimals, for table columns that must line up: `formatFixed(0.2, 2) === '0,20'`. */
export function formatFixed(value: number, decimals: number): string {
  const special = nonFinite(value);
  if (special !== null) return special;
  return spanishFormat({ minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

/** Formats an integer with Spanish grouping: `formatInteger(6305802) === '6.305.802'`. Rounds non-integers. */
export function formatInteger(n: number): string {
  const special = nonFinite(n);
  if (special !== null) return special;
  const rounded = Math.round(n);
  return spanishFormat({ maximumFractionDigits: 0 }).format(rounded === 0 ? 0 : rounded);
}

/**
 * Formats a vector: `formatVector([1.5, -2]) === '1,5; -2'`.
 * Uses '; ' as separator because the comma is the decimal separator.
 */
export function formatVector(values: readonly number[], digits?: number): string {
  return values.map((v) => formatNumber(v, digits)).join('; ');
}

const NUMBER_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parses a number typed by a Spanish or English speaker: '0,1', '0.1', '-1,5e-3', '1.234,5'.
 *
 * A single kind of separator ('.' or ',') is the decimal separator; when both appear, dots
 * are grouping and the comma is decimal. Surrounding spaces are ignored, and '−' counts as
 * minus. Anything else (empty text, letters, two decimal commas) gives NaN.
 */
export function parseSpanishNumber(text: string): number {
  let s = text.trim().replace(/\u2212/g, '-');
  if (s === '') return NaN;
  if (s.includes(',') && s.includes('.')) {
    // "1.234,5": dots must be valid thousands groups, otherwise the input is ambiguous.
    if (!/^[+-]?\d{1,3}(\.\d{3})+,\d*(e[+-]?\d+)?$/i.test(s)) return NaN;
    s = s.replace(/\./g, '');
  }
  s = s.replace(',', '.');
  if (!NUMBER_PATTERN.test(s)) return NaN;
  return Number(s);
}
