import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EngineInputError, Trainer, type MlpSpec, type RunSpec, type TrainerUpdate } from '.';
import { recta, twoClassPoints } from './test-support/fixtures';

/** A small classifier with hidden layers, dropout, batches and shuffling: every loop path. */
function classifierSpec(overrides: Partial<RunSpec> = {}): RunSpec {
  const { x, y } = twoClassPoints();
  return {
    model: {
      kind: 'mlp',
      inputShape: [2],
      hidden: [
        { units: 8, activation: 'relu', dropout: 0.2 },
        { units: 4, activation: 'tanh', batchNorm: true },
      ],
      outputUnits: 2,
      outputActivation: 'softmax',
    },
    data: { kind: 'inline', x, y },
    loss: 'sparse_categorical_crossentropy',
    metrics: ['accuracy'],
    optimizer: { name: 'adam', learningRate: 0.01 },
    batchSize: 8,
    epochs: 6,
    validationSplit: 0.25,
    shuffle: true,
    seed: 7,
    backend: 'cpu',
    ...overrides,
  };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('memory', () => {
  it('returns to the baseline after stop, reset and dispose, and does not grow across epochs', async () => {
    const baseline = tf.memory().numTensors;
    const counts: number[] = [];
    const trainer = await Trainer.create(classifierSpec({ epochs: 30 }), {
      eventIntervalMs: 0,
      onUpdate: (u) => counts.push(u.tensorCount),
    });
    const built = tf.memory().numTensors;
    expect(built).toBeGreaterThan(baseline);
    await trainer.step('epoch');
    expect(tf.memory().numTensors).toBe(built);
    await trainer.start();
    expect(trainer.state).toBe('done');
    expect(tf.memory().numTensors).toBe(built);
    // The counts reported between epochs never drift upward.
    expect(Math.max(...counts.slice(5))).toBeLessThanOrEqual(Math.max(...counts.slice(0, 5)) + 2);
    await trainer.reset();
    expect(tf.memory().numTensors).toBe(built);
    const running = trainer.start();
    trainer.pause();
    await running;
    await trainer.stop();
    expect(trainer.state).toBe('done');
    expect(tf.memory().numTensors).toBe(built);
    await trainer.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});

describe('control', () => {
  it('steps one batch at a time, pauses, resumes and finishes', async () => {
    const trainer = await Trainer.create(classifierSpec({ epochs: 3 }));
    // 30 training samples in batches of 8: 4 batches per epoch.
    await trainer.step('batch');
    expect(trainer.state).toBe('paused');
    expect(trainer.snapshot().batch).toBe(1);
    await trainer.step('epoch');
    expect(trainer.completedEpochs).toBe(1);
    expect(trainer.snapshot().batch).toBe(0);
    const run = trainer.start();
    trainer.pause();
    await run;
    expect(trainer.state).toBe('paused');
    await trainer.start();
    expect(trainer.state).toBe('done');
    expect(trainer.completedEpochs).toBe(3);
    const logs = trainer.getHistory()[2].logs;
    expect(Object.keys(logs).sort()).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    expect(logs.accuracy).toBeGreaterThanOrEqual(0);
    expect(logs.accuracy).toBeLessThanOrEqual(1);
    await trainer.dispose();
  });

  it('a stopped run keeps its trained weights; reset brings back the initial ones', async () => {
    const trainer = await Trainer.create(recta());
    const initial = await trainer.readWeights();
    await trainer.step('batch');
    await trainer.stop();
    expect(trainer.state).toBe('done');
    const trained = await trainer.readWeights();
    expect(trained[0][0]).toBeCloseTo(2.8205333, 5);
    await trainer.reset();
    expect(trainer.state).toBe('idle');
    expect(trainer.getHistory()).toHaveLength(0);
    expect(await trainer.readWeights()).toEqual(initial);
    await trainer.dispose();
  });

  it('streams throttled updates ending with the final state', async () => {
    const updates: TrainerUpdate[] = [];
    const trainer = await Trainer.create(recta({ epochs: 500 }), { onUpdate: (u) => updates.push(u) });
    await trainer.start();
    const last = updates[updates.length - 1];
    expect(last.status).toBe('done');
    expect(last.epoch).toBe(500);
    // Every epoch arrives exactly once across the updates, in order.
    const epochs = updates.flatMap((u) => u.history.map((r) => r.epoch));
    expect(epochs).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(updates.length).toBeLessThan(500);
    await trainer.dispose();
  });
});

describe('divergence', () => {
  it('ends as diverged with a Spanish explanation when the learning rate is huge', async () => {
    const trainer = await Trainer.create(recta({ optimizer: { name: 'sgd', learningRate: 1e6 } }));
    await trainer.start();
    expect(trainer.state).toBe('diverged');
    const { message } = trainer.snapshot();
    expect(message).toMatch(/tasa de aprendizaje/);
    expect(message).toMatch(/1\.000\.000|1\s?000\s?000/);
    // The message names the first epoch whose loss stopped being finite, numbered as the
    // notebook's loop prints it (the loss before update k is epoch k, from 0).
    const first = trainer.getHistory().find((r) => !Number.isFinite(r.logs.loss))!;
    expect(first.epoch).toBeGreaterThan(1);
    expect(message).toMatch(new RegExp(`en la época ${first.epoch - 1}[. ]`));
    // Reset recovers a usable run.
    await trainer.reset();
    expect(trainer.state).toBe('idle');
    await trainer.dispose();
  });

  it("names the notebook's first non-finite epoch for the line at η = 0,15 (lesson gradiente)", async () => {
    const trainer = await Trainer.create(recta({ optimizer: { name: 'sgd', learningRate: 0.15 }, epochs: 1000 }));
    await trainer.start();
    expect(trainer.state).toBe('diverged');
    const history = trainer.getHistory();
    // Loss of the notebook's epoch 105 is still finite (about 1,4e38); epoch 106 overflows float32.
    expect(Number.isFinite(history[105].logs.loss)).toBe(true);
    expect(history[105].logs.loss).toBeGreaterThan(1e38);
    expect(Number.isFinite(history[106].logs.loss)).toBe(false);
    expect(trainer.snapshot().message).toMatch(/^La pérdida se volvió infinita en la época 106[. ]/);
    await trainer.dispose();
  });
});

describe('determinism', () => {
  it('the same seed gives the same initial weights and the same training run', async () => {
    const runOnce = async (seed: number) => {
      const trainer = await Trainer.create(
        classifierSpec({ seed, model: { ...(classifierSpec().model as MlpSpec), hidden: [{ units: 8, activation: 'relu' }] } }),
      );
      const initial = await trainer.readWeights();
      await trainer.start();
      const history = trainer.getHistory().map((r) => r.logs.loss);
      await trainer.dispose();
      return { initial, history };
    };
    const a = await runOnce(11);
    const b = await runOnce(11);
    const c = await runOnce(12);
    expect(b.initial).toEqual(a.initial);
    expect(b.history).toEqual(a.history);
    expect(c.initial).not.toEqual(a.initial);
  });
});

describe('input checks', () => {
  const refused = async (spec: RunSpec, pattern: RegExp) => {
    const before = tf.memory().numTensors;
    const error = await Trainer.create(spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineInputError);
    expect((error as Error).message).toMatch(pattern);
    expect(tf.memory().numTensors).toBe(before);
  };

  it('refuses bad values with Spanish messages and builds nothing', async () => {
    await refused(recta({ optimizer: { name: 'sgd', learningRate: -1 } }), /tasa de aprendizaje debe ser un número mayor que 0/);
    await refused(recta({ optimizer: { name: 'sgd', learningRate: Number.NaN } }), /tasa de aprendizaje/);
    await refused(recta({ batchSize: 0 }), /tamaño de lote/);
    await refused(recta({ epochs: 2.5 }), /épocas/);
    await refused(recta({ data: { kind: 'inline', x: [], y: [] } }), /No hay datos/);
    await refused(recta({ data: { kind: 'inline', x: [[1], [2]], y: [[1]] } }), /2 entradas pero 1 etiquetas/);
    await refused(recta({ validationSplit: 1 }), /validación/);
    const model = { ...recta().model, initialWeights: [[1, 2], [0]] };
    await refused(recta({ model }), /pesos iniciales no encajan/);
  });
});
