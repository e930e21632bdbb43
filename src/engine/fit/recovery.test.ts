import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSpec } from '../spec';
import { twoClassPoints } from '../test-support/fixtures';
import { Trainer } from '../trainer';
import type { BackendControl } from './recovery';

/** Batches, shuffling, validation, Adam's slots and BatchNormalization's statistics: all must survive a move. */
const SPEC: RunSpec = {
  model: {
    kind: 'mlp',
    inputShape: [2],
    hidden: [
      { units: 8, activation: 'relu' },
      { units: 4, activation: 'tanh', batchNorm: true },
    ],
    outputUnits: 2,
    outputActivation: 'softmax',
  },
  data: { kind: 'inline', ...twoClassPoints() },
  loss: 'sparse_categorical_crossentropy',
  metrics: ['accuracy'],
  optimizer: { name: 'adam', learningRate: 0.01 },
  batchSize: 8,
  // Long enough that a machine several times faster than CI still passes 1,2 s before the end.
  epochs: 2000,
  validationSplit: 0.25,
  shuffle: true,
  seed: 7,
  backend: 'cpu',
  watchParams: true,
};

/**
 * Node's cpu backend dressed up as a GPU that can be lost: the run takes backups as on a
 * GPU, and `lose` makes the current backend's watch report a lost device, as WebGPU's
 * `device.lost` would. The "next" backend is the same cpu backend with a fresh watch.
 */
function fakeGpu() {
  let lose: (reason: string) => void = () => {};
  const activated: string[] = [];
  const control: BackendControl = {
    canBeLost: () => true,
    activate: async (name) => {
      activated.push(name);
    },
    watch: () => {
      let reason: string | null = null;
      const whenLost = new Promise<string>((resolve) => {
        lose = (why) => {
          reason = why;
          resolve(why);
        };
      });
      return { lost: () => reason, whenLost };
    },
  };
  return { control, activated, lose: (reason: string) => lose(reason) };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('recovery after a lost GPU', () => {
  it('moves the run, resumes from the last backup and ends with exactly the numbers of an uninterrupted run', async () => {
    const reference = await Trainer.create(SPEC);
    await reference.start();
    const expected = { history: reference.getHistory(), weights: await reference.readWeights() };
    await reference.dispose();

    const baseline = tf.memory().numTensors;
    const gpu = fakeGpu();
    let lostAt = 0;
    let started = 0;
    const trainer = await Trainer.create(SPEC, {
      backendControl: gpu.control,
      onUpdate: (u) => {
        // Past a backup beyond the first epoch (one a second for a model this small), pull the plug once.
        if (lostAt === 0 && u.status === 'training' && u.epoch >= 200 && performance.now() - started > 1200) {
          lostAt = u.epoch;
          gpu.lose('dispositivo perdido en la prueba');
        }
      },
    });
    started = performance.now();
    await trainer.start();

    expect(trainer.state).toBe('done');
    expect(lostAt).toBeGreaterThan(0);
    expect(lostAt).toBeLessThan(SPEC.epochs);
    expect(gpu.activated).toEqual(['cpu', 'cpu']);
    const reason = trainer.info.backend.reason;
    expect(reason).toMatch(
      /^CPU \(JavaScript\) dejó de funcionar: dispositivo perdido en la prueba\. El entrenamiento sigue en CPU \(JavaScript\) desde la época \d+, el último punto guardado\.$/,
    );
    const resumedFrom = Number(/desde la época (\d+)/.exec(reason)![1]);
    expect(resumedFrom).toBeGreaterThan(1);
    expect(resumedFrom).toBeLessThanOrEqual(lostAt);
    // Every epoch once, with the same logs and weights, bit for bit.
    expect(trainer.getHistory()).toEqual(expected.history);
    expect(await trainer.readWeights()).toEqual(expected.weights);
    await trainer.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
