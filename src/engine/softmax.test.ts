import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectSoftmax } from './softmax';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('softmax and cross-entropy at the logits', () => {
  it('gives the probabilities, the loss and ŷ − y, equal to autodiff in float32', async () => {
    const before = tf.memory().numTensors;
    const r = await inspectSoftmax([2, 1, 0.1], 0);
    // Worked in float64: e^2, e^1, e^0.1 over their sum.
    const e = [Math.exp(2), Math.exp(1), Math.exp(0.1)];
    const sum = e[0] + e[1] + e[2];
    r.probabilities.forEach((p, i) => expect(p).toBeCloseTo(e[i] / sum, 6));
    expect(r.loss).toBeCloseTo(-Math.log(e[0] / sum), 6);
    expect(r.analytic[0]).toBeCloseTo(e[0] / sum - 1, 6);
    expect(r.analytic[1]).toBeCloseTo(e[1] / sum, 6);
    expect(r.maxDifference).toBeLessThan(1e-6);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('agrees at the edges of the allowed logits', async () => {
    const r = await inspectSoftmax([6, -6, -6, -6, -6, -6], 3);
    expect(r.probabilities[3]).toBeGreaterThan(1e-6);
    expect(r.maxDifference).toBeLessThan(1e-6);
    expect(r.autodiff.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 6);
  });

  it('refuses logits out of range and a class that does not exist, in Spanish', async () => {
    await expect(inspectSoftmax([20, 0], 0)).rejects.toThrow(/logits/);
    await expect(inspectSoftmax([1, 0], 2)).rejects.toThrow(/clase correcta/);
  });
});
