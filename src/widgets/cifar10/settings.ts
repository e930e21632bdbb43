import {
  CIFAR10_CLASSES,
  IMAGE_SIDE,
  type CallbackSpec,
  type EarlyStoppingSpec,
  type OptimizerSpec,
  type RunSpec,
} from '../../engine/protocol';
import { BACKEND_FIELD, hiddenActivationField, SEED_FIELD, type ChoiceField, type Fields, type Values } from '../urlState';

/** Exercise D as the widget runs it: an MLP on CIFAR-10, with the notebook's choices as defaults. */

/** The optimizers the notes compare, with the learning rates the notebooks use. */
export type OptimizerName = 'sgd' | 'momentum' | 'adam' | 'rmsprop';
export const OPTIMIZER_LABELS: Record<OptimizerName, string> = {
  sgd: 'SGD',
  momentum: 'SGD con momento',
  adam: 'Adam',
  rmsprop: 'RMSprop',
};
/** Exercise D: Adam 1e-4 in the reference notebook; SGD 0.04 and RMSprop 1e-3 in the comparison. */
export const DEFAULT_LR: Record<OptimizerName, number> = { sgd: 0.04, momentum: 0.04, adam: 1e-4, rmsprop: 1e-3 };

const OPTIMIZER_FIELD: ChoiceField<OptimizerName> = {
  kind: 'choice',
  label: 'Optimizador',
  default: 'adam',
  options: ['sgd', 'momentum', 'adam', 'rmsprop'],
  optionLabels: OPTIMIZER_LABELS,
};
export const ACTIVATION_FIELD = hiddenActivationField(['relu', 'gelu', 'tanh'], 'relu');

export const CIFAR10_FIELDS = {
  train: { kind: 'number', label: 'Imágenes de entrenamiento', default: 50_000, integer: true, min: 1_000, max: 50_000 },
  optimizer: OPTIMIZER_FIELD,
  lr: { kind: 'number', label: 'Tasa de aprendizaje η', default: DEFAULT_LR.adam, min: 0, exclusiveMin: true, max: 10 },
  batch: { kind: 'number', label: 'Tamaño de lote', default: 64, integer: true, min: 1, max: 4096 },
  epochs: { kind: 'number', label: 'Épocas (máximo)', default: 100, integer: true, min: 1, max: 1000 },
  hidden: { kind: 'number', label: 'Capas ocultas', default: 4, integer: true, min: 0, max: 8 },
  units: { kind: 'number', label: 'Neuronas por capa', default: 1024, integer: true, min: 1, max: 4096 },
  activacion: ACTIVATION_FIELD,
  dropout: { kind: 'number', label: 'Dropout', default: 0.2, min: 0, max: 0.9 },
  bn: { kind: 'flag', label: 'BatchNormalization', default: false },
  /** EarlyStopping exactly as the notebook configures it (EARLY_STOPPING). */
  parada: { kind: 'flag', label: 'Parada temprana', default: true },
  /** The notes' learning-rate schedule (SCHEDULE). */
  programa: { kind: 'flag', label: 'Programa de η', default: false },
  seed: SEED_FIELD,
  backend: BACKEND_FIELD,
} satisfies Fields;

export type Cifar10Settings = Values<typeof CIFAR10_FIELDS>;

/** Pixels × channels of one image, flattened: the MLP's input. */
export const INPUT_SIZE = IMAGE_SIDE * IMAGE_SIDE * 3;
/** model.fit's validation_split in the notebook: the last tenth of the training images. */
export const VALIDATION_SPLIT = 0.1;
export const EARLY_STOPPING = {
  name: 'early_stopping',
  monitor: 'val_loss',
  minDelta: 0.01,
  patience: 3,
  restoreBestWeights: true,
} as const satisfies EarlyStoppingSpec;
/** The notes' schedule: keep lr for 10 epochs, then ×e^−0.1 per epoch. */
export const SCHEDULE = { kind: 'hold_then_exponential', holdEpochs: 10, rate: -0.1 } as const;

export function optimizerSpec(name: OptimizerName, learningRate: number): OptimizerSpec {
  // Keras defaults elsewhere: Adam β1 0.9, β2 0.999, ε 1e-7; RMSprop ρ 0.9; momentum 0.9 is the usual choice.
  if (name === 'momentum') return { name: 'sgd', learningRate, momentum: 0.9 };
  return { name, learningRate };
}

/** Exercise D's run: flatten, hidden Dense layers with Dropout, softmax over 10 classes. */
export function cifar10Spec(s: Cifar10Settings): RunSpec {
  const callbacks: CallbackSpec[] = [];
  if (s.parada) callbacks.push(EARLY_STOPPING);
  if (s.programa) callbacks.push({ name: 'lr_scheduler', schedule: SCHEDULE });
  return {
    model: {
      kind: 'mlp',
      inputShape: [INPUT_SIZE],
      hidden: Array.from({ length: s.hidden }, () => ({ units: s.units, activation: s.activacion, dropout: s.dropout, batchNorm: s.bn })),
      outputUnits: CIFAR10_CLASSES.length,
      outputActivation: 'softmax',
    },
    data: { kind: 'cifar10', train: s.train },
    loss: 'sparse_categorical_crossentropy',
    metrics: ['accuracy'],
    optimizer: optimizerSpec(s.optimizer, s.lr),
    batchSize: s.batch,
    epochs: s.epochs,
    validationSplit: VALIDATION_SPLIT,
    // model.fit shuffles the training samples every epoch.
    shuffle: true,
    callbacks,
    histograms: true,
    seed: s.seed,
    backend: s.backend,
  };
}

/** The notebook's comparison: SGD 0.04, Adam 1e-3, RMSprop 1e-3 on the same network. */
export const RACE: { optimizer: OptimizerName; lr: number; color: string }[] = [
  { optimizer: 'sgd', lr: 0.04, color: 'var(--series-1)' },
  { optimizer: 'adam', lr: 1e-3, color: 'var(--series-2)' },
  { optimizer: 'rmsprop', lr: 1e-3, color: 'var(--series-3)' },
];

/** The same run with another optimizer: same seed, so same initial weights and order. */
export function raceSpec(base: RunSpec, entry: (typeof RACE)[number]): RunSpec {
  return { ...base, optimizer: optimizerSpec(entry.optimizer, entry.lr), histograms: false };
}
