import type { Activation, BackendPreference, CallbackSpec, OptimizerSpec, RunSpec } from '../../engine/spec';

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

export interface Cifar10Settings {
  train: number;
  optimizer: OptimizerName;
  lr: number;
  batch: number;
  epochs: number;
  hidden: number;
  units: number;
  activation: Extract<Activation, 'relu' | 'gelu' | 'tanh'>;
  dropout: number;
  bn: boolean;
  /** EarlyStopping exactly as the notebook configures it. */
  earlyStopping: boolean;
  /** The notes' schedule: keep lr for 10 epochs, then ×e^−0.1 per epoch. */
  schedule: boolean;
  seed: number;
  backend: BackendPreference;
}

export function optimizerSpec(name: OptimizerName, learningRate: number): OptimizerSpec {
  // Keras defaults elsewhere: Adam β1 0.9, β2 0.999, ε 1e-7; RMSprop ρ 0.9; momentum 0.9 is the usual choice.
  if (name === 'momentum') return { name: 'sgd', learningRate, momentum: 0.9 };
  return { name, learningRate };
}

/** Exercise D's run: flatten, hidden Dense layers with Dropout, softmax over 10 classes. */
export function cifar10Spec(s: Cifar10Settings): RunSpec {
  const callbacks: CallbackSpec[] = [];
  if (s.earlyStopping) {
    callbacks.push({ name: 'early_stopping', monitor: 'val_loss', minDelta: 0.01, patience: 3, restoreBestWeights: true });
  }
  if (s.schedule) callbacks.push({ name: 'lr_scheduler', schedule: { kind: 'hold_then_exponential', holdEpochs: 10, rate: -0.1 } });
  return {
    model: {
      kind: 'mlp',
      inputShape: [3072],
      hidden: Array.from({ length: s.hidden }, () => ({ units: s.units, activation: s.activation, dropout: s.dropout, batchNorm: s.bn })),
      outputUnits: 10,
      outputActivation: 'softmax',
    },
    data: { kind: 'cifar10', train: s.train },
    loss: 'sparse_categorical_crossentropy',
    metrics: ['accuracy'],
    optimizer: optimizerSpec(s.optimizer, s.lr),
    batchSize: s.batch,
    epochs: s.epochs,
    validationSplit: 0.1,
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
