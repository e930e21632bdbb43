import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer, type RunSpec } from '..';
import type { AugmentSpec } from '../spec';
import { Augmenter } from '../augment';
import { AugmentedActivations } from './augmented';
import type { ImageSet } from './images';

/** Eight 4×4 images whose pixels count up, so a mirrored one is told apart at a glance. */
function rampImages(): ImageSet {
  const side = 4;
  const images = new Uint8Array(8 * side * side * 3).map((_, i) => i % 251);
  return { side, images, labels: Uint8Array.from([0, 1, 2, 3, 0, 1, 2, 3]), classes: 4 } as ImageSet;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('augmented training batches of a transfer phase', () => {
  it('are the images augmented as the engine augments CIFAR-10 batches, seeded by their place in the run', () => {
    const set = rampImages();
    const flip = Augmenter.create({ flip: true }, 7)!;
    const data = new AugmentedActivations(null, set, 4, 4, flip, 2);
    const rows = Int32Array.from([3, 1, 0, 2]);
    const first = data.take(rows);
    // Batch 0 of epoch 0, augmented directly from the same pixels.
    const pixels = tf.tensor4d(
      Float32Array.from([3, 1, 0, 2].flatMap((r) => Array.from(set.images.subarray(r * 48, (r + 1) * 48)))),
      [4, 4, 4, 3],
    );
    const expected = flip.apply(pixels, [4, 4, 3], 0, 0);
    expect(Array.from(first.x.dataSync())).toEqual(Array.from(expected.dataSync()));
    expect(Array.from(first.y.argMax(1).dataSync())).toEqual([3, 1, 0, 2]);
    // The next batches (batch 1 of epoch 0, batch 0 of epoch 1) get other draws.
    const second = data.take(rows);
    const third = data.take(rows);
    expect(Array.from(third.x.dataSync())).toEqual(Array.from(flip.apply(pixels, [4, 4, 3], 1, 0).dataSync()));
    // A fresh dataset with the same seed starts over with the same batches.
    const again = new AugmentedActivations(null, set, 4, 4, Augmenter.create({ flip: true }, 7)!, 2).take(rows);
    expect(Array.from(again.x.dataSync())).toEqual(Array.from(first.x.dataSync()));
    tf.dispose([first.x, first.y, second.x, second.y, third.x, third.y, again.x, again.y, pixels, expected]);
  });
});

describe('a transfer run with augmentation', () => {
  const images = (perClass: number) => {
    const side = 32;
    const count = 4 * perClass;
    const bytes = new Uint8Array(count * side * side * 3);
    let state = 3;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (state = (state * 16807) % 2147483647) % 256;
    return { side, images: bytes, labels: Uint8Array.from({ length: count }, (_, i) => i % 4), classes: 4 };
  };
  const spec: RunSpec = {
    model: { kind: 'transfer', base: 'mini', weights: 'random', classes: 4 },
    data: { kind: 'user-images', version: 1 },
    loss: 'categorical_crossentropy',
    metrics: ['accuracy'],
    optimizer: { name: 'adam', learningRate: 1e-3 },
    batchSize: 8,
    epochs: 2,
    shuffle: true,
    seed: 5,
    backend: 'cpu',
  };
  const sources = { userImages: images(5) };

  async function twoPhases(augment: AugmentSpec | undefined) {
    const trainer = await Trainer.create(spec, { sources });
    await trainer.start();
    const phase1 = trainer.getHistory().map((r) => r.logs);
    await trainer.fineTune({ unfreeze: 2, learningRate: 1e-3, epochs: 1, augment });
    await trainer.start();
    const phase2 = trainer.getHistory().at(-1)!.logs;
    await trainer.dispose();
    return { phase1, phase2 };
  }

  it('is the phase-2 plan: phase 1 keeps its cache, phase 2 trains on augmented batches, validation never is; nothing leaks', async () => {
    const baseline = tf.memory().numTensors;
    const plain = await twoPhases(undefined);
    const augmented = await twoPhases({ flip: true, translate: 0.1 });
    expect(augmented.phase1).toEqual(plain.phase1);
    expect(augmented.phase2.loss).not.toBeCloseTo(plain.phase2.loss, 6);
    expect(Number.isFinite(augmented.phase2.val_loss)).toBe(true);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('refuses an augmentation outside Keras ranges, in Spanish', async () => {
    const trainer = await Trainer.create(spec, { sources });
    await trainer.start();
    await expect(trainer.fineTune({ unfreeze: 1, learningRate: 1e-3, epochs: 1, augment: { zoom: 2 } })).rejects.toThrow(/zoom/i);
    await trainer.dispose();
  });
});
