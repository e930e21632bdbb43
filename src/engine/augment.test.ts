import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Augmenter, layerRows, resample, type ImageShape } from './augment';
import { Trainer, type AugmentSpec, type RunSpec } from '.';
import { IMAGE_BYTES } from './cifar10/classes';
import { validateRunSpec } from './validate';

const SHAPE: ImageShape = [4, 5, 3];
const PIXELS = SHAPE[0] * SHAPE[1] * SHAPE[2];

/** A batch of distinct known images: pixel value = image·1000 + position. */
function knownBatch(n: number): tf.Tensor2D {
  return tf.tensor2d(
    Array.from({ length: n * PIXELS }, (_, i) => Math.floor(i / PIXELS) * 1000 + (i % PIXELS)),
    [n, PIXELS],
  );
}

/** The image mirrored left to right (columns reversed, channels kept). */
function mirror(image: number[]): number[] {
  const [, w, c] = SHAPE;
  return image.map((_, i) => {
    const y = Math.floor(i / (w * c));
    const x = Math.floor(i / c) % w;
    return image[(y * w + (w - 1 - x)) * c + (i % c)];
  });
}

const rows = (t: tf.Tensor) => (t.arraySync() as number[][]).map((r) => r.map(Number));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('augmentation as Keras preprocessing layers', () => {
  it('flip: each image is either untouched or exactly mirrored, and both happen', () => {
    const x = knownBatch(16);
    const out = Augmenter.create({ flip: true }, 3)!.apply(x, SHAPE, 0, 0);
    const inputs = rows(x);
    const kinds = rows(out).map((image, i) => {
      if (image.every((v, j) => v === inputs[i][j])) return 'same';
      expect(image).toEqual(mirror(inputs[i]));
      return 'mirrored';
    });
    expect(new Set(kinds)).toEqual(new Set(['same', 'mirrored']));
    tf.dispose([x, out]);
  });

  it('a zero factor is the identity: left out, and its matrix resamples exactly', () => {
    expect(Augmenter.create({ flip: false, translate: 0, rotate: 0, zoom: 0 }, 1)).toBeNull();
    const x = knownBatch(2);
    const images = tf.reshape(x, [2, ...SHAPE]) as tf.Tensor4D;
    for (const layer of Object.values(layerRows)) {
      const matrix = layer(2, SHAPE, 0, Math.random);
      expect(matrix.map((v) => v + 0)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]);
      const same = resample(images, matrix);
      expect(same.arraySync()).toEqual(images.arraySync());
      same.dispose();
    }
    tf.dispose([x, images]);
  });

  it("resamples with Keras's fill mode 'reflect' (d c b a | a b c d)", () => {
    const x = knownBatch(2);
    const images = tf.reshape(x, [2, ...SHAPE]) as tf.Tensor4D;
    // The second image one pixel to the right: column 0 reads column −1, which reflects
    // onto column 0. The first keeps the identity (each image has its own matrix).
    const both = resample(images, [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, -1, 0, 1, 0, 0, 0]);
    const [first, shifted] = tf.split(both, 2);
    expect(Array.from(first.dataSync())).toEqual(rows(x)[0]);
    const [h, w, c] = SHAPE;
    const src = rows(x)[1];
    const expected = src.map((_, i) => {
      const y = Math.floor(i / (w * c));
      const col = Math.floor(i / c) % w;
      return src[(y * w + Math.max(col - 1, 0)) * c + (i % c)];
    });
    expect(Array.from(shifted.dataSync())).toEqual(expected);
    expect(h).toBe(4);
    tf.dispose([x, images, both, first, shifted]);
  });

  it('the same seed gives the same batch; another batch or seed gives another', () => {
    const spec: AugmentSpec = { flip: true, translate: 0.2, rotate: 0.1, zoom: 0.2 };
    const x = knownBatch(4);
    const a = Augmenter.create(spec, 42)!.apply(x, SHAPE, 2, 5);
    const b = Augmenter.create(spec, 42)!.apply(x, SHAPE, 2, 5);
    const otherBatch = Augmenter.create(spec, 42)!.apply(x, SHAPE, 2, 6);
    const otherSeed = Augmenter.create(spec, 43)!.apply(x, SHAPE, 2, 5);
    expect(a.arraySync()).toEqual(b.arraySync());
    expect(otherBatch.arraySync()).not.toEqual(a.arraySync());
    expect(otherSeed.arraySync()).not.toEqual(a.arraySync());
    expect(a.shape).toEqual(x.shape);
    // Bilinear with reflection mixes an image's own pixels only: every image keeps its range.
    rows(a).forEach((image, i) => {
      expect(Math.min(...image)).toBeGreaterThanOrEqual(i * 1000 - 1e-3);
      expect(Math.max(...image)).toBeLessThanOrEqual(i * 1000 + PIXELS - 1 + 1e-3);
    });
    tf.dispose([x, a, b, otherBatch, otherSeed]);
  });

  it('leaves no tensor behind but its result', () => {
    const x = knownBatch(3);
    const before = tf.memory().numTensors;
    const out = Augmenter.create({ flip: true, translate: 0.1, rotate: 0.1, zoom: 0.1 }, 1)!.apply(x, SHAPE, 0, 0);
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([x, out]);
  });

  it('augments training batches only: never validation, test evaluation or predictions', async () => {
    const images = 40;
    const bytes = (n: number) => Uint8Array.from({ length: n * IMAGE_BYTES }, (_, i) => (i * 37) % 256);
    const labels = (n: number) => Uint8Array.from({ length: n }, (_, i) => i % 10);
    const cifar10 = { trainImages: bytes(images), trainLabels: labels(images), testImages: bytes(20), testLabels: labels(20) };
    const spec: RunSpec = {
      model: {
        kind: 'mlp',
        inputShape: [IMAGE_BYTES],
        hidden: [{ units: 8, activation: 'relu' }],
        outputUnits: 10,
        outputActivation: 'softmax',
      },
      data: { kind: 'cifar10', train: images },
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
      optimizer: { name: 'adam' },
      batchSize: 10,
      epochs: 2,
      validationSplit: 0.25,
      shuffle: true,
      augment: { flip: true, translate: 0.1, rotate: 0.05, zoom: 0.1 },
      seed: 5,
      backend: 'cpu',
    };
    validateRunSpec(spec);
    const apply = vi.spyOn(Augmenter.prototype, 'apply');
    const trainer = await Trainer.create(spec, { eventIntervalMs: 0, sources: { cifar10 } });
    await trainer.start();
    expect(trainer.state).toBe('done');
    // 30 training images in batches of 10, two epochs: six calls, one per training batch.
    expect(apply.mock.calls.map(([x, , epoch, batch]) => [x.shape[0], epoch, batch])).toEqual([
      [10, 0, 0],
      [10, 0, 1],
      [10, 0, 2],
      [10, 1, 0],
      [10, 1, 1],
      [10, 1, 2],
    ]);
    const evaluation = await trainer.evaluateTest();
    expect(evaluation?.labels.length).toBe(20);
    expect(apply).toHaveBeenCalledTimes(6);
    await trainer.dispose();
  });

  it('is refused, in Spanish, on data that are not images or with factors out of range', () => {
    const inline: RunSpec = {
      model: { kind: 'mlp', inputShape: [1], outputUnits: 1, outputActivation: 'linear' },
      data: { kind: 'inline', x: [[1]], y: [[1]] },
      loss: 'mse',
      optimizer: { name: 'sgd' },
      epochs: 1,
      seed: 1,
      augment: { flip: true },
    };
    expect(() => validateRunSpec(inline)).toThrow(/solo se aplica a imágenes/);
    expect(() => validateRunSpec({ ...inline, augment: { rotate: 2 } })).toThrow(/entre 0 y 1/);
  });
});
