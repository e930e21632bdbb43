import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer, type MlpSpec } from '.';
import { AND_NOTEBOOK, AND_X, andSpec } from '../widgets/and/exercise';
import { binaryClassifierSpec } from '../widgets/binaryClassifier';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const matMulT = (a: number[][], b: number[][]) => a[0].map((_, i) => b[0].map((_, j) => a.reduce((s, row, k) => s + row[i] * b[k][j], 0)));

describe('a traced step', () => {
  it('writes out the AND neuron update with the numbers the update used', async () => {
    const trainer = await Trainer.create(andSpec({ ...AND_NOTEBOOK, backend: 'cpu' }));
    const baseline = tf.memory().numTensors;
    const trace = (await trainer.traceStep())!;
    expect(trace.step).toBe(0);
    expect(trace.loss).toBeCloseTo(0.7551, 4);
    const [layer] = trace.layers;
    expect(layer.input).toEqual(AND_X);
    expect(layer.kernel.map((r) => r[0])).toEqual([Math.fround(1.0883665), Math.fround(-0.92451656)]);
    expect(layer.z.map((r) => r[0])[3]).toBeCloseTo(1.0883665 - 0.92451656, 6);
    layer.a.forEach((row, i) => expect(row[0]).toBeCloseTo(1 / (1 + Math.exp(-layer.z[i][0])), 6));
    // Chain rule: ∂L/∂z = ∂L/∂a · σ'(z), then ∂L/∂W = Xᵀ·∂L/∂z and ∂L/∂b = Σ ∂L/∂z.
    layer.gradZ.forEach((row, i) => expect(row[0]).toBeCloseTo(layer.gradA[i][0] * layer.a[i][0] * (1 - layer.a[i][0]), 7));
    matMulT(layer.input, layer.gradZ).forEach((row, j) => expect(layer.gradKernel[j][0]).toBeCloseTo(row[0], 7));
    expect(layer.gradBias[0]).toBeCloseTo(
      layer.gradZ.reduce((s, r) => s + r[0], 0),
      7,
    );
    // Plain gradient descent: the new weights are the old minus η times the gradient.
    layer.newKernel.forEach((row, j) => expect(row[0]).toBeCloseTo(layer.kernel[j][0] - 0.1 * layer.gradKernel[j][0], 7));
    expect((await trainer.readWeights())[0]).toEqual(layer.newKernel.map((r) => r[0]));
    expect(trainer.completedEpochs).toBe(1);
    expect(tf.memory().numTensors).toBe(baseline);

    // A traced step is an ordinary step: the run continues exactly as an untraced one.
    await trainer.start();
    const plain = await Trainer.create(andSpec({ ...AND_NOTEBOOK, backend: 'cpu' }));
    await plain.start();
    expect(trainer.getHistory().at(-1)!.params).toEqual(plain.getHistory().at(-1)!.params);
    await Promise.all([trainer.dispose(), plain.dispose()]);
  });

  it('passes the gradient back through hidden layers', async () => {
    const spec = binaryClassifierSpec({
      x: AND_X,
      y: [0, 1, 1, 0],
      lr: 0.5,
      epochs: 10,
      backend: 'cpu',
      seed: 3,
      hidden: [{ units: 3, activation: 'relu' }],
    });
    const trainer = await Trainer.create(spec);
    const trace = (await trainer.traceStep())!;
    const [hidden, output] = trace.layers;
    expect(output.input).toEqual(hidden.a);
    // ∂L/∂a of the hidden layer = ∂L/∂z of the output times its kernel transposed.
    hidden.gradA.forEach((row, i) => row.forEach((g, j) => expect(g).toBeCloseTo(output.gradZ[i][0] * output.kernel[j][0], 7)));
    // ReLU': inactive neurons pass no gradient.
    hidden.gradZ.forEach((row, i) => row.forEach((g, j) => expect(g).toBeCloseTo(hidden.z[i][j] > 0 ? hidden.gradA[i][j] : 0, 7)));
    await trainer.dispose();
  });

  it('refuses models whose layers it cannot write out', async () => {
    const spec = binaryClassifierSpec({ x: AND_X, y: [0, 0, 0, 1], lr: 0.1, epochs: 1, backend: 'cpu', seed: 0 });
    (spec.model as MlpSpec).hidden = [{ units: 2, activation: 'relu', dropout: 0.5 }];
    const trainer = await Trainer.create(spec);
    await expect(trainer.traceStep()).rejects.toThrow(/Dropout/);
    await trainer.dispose();
  });
});
