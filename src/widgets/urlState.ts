import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { BACKEND_NAMES, type Activation, type BackendPreference } from '../engine/protocol';
import { formatNumber, parseSpanishNumber } from '../ui/format';
import { usePublish } from '../takeaway/LabRunContext';

/**
 * Every control of a widget is a field of one schema: read from text, refused with a Spanish
 * notice (and the default used) when bad, written back as text. Where that text lives
 * depends on the page, and is chosen once, where the widget is mounted (see WidgetBody):
 * - `#/lab/<widget>` shows one widget, so its settings live in the URL under the keys
 *   DESIGN.md lists and a link restores the exact demo (the TensorFlow Playground habit);
 * - a lesson shows several widgets under one URL, so each keeps its own settings in React
 *   state, starting from the defaults: what one widget changes, another never sees.
 * Both stores hold the same text, so parsing, notices and writing are one path.
 * `autoplay=1` is an instruction to the page rather than a setting: it starts the run its
 * link describes, on lab pages and in lessons alike, and ends with the first change, whose
 * new run waits for Play.
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

/** What a field holds once read: a choice is one of its options. */
export type ValueOf<F extends Field> = F extends NumberField
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

/** Where a widget keeps its settings: the page's URL (lab pages) or its own state (lessons). */
export type SettingsStore = 'url' | 'widget';
export const SettingsStoreContext = createContext<SettingsStore>('widget');
/**
 * Text a lesson widget's own settings start from, in the URL's form ("lr=0.01&autoplay=1"):
 * a question runs its widget with its own settings (see src/app/question). '' : the defaults.
 */
export const SettingsSeedContext = createContext('');

const AUTOPLAY = 'autoplay';

const AUTOPLAY_FIELD: FlagField = { kind: 'flag', label: 'El arranque automático', default: false };

export type SettingsUpdate<F extends Fields> = Partial<Values<F>> | ((current: Values<F>) => Partial<Values<F>>);

export interface Settings<F extends Fields> {
  values: Values<F>;
  /** Why values in the link were refused, one Spanish sentence each (see UrlNotices). */
  notices: string[];
  /** Start the run as soon as it is built: asked by the link, and only until the first change. */
  autoplay: boolean;
  /** Changes some settings; an update function sees changes not yet rendered (two quick B presses). */
  set(update: SettingsUpdate<F>): void;
}

function read<F extends Fields>(fields: F, params: URLSearchParams) {
  const values: Record<string, unknown> = {};
  const notices: string[] = [];
  for (const [name, field] of Object.entries({ ...fields, [AUTOPLAY]: AUTOPLAY_FIELD })) {
    const raw = params.get(name);
    values[name] = field.default;
    if (raw === null || raw === '') continue;
    const parsed = parseField(field, raw);
    if ('value' in parsed) values[name] = parsed.value;
    else notices.push(`«${name}=${raw}» no es válido: ${field.label.toLowerCase()} ${parsed.error}. Se usa ${showDefault(field)}.`);
  }
  const { [AUTOPLAY]: autoplay, ...rest } = values;
  return { values: rest as Values<F>, notices, autoplay: autoplay as boolean };
}

function write<F extends Fields>(fields: F, current: URLSearchParams, changes: Partial<Values<F>>): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [name, value] of Object.entries(changes)) {
    const field = fields[name];
    if (value === undefined || !field) continue;
    const raw = serializeField(field, value);
    if (raw === '') next.delete(name);
    else next.set(name, raw);
  }
  // A changed setting makes a new run, which waits for Play: autoplay was for the linked one.
  next.delete(AUTOPLAY);
  return next;
}

/** The widget's settings, from the store its page gives it (see the comment at the top). */
export function useSettings<F extends Fields>(fields: F): Settings<F> {
  const inUrl = useContext(SettingsStoreContext) === 'url';
  const [page, setPage] = useSearchParams();
  const seed = useContext(SettingsSeedContext);
  // A lesson's widget starts from its seed (usually none: the defaults); of the page's link it takes autoplay only.
  const [own, setOwn] = useState(() => {
    const start = new URLSearchParams(seed);
    const autoplay = page.get(AUTOPLAY);
    if (autoplay !== null && !start.has(AUTOPLAY)) start.set(AUTOPLAY, autoplay);
    return start;
  });
  // A URL write shows up one render later; a second change before then builds on the first.
  const pending = useRef<URLSearchParams | null>(null);
  useEffect(() => {
    pending.current = null;
  }, [page]);

  const params = inUrl ? page : own;
  const { values, notices, autoplay } = useMemo(() => read(fields, params), [fields, params]);
  // A lab page's code panel writes the code of exactly these values.
  usePublish(values, (store, v) => store.publishValues(v), inUrl);
  const set = useCallback(
    (update: SettingsUpdate<F>) => {
      const apply = (current: URLSearchParams) =>
        write(fields, current, typeof update === 'function' ? update(read(fields, current).values) : update);
      if (!inUrl) {
        setOwn(apply);
        return;
      }
      const next = apply(pending.current ?? page);
      pending.current = next;
      setPage(next, { replace: true });
    },
    [inUrl, fields, page, setPage],
  );
  return { values, notices, autoplay, set };
}

export const BACKEND_FIELD: ChoiceField<BackendPreference> = {
  kind: 'choice',
  label: 'El motor de cálculo',
  default: 'auto',
  options: ['auto', ...BACKEND_NAMES],
};

/** What the B key needs of a widget's settings: a way to change its backend through them. */
export type BackendSettings = Pick<Settings<{ backend: typeof BACKEND_FIELD }>, 'set'>;

/** The backend after `current` in the menu's order, back to the first after the last. */
export function nextBackend(current: BackendPreference): BackendPreference {
  const { options } = BACKEND_FIELD;
  return options[(options.indexOf(current) + 1) % options.length];
}

export const SEED_FIELD: NumberField = { kind: 'number', label: 'La semilla', default: 42, integer: true, min: 0, max: 2 ** 31 - 1 };

/** The Spanish name of each activation a widget offers for its hidden layers. */
const HIDDEN_ACTIVATION_LABELS = { relu: 'ReLU', gelu: 'GELU', tanh: 'tanh', sigmoid: 'sigmoide' } as const satisfies Partial<
  Record<Activation, string>
>;

/** The hidden layers' activation as a menu of the ones a widget offers, named alike in every widget. */
export function hiddenActivationField<T extends keyof typeof HIDDEN_ACTIVATION_LABELS>(
  options: readonly T[],
  byDefault: T,
): ChoiceField<T> {
  return {
    kind: 'choice',
    label: 'Activación oculta',
    default: byDefault,
    options,
    // Names of activations not offered are never looked up: the menu lists `options` only.
    optionLabels: HIDDEN_ACTIVATION_LABELS,
  };
}
