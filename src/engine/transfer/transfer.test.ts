import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Trainer, type RunSpec, type TrainerUpdate } from '..';
import { countParams } from '../models';
import { baseFeatures, headParams } from './bases';
import { cacheActivations } from './cache';
import { imageBatch, userTask, type UserImages } from './images';
import {
  blockParams,
  buildTransferNetwork,
  disposeTransferNetwork,
  setBaseWeights,
  splitTransferNetwork,
  type TransferNetwork,
} from './model';

const MINI = { kind: 'transfer', base: 'mini', weights: 'random', classes: 4 } as const;

/** Four classes of 32×32 images a network can tell apart: a bright quadrant each, plus noise. */
function quadrantImages(perClass: number, seed = 1): UserImages {
  const side = 32;
  let state = seed;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const images = new Uint8Array(4 * perClass * side * side * 3);
  const labels = new Uint8Array(4 * perClass);
  for (let i = 0; i < 4 * perClass; i++) {
    const label = i % 4;
    labels[i] = label;
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const lit = y < 16 === label < 2 && x < 16 === (label % 2 === 0);
        for (let c = 0; c < 3; c++) images[((i * side + y) * side + x) * 3 + c] = Math.floor((lit ? 150 : 40) + random() * 100);
      }
    }
  }
  return { side, images, labels, classes: 4 };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the notebook head', () => {
  it('trains 198,020 parameters on B0 and 230,788 on B3 with four classes', () => {
    expect(baseFeatures('b0')).toBe(1280);
    expect(baseFeatures('b3')).toBe(1536);
    expect(headParams('b0', 4)).toBe(198_020);
    expect(headParams('b3', 4)).toBe(230_788);
  });
});

describe('freezing and unfreezing', () => {
  let net: TransferNetwork;
  let base: number;
  beforeAll(() => {
    net = buildTransferNetwork(MINI, 3);
    base = countParams(net.model).total - headParams('mini', 4);
  });
  afterAll(() => disposeTransferNetwork(net));

  it('phase 1 trains only the head; each unfrozen block adds its own non-BatchNormalization weights', () => {
    const sizes = blockParams(net);
    expect(sizes).toHaveLength(net.blocks.length);
    for (let k = 0; k <= net.blocks.length; k++) {
      const split = splitTransferNetwork(net, k);
      const expected = headParams('mini', 4) + sizes.slice(net.blocks.length - k).reduce((a, b) => a + b, 0);
      expect(countParams(net.model)).toEqual({ total: base + headParams('mini', 4), trainable: expected });
      // The part that trains holds exactly the network's trainable weights, nothing more.
      expect(countParams(split.trainable).trainable).toBe(expected);
    }
    // The stem's Normalization statistics never train; its convolution does.
    expect(sizes[0]).toBe(net.model.getLayer('stem_conv').countParams());
  });

  it('names the unfrozen weights: the top block and the head for k = 1', () => {
    const split = splitTransferNetwork(net, 1);
    const names = split.trainable.trainableWeights.map((w) => w.originalName).sort();
    expect(names).toEqual([
      'dense/bias',
      'dense/kernel',
      'dense_1/bias',
      'dense_1/kernel',
      'dense_2/bias',
      'dense_2/kernel',
      'top_conv/kernel',
    ]);
    expect(split.cutName).toBe('top');
    expect(split.trainable.inputs[0].shape).toEqual([null, 1, 1, 160]);
  });

  it('keeps BatchNormalization in inference mode while unfrozen blocks learn', () => {
    const split = splitTransferNetwork(net, 2);
    const last = net.blocks[net.blocks.length - 2].name;
    const read = (layer: string, i: number) => Array.from(net.model.getLayer(layer).getWeights()[i].dataSync());
    const before = {
      mean: read(`${last}_project_bn`, 2),
      variance: read('top_bn', 3),
      gamma: read('top_bn', 0),
      kernel: read('top_conv', 0),
      stem: read('stem_conv', 0),
    };
    const x = tf.randomNormal([6, ...(split.trainable.inputs[0].shape.slice(1) as number[])], 0, 1, 'float32', 4);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 0, 1], 'int32'), 4).toFloat();
    const optimizer = tf.train.sgd(0.5);
    optimizer.minimize(
      () => tf.losses.softmaxCrossEntropy(y, split.trainable.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
      false,
      split.trainable.trainableWeights.map((w) => w.read() as tf.Variable),
    );
    tf.dispose([x, y]);
    optimizer.dispose();
    expect(read('top_conv', 0)).not.toEqual(before.kernel);
    expect(read(`${last}_project_bn`, 2)).toEqual(before.mean);
    expect(read('top_bn', 3)).toEqual(before.variance);
    expect(read('top_bn', 0)).toEqual(before.gamma);
    expect(read('stem_conv', 0)).toEqual(before.stem);
  });

  it('the cached activations give the outputs of the whole network, for every cut', async () => {
    const task = userTask(quadrantImages(3));
    const pixels = imageBatch(task.train, 0, 8, net.resolution);
    const whole = net.model.predict(pixels) as tf.Tensor;
    for (const k of [0, 1, 3, net.blocks.length]) {
      const split = splitTransferNetwork(net, k);
      const cached = await cacheActivations(split.frozen, task.train, net.resolution, 4);
      const batch = cached.take({ start: 0, end: 8 });
      const fromCache = split.trainable.predict(batch.x) as tf.Tensor;
      const difference = tf.max(tf.abs(tf.sub(whole, fromCache))).dataSync()[0];
      expect(difference, `cut for k = ${k}`).toBeLessThan(1e-5);
      expect(cached.label(5)).toBe(task.train.labels[5]);
      tf.dispose([fromCache, batch.x, batch.y]);
      cached.dispose();
    }
    tf.dispose([whole, pixels]);
  });
});

