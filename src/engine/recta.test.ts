import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer } from './index';
import { recta } from './test-support/fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('exercise A: y = 2x + 1 with plain gradient descent', () => {
  it('reproduces the notebook number by number', async () => {
    const trainer = await Trainer.create(recta());
    await trainer.start();
    const history = trainer.getHistory();
    expect(trainer.state).toBe('done');
    expect(history).toHaveLength(51);
    // Epoch 0 of the notebook: loss before the update, w and b after it.
    expect(history[0].logs.loss).toBeCloseTo(7.3219, 4);
    expect(history[0].params![0][0]).toBeCloseTo(2.8205333, 6);
    expect(history[0].params![1][0]).toBeCloseTo(0.5252736, 6);
    // Epoch 50: the final parameters.
    const [w, b] = history[50].params!;
    expect(w[0]).toBeCloseTo(2.0502696, 5);
    expect(b[0]).toBeCloseTo(0.8522009, 5);
    expect(history[50].logs.loss).toBeCloseTo(0.0039, 4);
    await trainer.dispose();
  });

  it('matches an independent float32 loop for every epoch', async () => {
    const f = Math.fround;
    const xs = [1, 2, 3, 4];
    const ys = [3, 5, 7, 9];
    let w = f(1.3552873);
    let b = f(0.00364656);
    const expected: { loss: number; w: number; b: number }[] = [];
    for (let epoch = 0; epoch <= 50; epoch++) {
      const errors = xs.map((x, i) => f(f(f(w * x) + b) - ys[i]));
      const loss = f(errors.reduce((s, e) => f(s + f(e * e)), 0) / 4);
      const dw = f(errors.reduce((s, e, i) => f(s + f(f(2 * e) * xs[i])), 0) / 4);
      const db = f(errors.reduce((s, e) => f(s + f(2 * e)), 0) / 4);
      w = f(w - f(f(0.1) * dw));
      b = f(b - f(f(0.1) * db));
      expected.push({ loss, w, b });
    }
    const trainer = await Trainer.create(recta());
    await trainer.start();
    trainer.getHistory().forEach((record, i) => {
      expect(record.logs.loss).toBeCloseTo(expected[i].loss, 5);
      expect(record.params![0][0]).toBeCloseTo(expected[i].w, 5);
      expect(record.params![1][0]).toBeCloseTo(expected[i].b, 5);
    });
    await trainer.dispose();
  });
});
