import type { Activation, BackendPreference, RunSpec } from '../engine/protocol';

/** A sigmoid output on 2-D inputs, trained as the notebooks do (exercises B and C). */
export interface ClassifierRun {
  x: number[][];
  y: number[];
  lr: number;
  epochs: number;
  backend: BackendPreference;
  seed: number;
  /** Starting weights of the single neuron; ignored when there are hidden layers. */
  w0?: number[];
  b0?: number;
  hidden?: { units: number; activation: Activation }[];
  /** Points whose probability the widget draws (the data, a grid over the plane). */
  watchInputs?: number[][];
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

/**
 * Binary cross-entropy as Keras computes it, plain gradient descent, one full-batch update
 * per epoch. The notebooks' kernel is 2×1, stored row-major, so w0 is [w1, w2].
 */
export function binaryClassifierSpec(o: ClassifierRun): RunSpec {
  const hidden = o.hidden ?? [];
  const single = hidden.length === 0 && o.w0 !== undefined;
  return {
    model: {
      kind: 'mlp',
      inputShape: [2],
      hidden,
      outputUnits: 1,
      outputActivation: 'sigmoid',
      initialWeights: single ? [o.w0!, [o.b0 ?? 0]] : undefined,
    },
    data: { kind: 'inline', x: o.x, y: o.y.map((v) => [v]) },
    loss: 'binary_crossentropy',
    metrics: ['accuracy'],
    optimizer: { name: 'sgd', learningRate: o.lr },
    epochs: o.epochs,
    seed: o.seed,
    backend: o.backend,
    watchParams: true,
    watchInputs: o.watchInputs,
  };
}
