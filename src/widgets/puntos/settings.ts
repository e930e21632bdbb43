import type { RunSpec } from '../../engine/protocol';
import { binaryClassifierSpec } from '../binaryClassifier';
import { BACKEND_FIELD, hiddenActivationField, SEED_FIELD, type ChoiceField, type Fields, type Values } from '../urlState';
import { DATASETS, MAX_POINTS, parsePoints, type DatasetName, type Point } from './datasets';
import { PUNTOS_NOTEBOOK } from './exercise';

/** Exercise C and beyond as the widget runs it: a dataset (or the student's points) and a network. */

const DATASET_FIELD: ChoiceField<DatasetName> = {
  kind: 'choice',
  label: 'Datos',
  default: 'ejercicio',
  options: Object.keys(DATASETS) as DatasetName[],
  optionLabels: Object.fromEntries(Object.entries(DATASETS).map(([k, d]) => [k, d.label])) as Record<DatasetName, string>,
};
export const ACTIVATION_FIELD = hiddenActivationField(['relu', 'tanh', 'sigmoid'], 'tanh');
const CLASS_FIELD: ChoiceField<'0' | '1'> = {
  kind: 'choice',
  label: 'Un clic añade',
  default: '1',
  options: ['0', '1'],
  optionLabels: { '0': 'clase 0 (círculo)', '1': 'clase 1 (cuadrado)' },
};

export const PUNTOS_FIELDS = {
  datos: DATASET_FIELD,
  ruido: { kind: 'number', label: 'Ruido', default: 0.2, min: 0, max: 1 },
  puntos: {
    kind: 'text',
    label: 'Los puntos',
    default: '',
    check: (raw: string) =>
      parsePoints(raw) ? null : `deben ser hasta ${MAX_POINTS} ternas «x,y,clase» separadas por «;», con clase 0 o 1`,
  },
  capas: { kind: 'number', label: 'Capas ocultas', default: 0, integer: true, min: 0, max: 4 },
  neuronas: { kind: 'number', label: 'Neuronas por capa', default: 4, integer: true, min: 1, max: 16 },
  activacion: ACTIVATION_FIELD,
  w0: { kind: 'vector', label: 'Pesos iniciales', default: [...PUNTOS_NOTEBOOK.w0], length: 2, labels: ['w₁ inicial', 'w₂ inicial'] },
  b0: { kind: 'number', label: 'b inicial', default: PUNTOS_NOTEBOOK.b0 },
  lr: { kind: 'number', label: 'Tasa de aprendizaje η', default: PUNTOS_NOTEBOOK.lr, min: 0, exclusiveMin: true, max: 1e12 },
  epochs: { kind: 'number', label: 'Épocas', default: PUNTOS_NOTEBOOK.epochs, integer: true, min: 1, max: 1_000_000 },
  seed: SEED_FIELD,
  clase: CLASS_FIELD,
  backend: BACKEND_FIELD,
} satisfies Fields;

export type PuntosSettings = Values<typeof PUNTOS_FIELDS>;

/** The points the run learns: the ones edited into the settings, or the dataset's. */
export function settingsPoints(s: PuntosSettings): Point[] {
  return s.puntos ? parsePoints(s.puntos)! : DATASETS[s.datos].points(s.seed, s.ruido);
}

/**
 * The run: the points, a network of `capas` hidden layers (a single neuron with zero), and
 * the probability watched on the points and then on the cells of `grid`, in that order.
 */
export function puntosSpec(s: PuntosSettings, points: readonly Point[], grid: number[][]): RunSpec | null {
  if (points.length === 0) return null;
  const x = points.map((p) => [p.x, p.y]);
  return binaryClassifierSpec({
    x,
    y: points.map((p) => p.c),
    w0: s.w0,
    b0: s.b0,
    hidden: Array.from({ length: s.capas }, () => ({ units: s.neuronas, activation: s.activacion })),
    lr: s.lr,
    epochs: s.epochs,
    backend: s.backend,
    seed: s.seed,
    watchInputs: [...x, ...grid],
  });
}
