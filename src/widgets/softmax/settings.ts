import { BACKEND_FIELD, type ChoiceField, type Fields, type Values } from '../urlState';

/** Lesson 4's tool as the widget runs it: a vector of logits, the correct class, η. */

/** The engine refuses logits beyond ±6 (LOGIT_LIMIT in src/engine/softmax.ts, which loads tfjs). */
export const LIMIT = 6;
const DEFAULT_LOGITS = [2, 1, 0.1];
export const CLASS_NAMES = ['gato', 'perro', 'pájaro', 'ciervo', 'rana', 'barco'];
const MIN_CLASSES = 2;

function parseLogits(raw: string): number[] | null {
  const values = raw.split(',').map((v) => Number(v.trim()));
  const ok =
    values.length >= MIN_CLASSES && values.length <= CLASS_NAMES.length && values.every((v) => Number.isFinite(v) && Math.abs(v) <= LIMIT);
  return ok ? values : null;
}

/** How many classes: a menu, not a URL key (the logits say it). */
export const COUNT_FIELD: ChoiceField = {
  kind: 'choice',
  label: 'Clases',
  default: String(DEFAULT_LOGITS.length),
  options: Array.from({ length: CLASS_NAMES.length - MIN_CLASSES + 1 }, (_, i) => String(MIN_CLASSES + i)),
};

export const SOFTMAX_FIELDS = {
  z: {
    kind: 'text',
    label: 'Los logits',
    default: '',
    check: (raw: string) =>
      parseLogits(raw)
        ? null
        : `deben ser de ${MIN_CLASSES} a ${CLASS_NAMES.length} números entre −${LIMIT} y ${LIMIT} separados por comas`,
  },
  clase: { kind: 'number', label: 'La clase correcta', default: 0, integer: true, min: 0, max: CLASS_NAMES.length - 1 },
  lr: { kind: 'number', label: 'Tasa de aprendizaje η', default: 1, min: 0, exclusiveMin: true, max: 100 },
  backend: BACKEND_FIELD,
} satisfies Fields;

/** What the engine inspects for these settings: the logits (the defaults while none are set) and the correct class. */
export function inspection(s: Values<typeof SOFTMAX_FIELDS>): { logits: number[]; target: number } {
  const logits = (s.z && parseLogits(s.z)) || DEFAULT_LOGITS;
  return { logits, target: Math.min(s.clase, logits.length - 1) };
}