describe('pretrained weights', () => {
  it('go into the base by name and give the source network its outputs; a missing one is named', async () => {
    const source = buildTransferNetwork(MINI, 21);
    const target = buildTransferNetwork(MINI, 22);
    let artifacts: tf.io.ModelArtifacts | null = null;
    const baseOnly = tf.model({
      inputs: source.model.inputs,
      outputs: source.model.getLayer('top_activation').output as tf.SymbolicTensor,
    });
    await baseOnly.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    setBaseWeights(target, artifacts!);
    const x = tf.randomUniform([2, 32, 32, 3], 0, 255, 'float32', 9);
    const features = (net: TransferNetwork) =>
      tf.tidy(() =>
        (
          tf
            .model({ inputs: net.model.inputs, outputs: net.model.getLayer('global_average_pooling2d').output as tf.SymbolicTensor })
            .predict(x) as tf.Tensor
        ).dataSync(),
      );
    expect(Array.from(features(target))).toEqual(Array.from(features(source)));
    const broken = { ...artifacts!, weightSpecs: artifacts!.weightSpecs!.filter((s) => s.name !== 'block2a_dwconv/depthwise_kernel') };
    expect(() => setBaseWeights(target, broken)).toThrow(/Falta el peso block2a_dwconv\/depthwise_kernel/);
    x.dispose();
    disposeTransferNetwork(source);
    disposeTransferNetwork(target);
  });
});

describe('a transfer run in the trainer', () => {
  const spec = (weights: 'pretrained' | 'random' = 'random'): RunSpec => ({
    model: { ...MINI, weights },
    data: { kind: 'user-images', version: 1 },
    loss: 'categorical_crossentropy',
    metrics: ['accuracy'],
    optimizer: { name: 'adam', learningRate: 1e-3 },
    batchSize: 8,
    epochs: 3,
    shuffle: true,
    seed: 5,
    backend: 'cpu',
  });
  const sources = { userImages: quadrantImages(10) };

  it('runs phase 1 on cached features, then phase 2 with the top blocks unfrozen, and frees everything', async () => {
    const baseline = tf.memory().numTensors;
    const updates: TrainerUpdate[] = [];
    const progress: number[] = [];
    const trainer = await Trainer.create(spec(), {
      sources,
      eventIntervalMs: 0,
      onUpdate: (u) => updates.push(u),
      onProgress: (p) => progress.push(p.fraction),
    });
    expect(progress.at(-1)).toBe(1);
    const blocks = trainer.info.blocks!;
    expect(trainer.info.trainableCount).toBe(headParams('mini', 4));
    await trainer.start();
    expect(trainer.state).toBe('done');
    expect(trainer.completedEpochs).toBe(3);
    const phase1 = trainer.getHistory().at(-1)!.logs;
    expect(phase1.val_accuracy).toBeGreaterThanOrEqual(0);
    const built = tf.memory().numTensors;

    await trainer.fineTune({ unfreeze: 2, learningRate: 1e-5, epochs: 2 });
    expect(trainer.state).toBe('paused');
    const grown = blocks.slice(-2).reduce((n, b) => n + b.params, 0);
    expect(trainer.info.trainableCount).toBe(headParams('mini', 4) + grown);
    expect(updates.at(-1)!.trainableCount).toBe(headParams('mini', 4) + grown);
    expect(updates.at(-1)!.phases.map((p) => [p.epoch, p.unfrozen, p.learningRate])).toEqual([
      [0, 0, 1e-3],
      [3, 2, 1e-5],
    ]);
    expect(updates.at(-1)!.phases[1].cutName).toBe(blocks.at(-2)!.name);
    expect(trainer.learningRate).toBe(1e-5);
    await trainer.start();
    expect(trainer.state).toBe('done');
    expect(trainer.getHistory().map((r) => r.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(updates.at(-1)!.epochs).toBe(5);

    // The held-out images are judged one by one, with the gallery's pictures at hand.
    const evaluation = (await trainer.evaluateTest())!;
    expect(evaluation.labels).toHaveLength(8);
    expect(evaluation.accuracy).toBeCloseTo(trainer.getHistory().at(-1)!.logs.val_accuracy, 5);
    expect(trainer.heldOutImages([0, 1])!.images[1]).toHaveLength(32 * 32 * 3);

    // Reset goes back to phase 1 with the same initial weights; nothing leaks.
    await trainer.reset();
    expect(trainer.info.trainableCount).toBe(headParams('mini', 4));
    expect(updates.at(-1)!.phases).toHaveLength(1);
    expect(tf.memory().numTensors).toBe(built);
    await trainer.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('refuses to unfreeze while training, or more blocks than the base has', async () => {
    const trainer = await Trainer.create(spec(), { sources });
    await expect(trainer.fineTune({ unfreeze: 99, learningRate: 1e-5, epochs: 1 })).rejects.toThrow(/entre 1 y 12/);
    await expect(trainer.fineTune({ unfreeze: 1, learningRate: 0, epochs: 1 })).rejects.toThrow(/mayor que 0/);
    await trainer.dispose();
  });

  it('needs the pretrained weights to have been loaded', async () => {
    await expect(Trainer.create(spec('pretrained'), { sources })).rejects.toThrow(/pesos preentrenados/);
  });
});
