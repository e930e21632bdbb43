import {
  CIFAR10_CLASSES,
  IMAGE_SIDE,
  type CallbackSpec,
  type EarlyStoppingSpec,
  type ModelSpec,
  type OptimizerSpec,
  type RegularizerSpec,
  type RunSpec,
} from '../../engine/protocol';
import { augmentField, augmentSpec, parseAugment } from '../augment/augment';
import { BACKEND_FIELD, hiddenActivationField, SEED_FIELD, type ChoiceField, type Fields, type Values } from '../urlState';

/** Exercise D as the widget runs it: an MLP (or a small CNN) on CIFAR-10, with the notebook's choices as defaults. */

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

export type ModelName = 'mlp' | 'cnn';
const MODEL_FIELD: ChoiceField<ModelName> = {
  kind: 'choice',
  label: 'Modelo',
  default: 'mlp',
  options: ['mlp', 'cnn'],
  optionLabels: { mlp: 'MLP', cnn: 'CNN' },
};

/** Keras's kernel_regularizer for the two strengths: L1, L2, L1L2 or none. */
export function regularizerSpec(l1: number, l2: number): RegularizerSpec | undefined {
  if (l1 > 0 && l2 > 0) return { name: 'l1_l2', l1, l2 };
  if (l1 > 0) return { name: 'l1', l1 };
  if (l2 > 0) return { name: 'l2', l2 };
  return undefined;
}

export const CIFAR10_FIELDS = {
  train: { kind: 'number', label: 'Imágenes de entrenamiento', default: 50_000, integer: true, min: 1_000, max: 50_000 },
  model: MODEL_FIELD,
  optimizer: OPTIMIZER_FIELD,
  lr: { kind: 'number', label: 'Tasa de aprendizaje η', default: DEFAULT_LR.adam, min: 0, exclusiveMin: true, max: 10 },
  batch: { kind: 'number', label: 'Tamaño de lote', default: 64, integer: true, min: 1, max: 4096 },
  epochs: { kind: 'number', label: 'Épocas (máximo)', default: 100, integer: true, min: 1, max: 1000 },
  hidden: { kind: 'number', label: 'Capas ocultas', default: 4, integer: true, min: 0, max: 8 },
  units: { kind: 'number', label: 'Neuronas por capa', default: 1024, integer: true, min: 1, max: 4096 },
  activacion: ACTIVATION_FIELD,
  dropout: { kind: 'number', label: 'Dropout', default: 0.2, min: 0, max: 0.9 },
  bn: { kind: 'flag', label: 'BatchNormalization', default: false },
  l1: { kind: 'number', label: 'Regularización L1', default: 0, min: 0 },
  l2: { kind: 'number', label: 'Regularización L2', default: 0, min: 0 },
  augment: augmentField(''),
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
/** Keras's count for the notebook's MLP (4 × Dense(1024) and Dense(10)): the CNN's yardstick. */
export const REFERENCE_MLP_PARAMS = [INPUT_SIZE, 1024, 1024, 1024, 1024, CIFAR10_CLASSES.length].reduce(
  (sum, units, i, all) => (i === 0 ? 0 : sum + (all[i - 1] + 1) * units),
  0,
);
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

/** The small CNN's Dense layer before the output. */
export const CNN_DENSE_UNITS = 128;
/** Conv2D(32, 3×3, relu) → MaxPool → Conv2D(64, 3×3, relu) → MaxPool. */
export const CNN_CONV = [
  { filters: 32, kernelSize: 3, activation: 'relu' },
  { filters: 64, kernelSize: 3, activation: 'relu' },
] as const;

/** The MLP of the notebook, or the small CNN: Dropout and the kernel regularizer apply to either. */
function modelSpec(s: Cifar10Settings): ModelSpec {
  const kernelRegularizer = regularizerSpec(s.l1, s.l2);
  const output = { outputUnits: CIFAR10_CLASSES.length, outputActivation: 'softmax', kernelRegularizer } as const;
  if (s.model === 'cnn') {
    return {
      kind: 'cnn',
      inputShape: [IMAGE_SIDE, IMAGE_SIDE, 3],
      conv: CNN_CONV.map((c) => ({ ...c })),
      hidden: [{ units: CNN_DENSE_UNITS, activation: 'relu', dropout: s.dropout }],
      ...output,
    };
  }
  return {
    kind: 'mlp',
    inputShape: [INPUT_SIZE],
    hidden: Array.from({ length: s.hidden }, () => ({ units: s.units, activation: s.activacion, dropout: s.dropout, batchNorm: s.bn })),
    ...output,
  };
}

/** Exercise D's run: flatten, hidden Dense layers with Dropout, softmax over 10 classes. */
export function cifar10Spec(s: Cifar10Settings): RunSpec {
  const callbacks: CallbackSpec[] = [];
  if (s.parada) callbacks.push(EARLY_STOPPING);
  if (s.programa) callbacks.push({ name: 'lr_scheduler', schedule: SCHEDULE });
  return {
    model: modelSpec(s),
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
    augment: augmentSpec(parseAugment(s.augment) ?? []),
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
