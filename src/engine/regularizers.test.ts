import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { scoring } from './fit/evaluate';
import { tracedStep, trainStep } from './fit/step';
import { disposeTrace } from './trace';
import { Trainer, type EpochRecord, type RegularizerSpec, type RunSpec } from '.';
import { buildModel } from './models';
import { createOptimizer } from './optimizers';
import { regularizedKernels, resolveRegularizer } from './regularizers';
import { validateRunSpec } from './validate';

/*
 * A single Dense layer with known weights: kernel W (2×2, one entry 0), bias b, two
 * samples, mse. Everything below is worked out by hand in plain numbers.
 */
const W = [
  [0.5, -1],
  [0, 2],
];
const B = [0.1, -0.2];
const X = [
  [1, 2],
  [3, -1],
];
const Y = [
  [1, 0],
  [0, 1],
];
const flatW = W.flat();

function spec(kernelRegularizer?: RegularizerSpec, overrides: Partial<RunSpec> = {}): RunSpec {
  return {
    model: {
      kind: 'mlp',
      inputShape: [2],
      outputUnits: 2,
      outputActivation: 'linear',
      initialWeights: [flatW, B],
      kernelRegularizer,
    },
    data: { kind: 'inline', x: X, y: Y },
    loss: 'mse',
    optimizer: { name: 'sgd', learningRate: 1 },
    epochs: 1,
    seed: 1,
    backend: 'cpu',
    ...overrides,
  };
}

/** mse of x·W + b against y, and its gradient with respect to W: (2 / (n·k))·xᵀ(x·W + b − y). */
function dataLossAndGradient(w: number[][], b: number[], x: number[][], y: number[][]): { loss: number; grad: number[][] } {
  const error = x.map((row, i) => b.map((bj, j) => row[0] * w[0][j] + row[1] * w[1][j] + bj - y[i][j]));
  const count = x.length * b.length;
  const loss = error.flat().reduce((s, e) => s + e * e, 0) / count;
  const grad = w.map((_, r) => b.map((__, j) => (2 / count) * x.reduce((s, row, i) => s + row[r] * error[i][j], 0)));
  return { loss, grad };
}

