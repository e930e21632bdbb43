import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer, type RunSpec } from './index';
import { AND_NOTEBOOK, AND_X, AND_Y, andSpec } from '../widgets/and/exercise';
import { binaryClassifierSpec } from '../widgets/binaryClassifier';
import { EXERCISE_POINTS, PUNTOS_NOTEBOOK } from '../widgets/puntos/exercise';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const f = Math.fround;
const EPS = f(1e-7);

interface Reference {
  loss: number[];
  w: number[][];
  b: number[];
}

/**
 * Exercises B and C derived by hand in float32, independently of tfjs: z = x·w + b,
 * ŷ = σ(z), Keras's clipped binary cross-entropy, and its gradient written out with the
 * chain rule: ∂L/∂ŷ = −(y/(ŷ+ε) − (1−y)/(1−ŷ+ε))/n, ∂ŷ/∂z = ŷ(1−ŷ), ∂z/∂w = x, ∂z/∂b = 1.
 */
function sigmoidNeuron(x: number[][], y: number[], w0: readonly number[], lr: number, epochs: number): Reference {
  let w = w0.map(f);
  let b = 0;
  const n = x.length;
  const out: Reference = { loss: [], w: [], b: [] };
  for (let epoch = 0; epoch < epochs; epoch++) {
    const p = x.map((row) => f(1 / (1 + Math.exp(-f(f(f(row[0] * w[0]) + f(row[1] * w[1])) + b)))));
    const clipped = p.map((v) => Math.min(Math.max(v, EPS), f(1 - EPS)));
    const terms = clipped.map((v, i) => f(f(y[i] * f(Math.log(f(v + EPS)))) + f(f(1 - y[i]) * f(Math.log(f(f(1 - v) + EPS))))));
    out.loss.push(-f(terms.reduce((s, t) => f(s + t), 0) / n));
    const dz = clipped.map((v, i) => {
      const inside = p[i] >= EPS && p[i] <= f(1 - EPS) ? 1 : 0;
      const dp = f(-f(f(y[i] / f(v + EPS)) - f(f(1 - y[i]) / f(f(1 - v) + EPS))) / n);
      return f(f(dp * inside) * f(p[i] * f(1 - p[i])));
    });
    const gw = [0, 1].map((j) => dz.reduce((s, d, i) => f(s + f(d * x[i][j])), 0));
    const gb = dz.reduce((s, d) => f(s + d), 0);
    w = w.map((v, j) => f(v - f(f(lr) * gw[j])));
    b = f(b - f(f(lr) * gb));
    out.w.push(w);
    out.b.push(b);
  }
  return out;
}

async function compare(spec: RunSpec, ref: Reference, every: number): Promise<Trainer> {
  const trainer = await Trainer.create(spec);
  await trainer.start();
  const history = trainer.getHistory();
  expect(trainer.state).toBe('done');
  expect(history).toHaveLength(ref.loss.length);
  // Float32 agreement: relative 1e-5 on the loss, absolute 1e-5 on the weights.
  history.forEach((record, i) => {
    expect(Math.abs(record.logs.loss - ref.loss[i])).toBeLessThan(1e-5 * Math.max(1, ref.loss[i]));
  });
  const sampled = history.map((record, i) => ({ record, i })).filter(({ i }) => i % every === 0 || i === history.length - 1);
  sampled.forEach(({ record, i }) => {
    expect(record.params![0][0]).toBeCloseTo(ref.w[i][0], 5);
    expect(record.params![0][1]).toBeCloseTo(ref.w[i][1], 5);
    expect(record.params![1][0]).toBeCloseTo(ref.b[i], 5);
  });
  return trainer;
}

describe('exercise B: the AND gate', () => {
  it('matches the float32 derivation at every epoch and predicts the truth table', async () => {
    const ref = sigmoidNeuron(AND_X, AND_Y, AND_NOTEBOOK.w0, AND_NOTEBOOK.lr, AND_NOTEBOOK.epochs);
    const trainer = await compare(andSpec({ ...AND_NOTEBOOK, backend: 'cpu' }), ref, 1);
    const predictions = trainer.snapshot().predictions!;
    expect(predictions.map(Math.round)).toEqual(AND_Y);
    // The first print worked out on paper: ŷ = σ([0; −0,9245; 1,0884; 0,1638]) =
    // [0,5; 0,2840; 0,7480; 0,5409], losses 0,6931 + 0,3341 + 1,3786 + 0,6146 over 4.
    expect(ref.loss[0]).toBeCloseTo(0.7551, 4);
    await trainer.dispose();
  });
});

describe('exercise C: points in the plane', () => {
  it('matches the float32 derivation at every epoch and separates the classes', async () => {
    const x = EXERCISE_POINTS.map((p) => [p.x, p.y]);
    const y = EXERCISE_POINTS.map((p) => p.c);
    const ref = sigmoidNeuron(x, y, PUNTOS_NOTEBOOK.w0, PUNTOS_NOTEBOOK.lr, PUNTOS_NOTEBOOK.epochs);
    const spec = binaryClassifierSpec({ x, y, ...PUNTOS_NOTEBOOK, w0: [...PUNTOS_NOTEBOOK.w0], backend: 'cpu', seed: 0, watchInputs: x });
    const trainer = await compare(spec, ref, 1);
    expect(trainer.snapshot().predictions!.map(Math.round)).toEqual(y);
    expect(trainer.getHistory().at(-1)!.logs.accuracy).toBe(1);
    await trainer.dispose();
  });
});
