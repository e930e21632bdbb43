/**
 * The two benchmark workloads, described once: as an engine RunSpec and as the numbers a
 * plain tfjs loop needs to do the same work. No tfjs here; the worker builds the tensors.
 */
import type { RunSpec } from '../../src/engine';

export type WorkloadName = 'recta' | 'mlp';
export type Impl = 'engine' | 'plain';

/** Exercise A: one Dense(1) neuron on y = 2x + 1, MSE, SGD lr 0.1, full batch. */
export const RECTA = {
  x: [[1], [2], [3], [4]],
  y: [[3], [5], [7], [9]],
  initialWeights: [[1.3552873], [0.00364656]],
  learningRate: 0.1,
};

/** The 3072-1024×4-10 MLP: Dense(1024, relu) + Dropout(0.2) four times, Dense(10, softmax). */
export const MLP = {
  inputs: 3072,
  hidden: 4,
  units: 1024,
  dropout: 0.2,
  classes: 10,
  batchSize: 64,
  learningRate: 1e-4,
};

/** Synthetic CIFAR-sized data in [-1, 1] with integer labels; deterministic. */
export function syntheticMlpData(rows: number, seed = 1): { x: number[][]; y: number[][] } {
  let state = seed >>> 0 || 1;
  const random = () => {
    // xorshift32: fast and reproducible; the values only need to look like pixels.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
  const x: number[][] = [];
  const y: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const row = new Array<number>(MLP.inputs);
    for (let j = 0; j < MLP.inputs; j++) row[j] = random() * 2 - 1;
    x.push(row);
    y.push([Math.floor(random() * MLP.classes)]);
  }
  return { x, y };
}

/** The engine's description of the same runs. `epochs` counts full-data passes. */
export function rectaSpec(epochs: number, backend: RunSpec['backend']): RunSpec {
  return {
    model: { kind: 'mlp', inputShape: [1], outputUnits: 1, outputActivation: 'linear', initialWeights: RECTA.initialWeights },
    data: { kind: 'inline', x: RECTA.x, y: RECTA.y },
    loss: 'mse',
    optimizer: { name: 'sgd', learningRate: RECTA.learningRate },
    epochs,
    seed: 0,
    backend,
  };
}

export function mlpSpec(data: { x: number[][]; y: number[][] }, epochs: number, backend: RunSpec['backend']): RunSpec {
  return {
    model: {
      kind: 'mlp',
      inputShape: [MLP.inputs],
      hidden: Array.from({ length: MLP.hidden }, () => ({ units: MLP.units, activation: 'relu' as const, dropout: MLP.dropout })),
      outputUnits: MLP.classes,
      outputActivation: 'softmax',
    },
    data: { kind: 'inline', x: data.x, y: data.y },
    loss: 'sparse_categorical_crossentropy',
    optimizer: { name: 'adam', learningRate: MLP.learningRate },
    batchSize: MLP.batchSize,
    epochs,
    seed: 1,
    shuffle: false,
    backend,
  };
}
