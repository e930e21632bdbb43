/**
 * A training run described as plain data, so it can cross a Worker boundary and be
 * serialised into a URL. Names and defaults follow Keras.
 */

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendPreference = BackendName | 'auto';
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export type Activation = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'gelu' | 'softmax';

/** A stack of Dense layers; with no hidden layers it is a single neuron (or one layer). */
export interface MlpSpec {
  kind: 'mlp';
  inputShape: number[];
  hidden?: { units: number; activation: Activation; dropout?: number; batchNorm?: boolean }[];
  outputUnits: number;
  outputActivation: Activation;
  /**
   * Optional initial values, one flat row-major array per weight in Keras order
   * (kernel, bias, … per layer). Overrides the seeded initialisation.
   */
  initialWeights?: number[][];
}

export type ModelSpec = MlpSpec;

/** Data held in memory as numbers; fine for the toy exercises and tests. */
export interface InlineDataSpec {
  kind: 'inline';
  x: number[][];
  y: number[][] | number[];
}

/**
 * The real CIFAR-10 (loaded by the worker): the first `train` of the 50,000 training
 * images, of which the run's validationSplit (the last ones) is held out; the official
 * 10,000 test images are kept apart for the final evaluation.
 */
export interface Cifar10DataSpec {
  kind: 'cifar10';
  train: number;
}

export type DataSpec = InlineDataSpec | Cifar10DataSpec;

export type LossName =
  | 'mse'
  | 'binary_crossentropy'
  | 'categorical_crossentropy'
  | 'sparse_categorical_crossentropy';

export type MetricName = 'accuracy';

export type OptimizerSpec =
  | { name: 'sgd'; learningRate?: number; momentum?: number; nesterov?: boolean }
  | { name: 'adam'; learningRate?: number; beta1?: number; beta2?: number; epsilon?: number }
  | { name: 'rmsprop'; learningRate?: number; rho?: number; momentum?: number; epsilon?: number };

export interface EarlyStoppingSpec {
  name: 'early_stopping';
  monitor?: string;
  minDelta?: number;
  patience?: number;
  mode?: 'auto' | 'min' | 'max';
  baseline?: number;
  restoreBestWeights?: boolean;
}

/**
 * Keras LearningRateScheduler with the schedules the course uses:
 * `hold_then_exponential` keeps lr for `holdEpochs` epochs, then multiplies it by
 * e^rate every epoch (the notes: hold 10, rate −0.1).
 */
export interface LearningRateSchedulerSpec {
  name: 'lr_scheduler';
  schedule: { kind: 'hold_then_exponential'; holdEpochs: number; rate: number };
}

/** Keeps the weights of the best epoch in memory (ModelCheckpoint with save_best_only). */
export interface BestCheckpointSpec {
  name: 'best_checkpoint';
  monitor?: string;
  mode?: 'auto' | 'min' | 'max';
}

export type CallbackSpec = EarlyStoppingSpec | LearningRateSchedulerSpec | BestCheckpointSpec;

export interface RunSpec {
  model: ModelSpec;
  data: DataSpec;
  loss: LossName;
  metrics?: MetricName[];
  optimizer: OptimizerSpec;
  /** Defaults to the whole training set (full-batch gradient descent). */
  batchSize?: number;
  epochs: number;
  /** Fraction of the data held out for validation, taken from the end as Keras does. */
  validationSplit?: number;
  shuffle?: boolean;
  callbacks?: CallbackSpec[];
  seed: number;
  backend?: BackendPreference;
  /**
   * Send current parameter values with every update, and the loss of the starting weights
   * (for small models the UI draws).
   */
  watchParams?: boolean;
  /**
   * Inputs whose predictions (inference mode) are sent with every update that follows
   * new weights: decision maps and prediction tables of small models.
   */
  watchInputs?: number[][];
  /** Send a histogram of every Dense kernel with each epoch (TensorBoard's histograms tab). */
  histograms?: boolean;
}
