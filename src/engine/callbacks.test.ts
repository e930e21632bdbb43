import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EarlyStopping, LearningRateScheduler, scheduleFromSpec, type CallbackContext } from './callbacks';
import { Trainer, type RunSpec } from '.';

/** A context whose "weights" are one scalar set to the epoch number, to see which come back. */
function fakeContext() {
  let weights: tf.Tensor[] = [tf.scalar(-1)];
  const ctx: CallbackContext & { current(): number } = {
    getWeights: () => weights.map((w) => w.clone()),
    setWeights: (values) => {
      tf.dispose(weights);
      weights = values.map((v) => v.clone());
    },
    learningRate: 0.1,
    stopTraining: false,
    current: () => weights[0].dataSync()[0],
  };
  return { ctx, setEpochWeight: (e: number) => ctx.setWeights([tf.scalar(e)]) };
}

/** Feeds val_loss values until the callback stops training; returns the stop epoch. */
function feed(es: EarlyStopping, values: number[], monitor = 'val_loss') {
  const { ctx, setEpochWeight } = fakeContext();
  for (let epoch = 0; epoch < values.length; epoch++) {
    setEpochWeight(epoch);
    es.onEpochEnd(epoch, { [monitor]: values[epoch] }, ctx);
    if (ctx.stopTraining) return { stoppedAt: epoch, weight: ctx.current() };
  }
  return { stoppedAt: -1, weight: ctx.current() };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('EarlyStopping with Keras semantics', () => {
  it('counts only improvements larger than min_delta (the notebook: min_delta 0.01, patience 3)', () => {
    const es = new EarlyStopping({ monitor: 'val_loss', minDelta: 0.01, patience: 3, restoreBestWeights: true });
    // Epoch 0 sets best = 1.0; 0.995 and 0.992 are not 0.01 better; 0.985 is (best 0.985);
    // then 0.98, 0.979, 0.978 are not 0.01 better than 0.985: stop at epoch 6.
    const { stoppedAt, weight } = feed(es, [1.0, 0.995, 0.992, 0.985, 0.98, 0.979, 0.978, 0.5]);
    expect(stoppedAt).toBe(6);
    expect(es.bestEpoch).toBe(3);
    expect(es.best).toBe(0.985);
    // restore_best_weights brings back the weights saved at the best epoch.
    expect(weight).toBe(3);
    expect(es.report()).toMatch(/época 7.*mejor época \(4\)/);
    es.dispose();
  });

  it('keeps the last weights when restore_best_weights is off', () => {
    const es = new EarlyStopping({ patience: 1 });
    const { stoppedAt, weight } = feed(es, [1, 2, 3]);
    expect(stoppedAt).toBe(1);
    expect(weight).toBe(1);
  });

  it('patience 0 stops at the first epoch without improvement, never at epoch 0', () => {
    expect(feed(new EarlyStopping({ patience: 0 }), [5, 4, 4.5, 1]).stoppedAt).toBe(2);
  });

  it('maximises accuracy-like monitors in auto mode', () => {
    const es = new EarlyStopping({ monitor: 'val_accuracy', patience: 2 });
    expect(es.mode).toBe('max');
    expect(feed(es, [0.5, 0.6, 0.55, 0.58, 0.9], 'val_accuracy').stoppedAt).toBe(3);
  });

  it('does not reset patience for improvements that miss the baseline', () => {
    // Improving but never below 0.5: wait keeps growing, so the first setback stops training.
    expect(feed(new EarlyStopping({ patience: 2, baseline: 0.5 }), [0.9, 0.8, 0.85]).stoppedAt).toBe(2);
    expect(feed(new EarlyStopping({ patience: 2 }), [0.9, 0.8, 0.85]).stoppedAt).toBe(-1);
  });

  it('ignores epochs where the monitored value is missing', () => {
    const es = new EarlyStopping({ monitor: 'val_loss', patience: 1 });
    expect(feed(es, [1, 2, 3], 'loss').stoppedAt).toBe(-1);
  });
});

describe('learning-rate schedule', () => {
  it('keeps lr for 10 epochs, then multiplies it by e^−0.1 each epoch (the notes)', () => {
    const schedule = new LearningRateScheduler(scheduleFromSpec({ kind: 'hold_then_exponential', holdEpochs: 10, rate: -0.1 }));
    const { ctx } = fakeContext();
    const lrs: number[] = [];
    for (let epoch = 0; epoch < 13; epoch++) {
      schedule.onEpochBegin(epoch, ctx);
      lrs.push(ctx.learningRate);
    }
    expect(lrs.slice(0, 10)).toEqual(Array(10).fill(0.1));
    expect(lrs[10]).toBeCloseTo(0.1 * Math.exp(-0.1), 12);
    expect(lrs[12]).toBeCloseTo(0.1 * Math.exp(-0.3), 12);
  });
});

describe('callbacks inside the trainer', () => {
  // Training points lie on y = 3x, the held-out one on y = 2x: as w climbs from 0 to 3 the
  // validation loss falls, bottoms out near w = 2 and rises again.
  const spec: RunSpec = {
    model: { kind: 'mlp', inputShape: [1], outputUnits: 1, outputActivation: 'linear', initialWeights: [[0], [0]] },
    data: { kind: 'inline', x: [[1], [2], [3], [4], [5]], y: [[3], [6], [9], [12], [10]] },
    loss: 'mse',
    optimizer: { name: 'sgd', learningRate: 0.01 },
    epochs: 200,
    validationSplit: 0.2,
    seed: 3,
    backend: 'cpu',
    watchParams: true,
    callbacks: [{ name: 'early_stopping', monitor: 'val_loss', patience: 3, restoreBestWeights: true }],
  };

  it('stops early and restores the best epoch, with val_loss in the history', async () => {
    const trainer = await Trainer.create(spec);
    await trainer.start();
    const history = trainer.getHistory();
    expect(trainer.state).toBe('done');
    expect(history.length).toBeLessThan(200);
    const losses = history.map((r) => r.logs.val_loss);
    const best = losses.indexOf(Math.min(...losses));
    expect(history.length).toBe(best + 1 + 3);
    const weights = await trainer.readWeights();
    expect(weights[0][0]).toBeCloseTo(history[best].params![0][0], 6);
    expect(trainer.snapshot().message).toMatch(/Parada temprana/);
    await trainer.dispose();
  });

  it('applies the schedule to the optimizer', async () => {
    const trainer = await Trainer.create({
      ...spec,
      epochs: 12,
      validationSplit: 0,
      callbacks: [{ name: 'lr_scheduler', schedule: { kind: 'hold_then_exponential', holdEpochs: 10, rate: -0.1 } }],
    });
    await trainer.start();
    expect(trainer.learningRate).toBeCloseTo(0.01 * Math.exp(-0.2), 10);
    // Each epoch logs the rate it trained with, as Keras 3's scheduler does: held, then × e^−0.1.
    const rates = trainer.getHistory().map((r) => r.logs.learning_rate);
    expect(rates.slice(0, 10).every((r) => Math.abs(r - 0.01) < 1e-12)).toBe(true);
    expect(rates[10]).toBeCloseTo(0.01 * Math.exp(-0.1), 10);
    expect(rates[11]).toBeCloseTo(0.01 * Math.exp(-0.2), 10);
    await trainer.dispose();
  });
});
