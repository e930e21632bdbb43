import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { BACKEND_NAMES, type BackendPreference } from '../engine/spec';
import { formatNumber, parseSpanishNumber } from '../ui/format';

/**
 * Every control of a widget lives in the URL (the TensorFlow Playground habit), so a link
 * restores the exact demo. Bad values are refused with a Spanish notice and the default used.
 */

export interface NumberField {
  kind: 'number';
  label: string;
  default: number;
  min?: number;
  /** When true, `min` itself is not allowed (a learning rate must be > 0). */
  exclusiveMin?: boolean;
  max?: number;
  integer?: boolean;
}

export interface VectorField {
  kind: 'vector';
  label: string;
  default: number[];
  length: number;
  /** One visible label per component, e.g. ['w₁ inicial', 'w₂ inicial']. */
  labels?: string[];
}

export interface ChoiceField<T extends string = string> {
  kind: 'choice';
  label: string;
  default: T;
  options: readonly T[];
  /** Spanish names shown in the menu; the URL keeps the option itself. */
  optionLabels?: Readonly<Record<T, string>>;
}

export interface FlagField {
  kind: 'flag';
  label: string;
  default: boolean;
}

/** Free text with its own check (e.g. a list of points); '' means "not set". */
export interface TextField {
  kind: 'text';
  label: string;
  default: string;
  /** Returns why the text is refused (after "debe…"), or null when it is fine. */
  check(raw: string): string | null;
}

export type Field = NumberField | VectorField | ChoiceField | FlagField | TextField;
export type Fields = Record<string, Field>;

type ValueOf<F extends Field> = F extends NumberField
  ? number
  : F extends VectorField
    ? number[]
    : F extends ChoiceField<infer T>
      ? T
      : F extends TextField
        ? string
        : boolean;
export type Values<F extends Fields> = { [K in keyof F]: ValueOf<F[K]> };

function describeRange(f: NumberField): string {
  const parts: string[] = [f.integer ? 'un número entero' : 'un número'];
  if (f.min !== undefined) parts.push(`${f.exclusiveMin ? 'mayor que' : 'mayor o igual que'} ${formatNumber(f.min)}`);
  if (f.max !== undefined) parts.push(`${f.min !== undefined ? 'y ' : ''}menor o igual que ${formatNumber(f.max)}`);
  return parts.join(' ');
}

function showDefault(f: Field): string {
  if (f.kind === 'text') return f.default === '' ? 'el valor por defecto' : f.default;
  if (f.kind === 'number') return formatNumber(f.default, 8);
  if (f.kind === 'vector') return f.default.map((v) => formatNumber(v, 8)).join('; ');
  return String(f.default);
}

/** Parses one raw URL value; returns the value or a Spanish reason it was refused. */
export function parseField(f: Field, raw: string): { value: unknown } | { error: string } {
  switch (f.kind) {
    case 'number': {
      // URLs carry plain JS numbers; a Spanish decimal comma is accepted too.
      const n = parseSpanishNumber(raw);
      const ok =
        Number.isFinite(n) &&
        (!f.integer || Number.isInteger(n)) &&
        (f.min === undefined || (f.exclusiveMin ? n > f.min : n >= f.min)) &&
        (f.max === undefined || n <= f.max);
      return ok ? { value: n } : { error: `debe ser ${describeRange(f)}` };
    }
    case 'vector': {
      const parts = raw.split(',').map((p) => Number(p.trim()));
      const ok = parts.length === f.length && parts.every((p) => Number.isFinite(p));
      return ok ? { value: parts } : { error: `debe tener ${f.length} números separados por comas` };
    }
    case 'choice':
      return f.options.includes(raw) ? { value: raw } : { error: `debe ser uno de: ${f.options.join(', ')}` };
    case 'flag':
      return raw === '1' || raw === '0' ? { value: raw === '1' } : { error: 'debe ser 1 o 0' };
    case 'text': {
      const problem = f.check(raw);
      return problem ? { error: problem } : { value: raw };
    }
  }
}

export function serializeField(f: Field, value: unknown): string {
  if (f.kind === 'vector') return (value as number[]).join(',');
  if (f.kind === 'flag') return value ? '1' : '0';
  return String(value);
}

/** Reads the widget's fields from the URL; `set` writes changes back (replacing history). */
export function useUrlState<F extends Fields>(fields: F) {
  const [params, setParams] = useSearchParams();
  const { values, notices } = useMemo(() => {
    const values: Record<string, unknown> = {};
    const notices: string[] = [];
    for (const [name, field] of Object.entries(fields)) {
      const raw = params.get(name);
      values[name] = field.default;
      if (raw === null || raw === '') continue;
      const parsed = parseField(field, raw);
      if ('value' in parsed) values[name] = parsed.value;
      else notices.push(`«${name}=${raw}» no es válido: ${field.label.toLowerCase()} ${parsed.error}. Se usa ${showDefault(field)}.`);
    }
    return { values: values as Values<F>, notices };
  }, [params, fields]);

  const set = useCallback(
    (changes: Partial<Values<F>>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(changes)) {
            const field = fields[name];
            if (value === undefined || !field) continue;
            const raw = serializeField(field, value);
            if (raw === '') next.delete(name);
            else next.set(name, raw);
          }
          next.delete('autoplay');
          return next;
        },
        { replace: true },
      );
    },
    [setParams, fields],
  );
  return { values, notices, set };
}

export const BACKEND_FIELD: ChoiceField<BackendPreference> = {
  kind: 'choice',
  label: 'El motor de cálculo',
  default: 'auto',
  options: ['auto', ...BACKEND_NAMES],
};

export const SEED_FIELD: NumberField = { kind: 'number', label: 'La semilla', default: 42, integer: true, min: 0, max: 2 ** 31 - 1 };

export const AUTOPLAY_FIELD: FlagField = { kind: 'flag', label: 'El arranque automático', default: false };
