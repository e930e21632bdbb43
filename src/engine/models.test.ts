import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, countParams, weightSizes } from './models';
import type { MlpSpec } from './spec';

/** Exercise D's reference network: 4 × Dense(1024, relu) + Dropout(0.2), Dense(10, softmax). */
const REFERENCE: MlpSpec = {
  kind: 'mlp',
  inputShape: [3072],
  hidden: Array.from({ length: 4 }, () => ({ units: 1024, activation: 'relu' as const, dropout: 0.2 })),
  outputUnits: 10,
  outputActivation: 'softmax',
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('MLP builder', () => {
  it('has the 6,305,802 parameters of the notebook, known before building', () => {
    expect(weightSizes(REFERENCE).reduce((a, b) => a + b)).toBe(6_305_802);
    const model = buildModel(REFERENCE, 1);
    expect(countParams(model)).toEqual({ total: 6_305_802, trainable: 6_305_802 });
    model.dispose();
  });

  it('with BatchNormalization drops the Dense bias and adds γ, β and the moving statistics', () => {
    const spec: MlpSpec = { ...REFERENCE, inputShape: [4], hidden: [{ units: 3, activation: 'relu', batchNorm: true }] };
    expect(weightSizes(spec)).toEqual([12, 3, 3, 3, 3, 30, 10]);
    const model = buildModel(spec, 1);
    expect(countParams(model)).toEqual({ total: 64, trainable: 58 });
    model.dispose();
  });

  it('draws a new dropout mask on every training step, as Keras does', () => {
    const model = buildModel({ ...REFERENCE, inputShape: [8], hidden: [{ units: 64, activation: 'relu', dropout: 0.5 }] }, 3);
    const x = tf.ones([1, 8]);
    const a = (model.apply(x, { training: true }) as tf.Tensor).arraySync();
    const b = (model.apply(x, { training: true }) as tf.Tensor).arraySync();
    expect(b).not.toEqual(a);
    // In inference mode dropout does nothing.
    expect((model.apply(x) as tf.Tensor).arraySync()).toEqual((model.apply(x) as tf.Tensor).arraySync());
    model.dispose();
  });
});
