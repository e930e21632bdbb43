import type { EpochRecord } from '../engine/protocol';

/**
 * The take-away code of a lab: the Keras program as the notebooks write it, cut into steps
 * that each explain themselves (the notebook's markdown cells), and the same run in
 * TensorFlow.js. Every lab's generator (src/takeaway/labs) builds one from the values its
 * widget runs with, so the code changes with every control.
 */

export interface Step {
  /** Spanish markdown: what this step does and why. */
  explain: string;
  /** Python code of the step, without a trailing newline. */
  code: string;
}

export interface Program {
  /** The notebook's title (Spanish). */
  title: string;
  /** Spanish markdown opening the notebook: what is reproduced, and what cannot be. */
  intro: string;
  steps: Step[];
  /** The equivalent TensorFlow.js program. */
  tfjs: string;
  /**
   * The final notebook cell: the browser's numbers for its last epoch (`browser`, keyed by
   * name) and Python lines that put Colab's numbers for the same epoch (the notebook's
   * count) in a dict `colab` with the same keys. No keys: nothing to compare.
   */
  compare: { browser: (record: EpochRecord) => Record<string, number>; colab: (epoch: number) => string[] };
}

/** The whole Keras program: the steps in order, a blank line between them. */
export const kerasCode = (program: Program): string => program.steps.map((s) => s.code).join('\n\n') + '\n';

/**
 * A number as Python and JavaScript both read it back to the same float64 (JS's shortest
 * round-trip form: `0.1`, `1e-7`, `6`). Not finite values would not be code.
 */
export function num(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`Not a finite number: ${n}`);
  return String(n);
}

/** A float literal for Python: `6.0` rather than `6`, so a tf.Variable is float32 from its start. */
export function float(n: number): string {
  const text = num(n);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** `[1, 2, 3]` (nested arrays too), the same text in Python and JavaScript. */
export function list(values: readonly (number | readonly number[])[], format: (n: number) => string = num): string {
  return `[${values.map((v) => (typeof v === 'number' ? format(v) : list(v, format))).join(', ')}]`;
}

/** A Python string literal (single quotes, as the notebooks write them). */
export function pyString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The comparison of a Keras run: its CSVLogger file has one row per epoch, numbered as the
 * browser numbers them, so the row of the browser's last epoch is read back.
 */
export function csvComparison(browser: (record: EpochRecord) => Record<string, number>): Program['compare'] {
  return {
    browser,
    colab: (epoch) => [
      'import csv',
      '',
      "with open('historial.csv') as f:",
      '    rows = list(csv.DictReader(f))',
      `row = next((r for r in rows if int(r['epoch']) == ${epoch}), rows[-1])`,
      'colab = {key: float(row[key]) for key in browser if key in row}',
    ],
  };
}

/**
 * Python's repr() of a float (what print, str and CSVLogger write): the shortest digits that
 * read back to the same double, as JS finds them, laid out by Python's rule: positional for
 * exponents from −4 to 15 (`0.0001`, `123.0`), otherwise `1e-05`, `1.5e+16`.
 */
export function pythonRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = Math.abs(n).toExponential().split('e');
  const exponent = Number(exponentText);
  const digits = mantissa.replace('.', '');
  const sign = n < 0 ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${sign}${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
}
