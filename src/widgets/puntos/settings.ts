import type { RunSpec } from '../../engine/protocol';
import { binaryClassifierSpec } from '../binaryClassifier';
import { BACKEND_FIELD, hiddenActivationField, SEED_FIELD, type ChoiceField, type Fields, type Values } from '../urlState';
import { classCount, DATASETS, MAX_CLASSES, MAX_POINTS, parsePoints, type DatasetName, type Point } from './datasets';
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

/** How each class is drawn on the plane (and named in the menus). */
export const CLASS_SHAPES = ['círculo', 'cuadrado', 'triángulo', 'rombo'] as const;
type ClassOption = '0' | '1' | '2' | '3';
const CLASS_OPTIONS: ClassOption[] = ['0', '1', '2', '3'];
const CLASS_FIELD: ChoiceField<ClassOption> = {
  kind: 'choice',
  label: 'Un clic añade',
  default: '1',
  options: CLASS_OPTIONS,
  optionLabels: Object.fromEntries(CLASS_OPTIONS.map((c) => [c, `clase ${c} (${CLASS_SHAPES[Number(c)]})`])) as Record<ClassOption, string>,
};

export const PUNTOS_FIELDS = {
  datos: DATASET_FIELD,
  clases: { kind: 'number', label: 'Clases', default: 2, integer: true, min: 2, max: MAX_CLASSES },
  ruido: { kind: 'number', label: 'Ruido', default: 0.2, min: 0, max: 1 },
  puntos: {
    kind: 'text',
    label: 'Los puntos',
    default: '',
    check: (raw: string) =>
      parsePoints(raw) ? null : `deben ser hasta ${MAX_POINTS} ternas «x,y,clase» separadas por «;», con clase de 0 a ${MAX_CLASSES - 1}`,
  },
  capas: { kind: 'number', label: 'Capas ocultas', default: 0, integer: true, min: 0, max: 4 },
  neuronas: { kind: 'number', label: 'Neuronas por capa', default: 4, integer: true, min: 1, max: 8 },
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
  const dataset = DATASETS[s.datos];
  return s.puntos ? parsePoints(s.puntos)! : dataset.points(s.seed, s.ruido, Math.min(s.clases, dataset.maxClasses));
}

/** Classes the run separates (1: a regression): as many as the points have. */
export function settingsClasses(s: PuntosSettings, points: readonly Point[]): number {
  return classCount(points, DATASETS[s.datos].task);
}

/** Does the run start from the notebook's single neuron (two classes, no hidden layer)? */
export const notebookNeuron = (s: PuntosSettings, classes: number) => s.capas === 0 && classes === 2;

/**
 * The run: the points, a network of `capas` hidden layers (a single neuron, or one softmax
 * layer, with zero), the predictions watched on the points and every neuron's activation on
 * `grid` (the plane, or the x axis of a regression).
 */
export function puntosSpec(s: PuntosSettings, points: readonly Point[], grid: number[][]): RunSpec | null {
  if (points.length === 0) return null;
  const classes = settingsClasses(s, points);
  const x = classes === 1 ? points.map((p) => [p.x]) : points.map((p) => [p.x, p.y]);
  return binaryClassifierSpec({
    x,
    y: points.map((p) => (classes === 1 ? p.y : p.c)),
    classes,
    w0: notebookNeuron(s, classes) ? s.w0 : undefined,
    b0: s.b0,
    hidden: Array.from({ length: s.capas }, () => ({ units: s.neuronas, activation: s.activacion })),
    lr: s.lr,
    epochs: s.epochs,
    backend: s.backend,
    seed: s.seed,
    watchInputs: x,
    watchActivations: grid,
  });
}
