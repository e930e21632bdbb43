import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateOn, scoring } from './fit/evaluate';
import { TensorDataset } from './data';
import { inspectFirstLayer } from './firstLayer';
import { buildModel, countParams, estimatedParams, modelNeedsConvolution, weightSizes } from './models';
import { regularizedKernels } from './regularizers';
import type { CnnSpec, RunSpec } from './spec';
import { Trainer } from './trainer';
import { validateRunSpec } from './validate';

/** The lab's small CNN: Conv 32 3×3 → MaxPool → Conv 64 3×3 → MaxPool → Dense 128 → Dense 10. */
const CNN: CnnSpec = {
  kind: 'cnn',
  inputShape: [32, 32, 3],
  conv: [
    { filters: 32, kernelSize: 3, activation: 'relu' },
    { filters: 64, kernelSize: 3, activation: 'relu' },
  ],
  hidden: [{ units: 128, activation: 'relu' }],
  outputUnits: 10,
  outputActivation: 'softmax',
};

/** Keras's formulas: Conv2D (k·k·in + 1)·filters, Dense (in + 1)·units. */
const conv = (k: number, inputs: number, filters: number) => (k * k * inputs + 1) * filters;
const dense = (inputs: number, units: number) => (inputs + 1) * units;
// 32 → conv 30 → pool 15 → conv 13 → pool 6: 6·6·64 = 2304 features into Dense(128).
const KERAS_COUNT = conv(3, 3, 32) + conv(3, 32, 64) + dense(6 * 6 * 64, 128) + dense(128, 10);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('CNN builder', () => {
  it("has Keras's parameter count, known before building", () => {
    expect(KERAS_COUNT).toBe(315_722);
    expect(weightSizes(CNN)).toEqual([864, 32, 18_432, 64, 294_912, 128, 1280, 10]);
    expect(estimatedParams(CNN)).toBe(KERAS_COUNT);
    const model = buildModel(CNN, 1);
    expect(countParams(model)).toEqual({ total: KERAS_COUNT, trainable: KERAS_COUNT });
    expect(modelNeedsConvolution(CNN)).toBe(true);
    model.dispose();
  });

  it('maps flat CIFAR-10 rows through 30, 15, 13 and 6 pixel maps to ten probabilities', () => {
    const model = buildModel(CNN, 1);
    expect(model.layers.map((l) => (l.outputShape as number[]).slice(1))).toEqual([
      [32, 32, 3],
      [30, 30, 32],
      [15, 15, 32],
      [13, 13, 64],
      [6, 6, 64],
      [2304],
      [128],
      [10],
    ]);
    const out = model.predict(tf.randomUniform([2, 3072], -1, 1, 'float32', 5)) as tf.Tensor;
    expect(out.shape).toEqual([2, 10]);
    (tf.sum(out, 1).arraySync() as number[]).forEach((s) => expect(s).toBeCloseTo(1, 5));
    tf.dispose([out]);
    model.dispose();
  });

  it('a seed fixes every initial weight (Glorot uniform kernels, zero biases)', () => {
    const [a, b, c] = [buildModel(CNN, 7), buildModel(CNN, 7), buildModel(CNN, 8)];
    const first = (m: tf.LayersModel) => Array.from(m.getWeights()[0].dataSync());
    expect(first(a)).toEqual(first(b));
    expect(first(a)).not.toEqual(first(c));
    // Glorot uniform's limit for a 3×3×3→32 kernel: √(6 / (27 + 288)).
    const limit = Math.sqrt(6 / (27 + 288));
    expect(Math.max(...first(a).map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Array.from(a.getWeights()[1].dataSync()).every((v) => v === 0)).toBe(true);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('the kernel regularizer reaches the Conv2D kernels, and the loss adds their penalty', async () => {
    const small: CnnSpec = { ...CNN, inputShape: [8, 8, 3], conv: [{ filters: 4, kernelSize: 3, activation: 'relu' }], hidden: [] };
    const run: RunSpec = {
      model: { ...small, kernelRegularizer: { name: 'l2', l2: 0.05 } },
      data: { kind: 'inline', x: [], y: [] },
      loss: 'sparse_categorical_crossentropy',
      optimizer: { name: 'sgd' },
      epochs: 1,
      seed: 3,
    };
    const model = buildModel(small, 3);
    const kernels = regularizedKernels(model);
    expect(kernels.map((k) => k.shape)).toEqual([
      [3, 3, 3, 4],
      [36, 10],
    ]);
    const x = tf.randomUniform([4, 192], -1, 1, 'float32', 2);
    const y = tf.tensor1d([0, 3, 9, 1], 'int32');
    const data = new TensorDataset(x, y);
    const plain = evaluateOn(model, data, scoring({ ...run, model: small })).loss;
    const regularized = evaluateOn(model, data, scoring(run)).loss;
    const byHand = kernels.reduce((sum, k) => sum + 0.05 * (k.square().sum().dataSync()[0] as number), 0);
    expect((await regularized.data())[0]).toBeCloseTo((await plain.data())[0] + byHand, 4);
    tf.dispose([plain, regularized]);
    data.dispose();
    model.dispose();
  });

  it('trains with the same optimizers and augmentation, and refuses an image too small for its blocks', async () => {
    const small: CnnSpec = { ...CNN, inputShape: [8, 8, 3], conv: [{ filters: 4, kernelSize: 3, activation: 'relu' }], hidden: [] };
    const x = Array.from({ length: 6 }, (_, i) => Array.from({ length: 192 }, (_, j) => Math.sin(i * 7 + j)));
    const trainer = await Trainer.create({
      model: small,
      data: { kind: 'inline', x, y: [0, 1, 2, 0, 1, 2] },
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
      optimizer: { name: 'adam', learningRate: 0.01 },
      batchSize: 3,
      epochs: 2,
      seed: 1,
      backend: 'cpu',
    });
    await trainer.start();
    expect(trainer.getHistory()).toHaveLength(2);
    await trainer.dispose();
    const tooDeep: CnnSpec = { ...small, conv: [...small.conv, ...small.conv, ...small.conv] };
    expect(() =>
      validateRunSpec({
        model: tooDeep,
        data: { kind: 'inline', x, y: [0, 1, 2, 0, 1, 2] },
        loss: 'mse',
        optimizer: { name: 'sgd' },
        epochs: 1,
        seed: 1,
      }),
    ).toThrow(/demasiado pequeña/);
    // Augmentation is for CIFAR-10 images, whichever the architecture.
    expect(() =>
      validateRunSpec({
        model: CNN,
        data: { kind: 'cifar10', train: 1000 },
        loss: 'sparse_categorical_crossentropy',
        optimizer: { name: 'adam' },
        epochs: 1,
        seed: 1,
        augment: { flip: true, translate: 0.1 },
      }),
    ).not.toThrow();
  });
});

describe('first-layer view', () => {
  it('shows each filter as an RGB tile and the image through the layer as grey maps on one scale', async () => {
    const spec: CnnSpec = { ...CNN, inputShape: [4, 4, 3], conv: [{ filters: 2, kernelSize: 3, activation: 'relu' }], hidden: [] };
    // Filter 0 sums the red channel; filter 1 is its negative. Kernel order [y][x][c][f].
    const kernel = Array.from({ length: 3 * 3 * 3 * 2 }, (_, i) => {
      const c = Math.floor(i / 2) % 3;
      const f = i % 2;
      return c === 0 ? (f === 0 ? 1 : -1) : 0;
    });
    // Red rises from the left column to the right one; green and blue stay at 0 bytes.
    const image = Uint8Array.from({ length: 48 }, (_, i) => (i % 3 === 0 ? (Math.floor(i / 3) % 4) * 85 : 0));
    const view = await inspectFirstLayer(spec, kernel, [0, 0], image);
    expect(view.kernelSize).toBe(3);
    expect(view.filters).toHaveLength(2);
    // Each filter is red at its maximum and green and blue at its minimum.
    expect(Array.from(view.filters[0].slice(0, 3))).toEqual([255, 0, 0]);
    expect(Array.from(view.filters[1].slice(0, 3))).toEqual([0, 255, 255]);
    expect(view.mapSide).toBe(2);
    // Scaled red by column is −1, −⅓, ⅓, 1: the left windows sum to −3, the right ones to 3.
    // Filter 0 answers on the right, filter 1 (its negative) on the left; ReLU cuts the rest to 0.
    expect(view.maxActivation).toBeCloseTo(3, 5);
    expect(Array.from(view.maps[0])).toEqual([0, 255, 0, 255]);
    expect(Array.from(view.maps[1])).toEqual([255, 0, 255, 0]);
  });
});
