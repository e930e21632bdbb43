/**
 * A training run described as plain data, so it can cross a Worker boundary and be
 * serialised into a URL. Names and defaults follow Keras.
 */

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendPreference = BackendName | 'auto';
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export type Activation = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'gelu' | 'softmax';

/**
 * A kernel regularizer as Keras 3 names it, with its defaults: `l1` is
 * `keras.regularizers.L1(l1=0.01)`, `l2` is `L2(l2=0.01)`, `l1_l2` is `L1L2(l1=0.0, l2=0.0)`.
 * The penalty is l1·Σ|w| + l2·Σw² (no ½). Layer-agnostic, so a Conv layer can take one too.
 */
export type RegularizerSpec = { name: 'l1'; l1?: number } | { name: 'l2'; l2?: number } | { name: 'l1_l2'; l1?: number; l2?: number };

/** A stack of Dense layers; with no hidden layers it is a single neuron (or one layer). */
export interface MlpSpec {
  kind: 'mlp';
  inputShape: number[];
  hidden?: { units: number; activation: Activation; dropout?: number; batchNorm?: boolean }[];
  outputUnits: number;
  outputActivation: Activation;
  /** The `kernel_regularizer` of every Dense layer (hidden and output), as a Keras model built with it. */
  kernelRegularizer?: RegularizerSpec;
  /**
   * Optional initial values, one flat row-major array per weight in Keras order
   * (kernel, bias, … per layer). Overrides the seeded initialisation.
   */
  initialWeights?: number[][];
}

/**
 * A small convolutional network, as a Keras Sequential on (height, width, channels) images:
 * per `conv` entry Conv2D(filters, kernelSize×kernelSize, 'valid', activation) then
 * MaxPooling2D(2); then Flatten, the `hidden` Dense layers (each optionally followed by
 * Dropout) and Dense(outputUnits). The data arrive as flat HWC rows, so the model opens
 * with a Reshape to `inputShape` (no weights, no change to the numbers).
 */
export interface CnnSpec {
  kind: 'cnn';
  inputShape: [number, number, number];
  conv: { filters: number; kernelSize: number; activation: Activation }[];
  hidden?: { units: number; activation: Activation; dropout?: number }[];
  outputUnits: number;
  outputActivation: Activation;
  /** The `kernel_regularizer` of every Conv2D and Dense layer. */
  kernelRegularizer?: RegularizerSpec;
}

/** The EfficientNet bases the transfer lab offers: Keras's B0 and B3, or the project's small offline base. */
export type TransferBase = 'b0' | 'b3' | 'mini';
export const TRANSFER_BASES: readonly TransferBase[] = ['b0', 'b3', 'mini'];

/**
 * Exercise E: an EfficientNet base without its top, then the notebook's head
 * (GlobalAveragePooling2D → Dense(128, relu) → Dense(256, relu) → Dense(classes, softmax)).
 * The run starts with the whole base frozen (phase 1); Trainer.fineTune unfreezes its top
 * blocks (phase 2). Inputs are 0–255 RGB images resized to the base's resolution.
 */
export interface TransferSpec {
  kind: 'transfer';
  base: TransferBase;
  /**
   * 'pretrained': the weights loaded into the worker for this base beforehand;
   * 'random': the seeded initialisation (the control that shows what pretraining buys).
   */
  weights: 'pretrained' | 'random';
  classes: number;
}

/** Models built layer by layer from their spec (no pretrained base). */
export type PlainModelSpec = MlpSpec | CnnSpec;

export type ModelSpec = PlainModelSpec | TransferSpec;

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

/**
 * A few CIFAR-10 classes as a task of their own (transfer learning): the first `train`
 * training images of each class, and the first `validation` images of each class from the
 * official test set, held out for validation. Labels are the positions in `classes`.
 */
export interface Cifar10ClassesDataSpec {
  kind: 'cifar10-classes';
  /** CIFAR-10 labels (0 = airplane … 9 = truck) in the task's order. */
  classes: number[];
  train: number;
  validation: number;
}

/**
 * The student's own images, handed to the worker beforehand; a fifth of each class (at
 * least one image) is held out for validation. A new upload gets a new `version`.
 */
export interface UserImagesDataSpec {
  kind: 'user-images';
  version: number;
}

export type DataSpec = InlineDataSpec | Cifar10DataSpec | Cifar10ClassesDataSpec | UserImagesDataSpec;

export type LossName = 'mse' | 'binary_crossentropy' | 'categorical_crossentropy' | 'sparse_categorical_crossentropy';

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

export type CallbackSpec = EarlyStoppingSpec | LearningRateSchedulerSpec;

/**
 * Keras preprocessing layers in front of the model, active only in training, in this order:
 * `RandomFlip('horizontal')`, `RandomTranslation(translate, translate)`,
 * `RandomRotation(rotate)`, `RandomZoom(zoom)`, each with fill_mode 'reflect' and bilinear
 * interpolation. Factors are fractions (rotation: of a full turn); 0 or absent leaves the
 * layer out. Image datasets only (CIFAR-10), for an MLP or a CNN.
 */
export interface AugmentSpec {
  flip?: boolean;
  translate?: number;
  rotate?: number;
  zoom?: number;
}

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
  /** Data augmentation of each training batch (never of validation, test or predictions). */
  augment?: AugmentSpec;
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
  /**
   * Inputs (a grid over the plane) on which every neuron's activation, hidden layers and
   * output, is sent with every update that follows new weights: the network view (MLPs only).
   */
  watchActivations?: number[][];
  /** Send a histogram of every Dense kernel with each epoch (TensorBoard's histograms tab). */
  histograms?: boolean;
}
