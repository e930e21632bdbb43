import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EPSILON, LOSSES } from './losses';
import { correctCount } from './metrics';

const value = (t: tf.Tensor) => t.dataSync()[0];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('losses as Keras computes them', () => {
  it('mse is the mean of squared errors', () => {
    const loss = LOSSES.mse(tf.tensor2d([[3], [5]]), tf.tensor2d([[1], [6]]));
    expect(value(loss)).toBeCloseTo((4 + 1) / 2, 6);
  });

  it('binary cross-entropy clips to [ε, 1−ε] and adds ε inside the logs, like Keras', () => {
    const y = [0, 0, 1, 1];
    const p = [0.2, 0, 0.7, 1];
    const keras = y.map((yi, i) => {
      const q = Math.min(Math.max(p[i], EPSILON), 1 - EPSILON);
      return -(yi * Math.log(q + EPSILON) + (1 - yi) * Math.log(1 - q + EPSILON));
    });
    const expected = keras.reduce((a, b) => a + b) / 4;
    const loss = LOSSES.binary_crossentropy(tf.tensor2d(y, [4, 1]), tf.tensor2d(p, [4, 1]));
    expect(value(loss)).toBeCloseTo(expected, 5);
    // A certain, correct prediction still costs about −log(1) and never NaN.
    expect(Number.isFinite(value(loss))).toBe(true);
  });

  it('categorical cross-entropy is −Σ y·log ŷ averaged over the batch', () => {
    const yTrue = tf.tensor2d([
      [0, 1, 0],
      [1, 0, 0],
    ]);
    const yPred = tf.tensor2d([
      [0.1, 0.7, 0.2],
      [0.5, 0.25, 0.25],
    ]);
    const expected = (-Math.log(0.7) - Math.log(0.5)) / 2;
    expect(value(LOSSES.categorical_crossentropy(yTrue, yPred))).toBeCloseTo(expected, 6);
    // Integer labels give the same number.
    expect(value(LOSSES.sparse_categorical_crossentropy(tf.tensor1d([1, 0]), yPred))).toBeCloseTo(expected, 6);
  });
});

describe('accuracy follows the loss, as Keras resolves "accuracy"', () => {
  it('thresholds at 0.5 for binary outputs', () => {
    const hits = correctCount('binary_crossentropy', tf.tensor2d([[0], [1], [1]]), tf.tensor2d([[0.4], [0.6], [0.3]]));
    expect(value(hits)).toBe(2);
  });

  it('uses the argmax against integer or one-hot labels', () => {
    const pred = tf.tensor2d([
      [0.1, 0.9],
      [0.8, 0.2],
      [0.3, 0.7],
    ]);
    expect(value(correctCount('sparse_categorical_crossentropy', tf.tensor1d([1, 1, 1]), pred))).toBe(2);
    expect(
      value(
        correctCount(
          'categorical_crossentropy',
          tf.tensor2d([
            [0, 1],
            [1, 0],
            [1, 0],
          ]),
          pred,
        ),
      ),
    ).toBe(2);
  });
});