const sumAbs = flatW.reduce((s, v) => s + Math.abs(v), 0); // 3.5
const sumSquares = flatW.reduce((s, v) => s + v * v, 0); // 5.25

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('kernel regularizers with Keras semantics', () => {
  it("fills in Keras's defaults: L1(0.01), L2(0.01), L1L2(0, 0)", () => {
    expect(resolveRegularizer({ name: 'l1' })).toEqual({ l1: 0.01, l2: 0 });
    expect(resolveRegularizer({ name: 'l2' })).toEqual({ l1: 0, l2: 0.01 });
    expect(resolveRegularizer({ name: 'l1_l2' })).toEqual({ l1: 0, l2: 0 });
    expect(resolveRegularizer({ name: 'l1_l2', l1: 0.1, l2: 0.2 })).toEqual({ l1: 0.1, l2: 0.2 });
  });

  const cases: [string, RegularizerSpec, number, number][] = [
    ['L1', { name: 'l1' }, 0.01, 0],
    ['L2', { name: 'l2' }, 0, 0.01],
    ['L1L2', { name: 'l1_l2', l1: 0.1, l2: 0.2 }, 0.1, 0.2],
  ];
  for (const [label, regularizer, l1, l2] of cases) {
    it(`${label}: the step minimises and reports data loss + l1·Σ|w| + l2·Σw², with gradient + l1·sign(w) + 2·l2·w`, () => {
      const run = spec(regularizer);
      if (run.model.kind !== 'mlp') throw new Error('mlp expected');
      const model = buildModel(run.model, run.seed);
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const optimizer = createOptimizer(run.optimizer, variables);
      const batch = { x: tf.tensor2d(X), y: tf.tensor2d(Y), owned: true };
      const result = trainStep({ model, variables, optimizer }, batch, scoring(run));

      const penalty = l1 * sumAbs + l2 * sumSquares;
      const data = dataLossAndGradient(W, B, X, Y);
      expect(result.loss.dataSync()[0]).toBeCloseTo(data.loss + penalty, 5);
      // SGD with learning rate 1: the update is minus the gradient the optimizer received.
      const after = variables.map((v) => Array.from(v.dataSync()));
      const kernelGrad = flatW.map((w, i) => w - after[0][i]);
      const expected = data.grad.flat().map((g, i) => g + l1 * Math.sign(flatW[i]) + 2 * l2 * flatW[i]);
      kernelGrad.forEach((g, i) => expect(g).toBeCloseTo(expected[i], 5));
      // The bias is not a kernel: its gradient is the data gradient alone.
      const biasGrad = B.map((b, j) => b - after[1][j]);
      const dataBiasGrad = B.map(
        (_, j) => (2 / 4) * X.reduce((s, row, i) => s + (row[0] * W[0][j] + row[1] * W[1][j] + B[j] - Y[i][j]), 0),
      );
      biasGrad.forEach((g, j) => expect(g).toBeCloseTo(dataBiasGrad[j], 5));
      tf.dispose([result.loss, batch.x, batch.y]);
      model.dispose();
    });
  }

  it('the traced step (backpropagation lesson) applies the same regularized gradients', () => {
    const run = spec({ name: 'l1_l2', l1: 0.1, l2: 0.2 });
    if (run.model.kind !== 'mlp') throw new Error('mlp expected');
    const mlp = run.model;
    const updated = (traced: boolean) => {
      const model = buildModel(mlp, run.seed);
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const target = { model, variables, optimizer: createOptimizer(run.optimizer, variables) };
      const batch = { x: tf.tensor2d(X), y: tf.tensor2d(Y), owned: true };
      const result = traced ? tracedStep(target, batch, scoring(run), mlp) : trainStep(target, batch, scoring(run));
      const values = [result.loss.dataSync()[0], ...variables.flatMap((v) => Array.from(v.dataSync()))];
      if (traced) disposeTrace((result as ReturnType<typeof tracedStep>).trace);
      tf.dispose([result.loss, batch.x, batch.y]);
      model.dispose();
      return values;
    };
    const plain = updated(false);
    updated(true).forEach((v, i) => expect(v).toBeCloseTo(plain[i], 6));
  });

  it('regularizes every trainable Dense kernel, and nothing else', () => {
    const model = buildModel(
      {
        kind: 'mlp',
        inputShape: [3],
        hidden: [{ units: 4, activation: 'relu', batchNorm: true }],
        outputUnits: 2,
        outputActivation: 'softmax',
      },
      1,
    );
    expect(regularizedKernels(model).map((k) => k.shape)).toEqual([
      [3, 4],
      [4, 2],
    ]);
    model.layers[0].trainable = false;
    expect(regularizedKernels(model).map((k) => k.shape)).toEqual([[4, 2]]);
    model.dispose();
  });

  it('reports loss and val_loss with the penalty, as Keras’s train_step and test_step do', async () => {
    const x = [...X, [2, 1], [-1, 1]];
    const y = [...Y, [1, 1], [0, 0]];
    const run = spec({ name: 'l2', l2: 0.05 }, { data: { kind: 'inline', x, y }, validationSplit: 0.5, watchParams: true });
    const history: EpochRecord[] = [];
    let params: number[][] | null = null;
    const trainer = await Trainer.create(run, {
      eventIntervalMs: 0,
      onUpdate: (u) => {
        history.push(...u.history);
        params = u.params ?? params;
      },
    });
    await trainer.start();
    const logs = history.at(-1)!.logs;
    // loss: the total at the weights before the update (the first two samples train).
    const before = dataLossAndGradient(W, B, X, Y);
    expect(logs.loss).toBeCloseTo(before.loss + 0.05 * sumSquares, 5);
    // val_loss: the total at the weights after the update, on the last two samples.
    const [kernel, bias] = params!;
    const w = [kernel.slice(0, 2), kernel.slice(2, 4)];
    const after = dataLossAndGradient(w, bias, x.slice(2), y.slice(2));
    expect(logs.val_loss).toBeCloseTo(after.loss + 0.05 * kernel.reduce((s, v) => s + v * v, 0), 5);
    await trainer.dispose();
  });

  it('refuses, in Spanish, an unknown regularizer or a negative strength', () => {
    expect(() => validateRunSpec(spec({ name: 'l3' } as unknown as RegularizerSpec))).toThrow(/«l1», «l2» o «l1_l2»/);
    expect(() => validateRunSpec(spec({ name: 'l2', l2: -1 }))).toThrow(/mayor o igual que 0/);
    expect(() => validateRunSpec(spec({ name: 'l1_l2', l1: 0.1, l2: 0.2 }))).not.toThrow();
  });
});
