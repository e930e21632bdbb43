import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOptimizer } from './optimizers';
import type { OptimizerSpec } from './spec';

/**
 * Each optimizer's first steps against values worked out by hand from Keras's update rules,
 * with two fixed gradients so every slot variable moves.
 */
const THETA0 = [1, -2];
const GRADS = [
  [0.5, -1],
  [0.25, 2],
];

async function run(spec: OptimizerSpec): Promise<number[][]> {
  const theta = tf.variable(tf.tensor1d(THETA0));
  const optimizer = createOptimizer(spec, [theta]);
  const out: number[][] = [];
  for (const g of GRADS) {
    const grad = tf.tensor1d(g);
    optimizer.apply([grad]);
    grad.dispose();
    out.push(Array.from(await theta.data()));
  }
  expect(optimizer.iterations).toBe(GRADS.length);
  optimizer.dispose();
  theta.dispose();
  return out;
}

function expectClose(actual: number[][], expected: number[][]) {
  actual.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 6)));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('optimizers follow Keras', () => {
  it('sgd: θ ← θ − η·g (Keras default η = 0.01)', async () => {
    // Step 1: 1 − 0.01·0.5 = 0.995, −2 + 0.01 = −1.99. Step 2: 0.995 − 0.0025, −1.99 − 0.02.
    expectClose(await run({ name: 'sgd' }), [
      [0.995, -1.99],
      [0.9925, -2.01],
    ]);
  });

  it('sgd with momentum 0.9: m ← 0.9m − ηg, θ ← θ + m', async () => {
    // η = 0.1. Step 1: m = (−0.05, 0.1) → θ = (0.95, −1.9).
    // Step 2: m = (−0.045 − 0.025, 0.09 − 0.2) = (−0.07, −0.11) → θ = (0.88, −2.01).
    expectClose(await run({ name: 'sgd', learningRate: 0.1, momentum: 0.9 }), [
      [0.95, -1.9],
      [0.88, -2.01],
    ]);
  });

  it('sgd with Nesterov momentum: θ ← θ + μ·m − η·g', async () => {
    // Step 1: m = (−0.05, 0.1); θ = (1 − 0.045 − 0.05, −2 + 0.09 + 0.1) = (0.905, −1.81).
    // Step 2: m = (−0.07, −0.11); θ = (0.905 − 0.063 − 0.025, −1.81 − 0.099 − 0.2) = (0.817, −2.109).
    expectClose(await run({ name: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true }), [
      [0.905, -1.81],
      [0.817, -2.109],
    ]);
  });

  it('adam with Keras defaults (η 0.001, β1 0.9, β2 0.999, ε 1e-7)', async () => {
    // Written out with the formula from Keras's source, in float64.
    const b1 = 0.9,
      b2 = 0.999,
      eps = 1e-7,
      lr = 0.001;
    const m = [0, 0],
      v = [0, 0],
      theta = [...THETA0];
    const expected: number[][] = [];
    GRADS.forEach((g, step) => {
      const t = step + 1;
      const alpha = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
      for (let i = 0; i < 2; i++) {
        m[i] += (g[i] - m[i]) * (1 - b1);
        v[i] += (g[i] ** 2 - v[i]) * (1 - b2);
        theta[i] -= (alpha * m[i]) / (Math.sqrt(v[i]) + eps);
      }
      expected.push([...theta]);
    });
    // The first Adam step moves each weight by almost exactly η against the gradient's sign.
    expect(expected[0][0]).toBeCloseTo(0.999, 6);
    expect(expected[0][1]).toBeCloseTo(-1.999, 6);
    expectClose(await run({ name: 'adam' }), expected);
  });

  it('rmsprop with Keras defaults (η 0.001, ρ 0.9, ε 1e-7)', async () => {
    // Step 1: s = 0.1·g² → step = η·g/√(0.1g²+ε) ≈ η·sign(g)·√10.
    const s1 = [0.1 * 0.25, 0.1 * 1];
    const t1 = [1 - (0.001 * 0.5) / Math.sqrt(s1[0] + 1e-7), -2 + 0.001 / Math.sqrt(s1[1] + 1e-7)];
    const s2 = [0.9 * s1[0] + 0.1 * 0.0625, 0.9 * s1[1] + 0.1 * 4];
    const t2 = [t1[0] - (0.001 * 0.25) / Math.sqrt(s2[0] + 1e-7), t1[1] - (0.001 * 2) / Math.sqrt(s2[1] + 1e-7)];
    expect(t1[0]).toBeCloseTo(1 - 0.001 * Math.sqrt(10), 5);
    expectClose(await run({ name: 'rmsprop' }), [t1, t2]);
  });

  it('rmsprop with momentum accumulates the scaled steps', async () => {
    const lr = 0.01,
      rho = 0.9,
      mu = 0.5,
      eps = 1e-7;
    const s = [0, 0],
      m = [0, 0],
      theta = [...THETA0];
    const expected = GRADS.map((g) => {
      for (let i = 0; i < 2; i++) {
        s[i] = rho * s[i] + (1 - rho) * g[i] ** 2;
        m[i] = mu * m[i] + (lr * g[i]) / Math.sqrt(s[i] + eps);
        theta[i] -= m[i];
      }
      return [...theta];
    });
    expectClose(await run({ name: 'rmsprop', learningRate: lr, momentum: mu }), expected);
  });

  it('creates its slots and constants up front, keeps the count across steps, frees all on dispose', () => {
    const before = tf.memory().numTensors;
    const zeros = tf.zeros([3]);
    const theta = tf.variable(zeros);
    zeros.dispose();
    const adam = createOptimizer({ name: 'adam' }, [theta]);
    // θ, m and v, plus α, 1 − β1, 1 − β2 and ε kept on the device between steps.
    expect(tf.memory().numTensors).toBe(before + 7);
    const grad = tf.ones([3]);
    adam.apply([grad]);
    adam.apply([grad]);
    grad.dispose();
    expect(tf.memory().numTensors).toBe(before + 7);
    adam.dispose();
    theta.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('inspect reads an optimizer state without changing it', () => {
  /** Two updates with GRADS, then the state of variable 0 (θ = (1, −2)) as plain numbers. */
  async function inspected(spec: OptimizerSpec): Promise<Record<string, number[]>> {
    const theta = tf.variable(tf.tensor1d(THETA0));
    const optimizer = createOptimizer(spec, [theta]);
    const before = tf.memory().numTensors;
    const fresh = optimizer.inspect(0);
    expect(Object.keys(fresh)).not.toContain('mHat');
    tf.dispose(Object.values(fresh));
    for (const g of GRADS) {
      const grad = tf.tensor1d(g);
      optimizer.apply([grad]);
      grad.dispose();
    }
    const state = optimizer.inspect(0);
    const out = Object.fromEntries(
      await Promise.all(Object.entries(state).map(async ([k, t]) => [k, Array.from(await t.data())] as const)),
    );
    tf.dispose(Object.values(state));
    // Only the copies were new; reading again gives the same numbers.
    expect(tf.memory().numTensors).toBe(before);
    const again = optimizer.inspect(0);
    for (const [k, t] of Object.entries(again)) expect(Array.from(await t.data())).toEqual(out[k]);
    tf.dispose(Object.values(again));
    optimizer.dispose();
    theta.dispose();
    return out;
  }

  const close = (actual: number[], expected: number[]) => actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));

  it('plain sgd keeps nothing; with momentum, the velocity m of the hand computation above', async () => {
    expect(await inspected({ name: 'sgd' })).toEqual({});
    close((await inspected({ name: 'sgd', learningRate: 0.1, momentum: 0.9 })).momentum, [-0.07, -0.11]);
  });

  it('adam: m, v and the bias-corrected m̂ = m/(1 − β1²), v̂ = v/(1 − β2²) after two steps', async () => {
    const m = [0, 0].map((_, i) => 0.9 * (0.1 * GRADS[0][i]) + 0.1 * GRADS[1][i]);
    const v = [0, 0].map((_, i) => 0.999 * (0.001 * GRADS[0][i] ** 2) + 0.001 * GRADS[1][i] ** 2);
    const state = await inspected({ name: 'adam' });
    expect(Object.keys(state)).toEqual(['momentum', 'velocity', 'mHat', 'vHat']);
    close(state.momentum, m);
    close(state.velocity, v);
    close(
      state.mHat,
      m.map((x) => x / (1 - 0.9 ** 2)),
    );
    close(
      state.vHat,
      v.map((x) => x / (1 - 0.999 ** 2)),
    );
  });

  it('rmsprop: the mean square s as velocity, and the momentum when it has one', async () => {
    const s = [0, 0].map((_, i) => 0.9 * (0.1 * GRADS[0][i] ** 2) + 0.1 * GRADS[1][i] ** 2);
    close((await inspected({ name: 'rmsprop' })).velocity, s);
    expect(Object.keys(await inspected({ name: 'rmsprop', momentum: 0.5 }))).toEqual(['velocity', 'momentum']);
  });
});
