import { useContext, useMemo } from 'react';
import { RACER_NAMES, type RacerName } from '../../engine/protocol';
import { RECTA_FIELDS } from '../recta/settings';
import { SettingsStoreContext, useSettings, type ChoiceField, type Fields, type TextField } from '../urlState';
import { SURFACES, type SurfaceName } from './surfaces';

/**
 * The loss-surface lab's knobs. `superficie` picks the track (surfaces.ts), and with it the
 * defaults of the start, SGD's η and the epochs, so `?superficie=valle` alone is the valley's
 * race. `optimizadores` lists the racers (sgd, momentum, rmsprop, adam). Which run by default
 * depends on the page: on #/lab/superficie all four race, the picture the lab is for; in the
 * gradient lesson the widget shows plain gradient descent alone, which is what that lesson
 * teaches and what its questions ask about (the optimizers come later, with CIFAR-10), and
 * the student may tick the others.
 */

const SURFACE_FIELD: ChoiceField<SurfaceName> = {
  kind: 'choice',
  label: 'La superficie',
  default: 'recta',
  options: ['recta', 'valle'],
  optionLabels: { recta: 'Recta del cuaderno', valle: 'Valle alargado' },
};

/** The racers a list names, in the legend's order; null if it names none, repeats one or has another word. */
export function parseRacers(raw: string): RacerName[] | null {
  const names = raw.split(',').map((n) => n.trim());
  const known = names.every((n): n is RacerName => (RACER_NAMES as readonly string[]).includes(n));
  if (!known || new Set(names).size !== names.length) return null;
  return RACER_NAMES.filter((n) => names.includes(n));
}

function racersField(byDefault: readonly RacerName[]): TextField {
  return {
    kind: 'text',
    label: 'La lista de optimizadores',
    default: byDefault.join(','),
    check: (raw) => (parseRacers(raw) ? null : `debe ser una lista, separada por comas y sin repetir, de: ${RACER_NAMES.join(', ')}`),
  };
}

function fieldsFor(surface: SurfaceName, racers: readonly RacerName[]) {
  const { start, rates, epochs } = SURFACES[surface];
  return {
    superficie: SURFACE_FIELD,
    optimizadores: racersField(racers),
    lr: { ...RECTA_FIELDS.lr, label: 'Tasa de aprendizaje η de SGD', default: rates.sgd },
    epochs: { ...RECTA_FIELDS.epochs, default: epochs },
    w0: { ...RECTA_FIELDS.w0, default: start.w0 },
    b0: { ...RECTA_FIELDS.b0, default: start.b0 },
    backend: RECTA_FIELDS.backend,
  } satisfies Fields;
}

export type SuperficieFields = ReturnType<typeof fieldsFor>;

const FIELDS = {
  url: { recta: fieldsFor('recta', RACER_NAMES), valle: fieldsFor('valle', RACER_NAMES) },
  widget: { recta: fieldsFor('recta', ['sgd']), valle: fieldsFor('valle', ['sgd']) },
};

const SURFACE_ONLY = { superficie: SURFACE_FIELD } satisfies Fields;

/** The settings, with defaults for the surface they name (read first) and the page they are on. */
export function useSuperficieSettings() {
  const store = useContext(SettingsStoreContext);
  const { superficie } = useSettings(SURFACE_ONLY).values;
  const fields = FIELDS[store][superficie];
  const settings = useSettings(fields);
  const racers = useMemo(() => parseRacers(settings.values.optimizadores) ?? [], [settings.values.optimizadores]);
  return { settings, fields, racers };
}

/** What choosing a surface sets: its own start, SGD's η and epochs. */
export function surfacePreset(surface: SurfaceName) {
  const { start, rates, epochs } = SURFACES[surface];
  return { superficie: surface, ...start, lr: rates.sgd, epochs };
}
