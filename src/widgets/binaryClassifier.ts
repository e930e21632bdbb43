import type { Activation, BackendPreference, RunSpec } from '../engine/protocol';

/**
 * A small network on points, trained as the notebooks do (exercises B and C): classes of
 * points in the plane, or a 1-D regression y = f(x).
 */
export interface ClassifierRun {
  x: number[][];
  /** Class of each input (0, 1, …), or the target value in a regression. */
  y: number[];
  lr: number;
  epochs: number;
  backend: BackendPreference;
  seed: number;
  /**
   * 2 (the default): one sigmoid output and binary cross-entropy; 3 or more: a softmax
   * output per class and categorical cross-entropy on the class numbers; 1: a regression,
   * one linear output and the mean squared error.
   */
  classes?: number;
  /** Starting weights of the single neuron; ignored when there are hidden layers. */
  w0?: number[];
  b0?: number;
  hidden?: { units: number; activation: Activation }[];
  /** Points whose predictions the widget draws (the data). */
  watchInputs?: number[][];
  /** Points on which every neuron's activation is drawn (the network view's grid). */
  watchActivations?: number[][];
}

/**
 * A binary classifier's predictions (one probability per watched input) cut back into the
 * groups its watched inputs were listed in, e.g. `[data, grid]` for sizes `[6, 1600]`.
 */
export function predictionGroups(predictions: readonly number[] | null, sizes: readonly number[]): number[][] | null {
  if (!predictions) return null;
  let start = 0;
  return sizes.map((size) => predictions.slice(start, (start += size)));
}

/** Output layer, loss and label shape for the number of classes (1: regression). */
function head(
  classes: number,
  y: number[],
): Pick<RunSpec, 'loss' | 'metrics'> & { units: number; activation: Activation; labels: number[][] | number[] } {
  const column = y.map((v) => [v]);
  if (classes === 1) return { units: 1, activation: 'linear', loss: 'mse', labels: column };
  if (classes === 2) return { units: 1, activation: 'sigmoid', loss: 'binary_crossentropy', metrics: ['accuracy'], labels: column };
  // Integer labels with sparse categorical cross-entropy: the same loss as one-hot labels.
  return { units: classes, activation: 'softmax', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'], labels: y };
}

/**
 * Keras's losses, plain gradient descent, one full-batch update per epoch. The notebooks'
 * kernel is 2×1, stored row-major, so w0 is [w1, w2] (binary single neuron only).
 */
export function binaryClassifierSpec(o: ClassifierRun): RunSpec {
  const hidden = o.hidden ?? [];
  const classes = o.classes ?? 2;
  const single = hidden.length === 0 && classes === 2 && o.w0 !== undefined;
  const { units, activation, loss, metrics, labels } = head(classes, o.y);
  return {
    model: {
      kind: 'mlp',
      inputShape: [o.x[0]?.length ?? 2],
      hidden,
      outputUnits: units,
      outputActivation: activation,
      initialWeights: single ? [o.w0!, [o.b0 ?? 0]] : undefined,
    },
    data: { kind: 'inline', x: o.x, y: labels },
    loss,
    metrics,
    optimizer: { name: 'sgd', learningRate: o.lr },
    epochs: o.epochs,
    seed: o.seed,
    backend: o.backend,
    watchParams: true,
    watchInputs: o.watchInputs,
    watchActivations: o.watchActivations,
  };
}
