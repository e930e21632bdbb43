import { displayValue } from '../../ui/Readout';
import { formatNumber, parseSpanishNumber } from '../../ui/format';

/**
 * What a predict-then-check question needs besides React: reading the engine's answer off
 * the widget it runs (through the public contract, data-testid + data-value, so the answer
 * is by construction what the widget shows) and judging the student's guess against it.
 */

/** How a numeric answer is typed and shown; 'percent' answers are fractions shown as %. */
export type AnswerFormat = 'number' | 'integer' | 'percent';

/** Statuses after which a run changes no more (DESIGN.md, `status` readout). */
const FINAL = ['done', 'diverged', 'error'];

export type Reading = { value: string } | { failed: string } | null;

/**
 * The value of readout `id` inside `root` once the widget has answered: when `until` lists
 * statuses, once the `status` readout reaches one of them (a run that ends otherwise
 * fails); without `until` (tools that compute without training), once it has a value.
 * Null while the widget is still working.
 */
export function readAnswer(root: ParentNode, id: string, until: readonly string[]): Reading {
  if (until.length > 0) {
    const status = root.querySelector('[data-testid="status"]')?.getAttribute('data-value') ?? '';
    if (!until.includes(status)) {
      if (!FINAL.includes(status)) return null;
      const why = root.querySelector('[data-testid="message"]')?.textContent;
      return { failed: why || `La ejecución terminó con el estado «${status}».` };
    }
  }
  const value = root.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-value') ?? '';
  return value === '' ? null : { value };
}

/** The student's typed number in the answer's units (a percent typed as 10 is 0.1); NaN if unreadable. */
export function parseGuess(text: string, format: AnswerFormat): number {
  // Counts are typed with Spanish grouping ("308.310"), which would otherwise read as a decimal.
  const n = parseSpanishNumber(format === 'integer' ? text.replace(/[.\s\u202f]/g, '') : text.replace(/%\s*$/, ''));
  return format === 'percent' ? n / 100 : n;
}

/** A machine value shown the way the widget's readouts show it (Spanish decimal comma). */
export function showAnswer(value: string, format: AnswerFormat, digits: number | undefined): string {
  const n = Number(value);
  return value.trim() !== '' && !Number.isNaN(n) ? displayValue(n, format, digits) : value;
}

/** A distance or margin in the answer's units: percentage points for percents. */
function showMargin(delta: number, format: AnswerFormat): string {
  // Two significant digits say how far; more would look like a second answer.
  if (format !== 'percent') return formatNumber(delta, 2);
  const points = formatNumber(delta * 100, 2);
  return `${points} ${points === '1' ? 'punto' : 'puntos'}`;
}

export interface Verdict {
  close: boolean;
  /** One Spanish sentence saying so, with the distance and the margin for numbers. */
  sentence: string;
}

/**
 * Whether a numeric guess lies within `tolerance` of the answer (in the answer's units), or
 * a chosen option is the answer.
 */
export function judge(guess: number | string, answer: string, tolerance: number, format: AnswerFormat): Verdict {
  if (typeof guess === 'string') {
    const close = guess === answer;
    return { close, sentence: close ? '¡Acertaste!' : 'No: el laboratorio dice otra cosa.' };
  }
  const distance = Math.abs(guess - Number(answer));
  // A little slack so that a margin written in decimal (0.1) is not missed by float rounding.
  const close = distance <= tolerance * (1 + 1e-9) + 1e-12;
  if (distance === 0) return { close, sentence: '¡Exacto!' };
  const margin = tolerance > 0 ? ` (el margen es ±${showMargin(tolerance, format)})` : '';
  const sentence = close
    ? `¡Bien! Estás a ${showMargin(distance, format)}${margin}.`
    : `${tolerance > 0 ? 'Lejos: t' : 'T'}e separan ${showMargin(distance, format)} del laboratorio${margin}.`;
  return { close, sentence };
}
