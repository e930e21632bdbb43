import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer, type TrainerUpdate } from '../../engine';
import { lineGrid, planeGrid } from './datasets';
import { PUNTOS_FIELDS, puntosSpec, settingsClasses, settingsPoints, type PuntosSettings } from './settings';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const defaults = Object.fromEntries(Object.entries(PUNTOS_FIELDS).map(([k, f]) => [k, f.default])) as PuntosSettings;

async function train(s: PuntosSettings, grid: number[][]) {
  const points = settingsPoints(s);
  const spec = puntosSpec(s, points, grid)!;
  const updates: TrainerUpdate[] = [];
  const trainer = await Trainer.create(spec, { onUpdate: (u) => updates.push(u), eventIntervalMs: 0 });
  const first = trainer.snapshot();
  await trainer.start();
  const last = trainer.snapshot();
  await trainer.dispose();
  return { spec, first, last, points };
}

describe('the points widget runs', () => {
  it('three classes: softmax, categorical cross-entropy, one map per class, accuracy up', async () => {
    const s: PuntosSettings = { ...defaults, datos: 'manchas', clases: 3, capas: 1, neuronas: 4, lr: 0.3, epochs: 60, ruido: 0 };
    const grid = planeGrid([-6, 6], 5);
    const { spec, first, last, points } = await train(s, grid);
    expect(settingsClasses(s, points)).toBe(3);
    expect(spec.loss).toBe('sparse_categorical_crossentropy');
    expect(spec.model).toMatchObject({ outputUnits: 3, outputActivation: 'softmax' });
    expect(last.activations!.map((a) => a.length)).toEqual([25 * 4, 25 * 3]);
    expect(last.history.at(-1)!.logs.accuracy).toBeGreaterThan(first.initialLogs!.accuracy);
    expect(last.history.at(-1)!.logs.accuracy).toBeGreaterThan(0.9);
  });

  it('a regression: x alone in, one linear output, the mean squared error falls', async () => {
    const s: PuntosSettings = { ...defaults, datos: 'seno', capas: 1, neuronas: 8, lr: 0.05, epochs: 300 };
    const grid = lineGrid([-6, 6], 11);
    const { spec, first, last } = await train(s, grid);
    expect(spec.loss).toBe('mse');
    expect(spec.model).toMatchObject({ inputShape: [1], outputUnits: 1, outputActivation: 'linear' });
    expect(last.activations!.at(-1)).toHaveLength(11);
    expect(last.history.at(-1)!.logs.loss).toBeLessThan(first.initialLogs!.loss * 0.6);
  });
});
