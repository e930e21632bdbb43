import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { packState, restoreState } from './checkpoint';
import { buildModel } from './models';
import { createOptimizer } from './optimizers';
import type { MlpSpec } from './spec';

const SPEC: MlpSpec = {
  kind: 'mlp',
  inputShape: [3],
  hidden: [{ units: 5, activation: 'tanh' }],
  outputUnits: 1,
  outputActivation: 'linear',
};
const X = tf.tensor2d([
  [1, 0, -1],
  [0.5, 2, 0],
  [-1, 1, 1],
  [2, -0.5, 0.3],
]);
const Y = tf.tensor2d([[1], [-1], [0.5], [2]]);

function fresh() {
  const model = buildModel(SPEC, 5);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = createOptimizer({ name: 'adam', learningRate: 0.05 }, variables);
  const step = () => {
    const { grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(model.predict(X) as tf.Tensor, Y))) as tf.Scalar, variables);
    optimizer.apply(variables.map((v) => grads[v.name]));
    tf.dispose(grads);
  };
  return { model, optimizer, step };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('checkpoints', () => {
  it('a run restored into a new model and optimizer continues exactly as the original', async () => {
    const original = fresh();
    for (let i = 0; i < 5; i++) original.step();
    const packed = packState(original.model, original.optimizer);
    const checkpoint = {
      epoch: 5,
      iterations: original.optimizer.iterations,
      learningRate: 0.05,
      values: (await packed.data()) as Float32Array,
    };
    packed.dispose();
    for (let i = 0; i < 5; i++) original.step();

    const copy = fresh();
    restoreState(copy.model, copy.optimizer, checkpoint);
    expect(copy.optimizer.iterations).toBe(5);
    for (let i = 0; i < 5; i++) copy.step();

    const a = original.model.getWeights().map((w) => Array.from(w.dataSync()));
    const b = copy.model.getWeights().map((w) => Array.from(w.dataSync()));
    expect(b).toEqual(a);
    for (const run of [original, copy]) {
      run.optimizer.dispose();
      run.model.dispose();
    }
  });
});
