import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer, type RunSpec, type TrainerUpdate } from '..';
import { buildModel } from '../models';
import type { MlpSpec } from '../spec';
import { ActivationGrid, drawnUnits, layerActivations } from './activations';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const MLP: MlpSpec = {
  kind: 'mlp',
  inputShape: [2],
  hidden: [{ units: 2, activation: 'tanh' }],
  outputUnits: 3,
  outputActivation: 'softmax',
  // Kernel 2×2 row-major, bias, then kernel 2×3, bias.
  initialWeights: [
    [1, -1, 0.5, 2],
    [0, 0.1],
    [1, 0, -1, 0.5, 0.5, 0.5],
    [0, 0, 0],
  ],
};

/** The same network by hand, for one input. */
function byHand([x, y]: number[]): number[] {
  const h = [Math.tanh(x + 0.5 * y), Math.tanh(-x + 2 * y + 0.1)];
  const z = [h[0] + 0.5 * h[1], 0.5 * h[1], -h[0] + 0.5 * h[1]];
  const e = z.map(Math.exp);
  const sum = e.reduce((a, b) => a + b, 0);
  return [...h, ...e.map((v) => v / sum)];
}

describe('layer activations on a grid', () => {
  it('give every neuron, hidden and output, from one forward pass', async () => {
    const cells = [
      [0, 0],
      [1, -2],
      [-0.5, 3],
    ];
    const model = buildModel(MLP, 1);
    const grid = new ActivationGrid(cells, drawnUnits(MLP));
    const flat = grid.compute(model);
    const [hidden, output] = grid.split((await flat.data()) as Float32Array);
    flat.dispose();
    expect(hidden).toHaveLength(3 * 2);
    expect(output).toHaveLength(3 * 3);
    cells.forEach((cell, i) => {
      const expected = byHand(cell);
      expect(Array.from(hidden.subarray(2 * i, 2 * i + 2))).toEqual(expected.slice(0, 2).map((v) => expect.closeTo(v, 5)));
      expect(Array.from(output.subarray(3 * i, 3 * i + 3))).toEqual(expected.slice(2).map((v) => expect.closeTo(v, 5)));
    });
    grid.discard();
    model.dispose();
  });

  it('draw a BatchNormalization layer after its activation, and leave no tensor behind', () => {
    const spec: MlpSpec = { ...MLP, hidden: [{ units: 4, activation: 'relu', batchNorm: true, dropout: 0.5 }], initialWeights: undefined };
    const model = buildModel(spec, 3);
    const before = tf.memory().numTensors;
    const inputs = tf.tensor2d([[1, 2]]);
    const flat = layerActivations(model, inputs);
    expect(flat.size).toBe(4 + 3);
    // relu after BN: no negative value among the hidden neurons.
    expect(Array.from(flat.dataSync().subarray(0, 4)).every((v) => v >= 0)).toBe(true);
    tf.dispose([flat, inputs]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('reach the page with each update of a run that watches them, changing as it trains', async () => {
    const updates: TrainerUpdate[] = [];
    const spec: RunSpec = {
      model: { ...MLP, initialWeights: undefined },
      data: {
        kind: 'inline',
        x: [
          [0, 0],
          [1, 1],
          [2, -1],
        ],
        y: [0, 1, 2],
      },
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
      optimizer: { name: 'sgd', learningRate: 0.5 },
      epochs: 5,
      seed: 2,
      backend: 'cpu',
      watchActivations: [
        [0, 0],
        [1, 1],
      ],
    };
    const trainer = await Trainer.create(spec, { onUpdate: (u) => updates.push(u), eventIntervalMs: 0 });
    const first = trainer.snapshot().activations!;
    expect(first.map((layer) => layer.length)).toEqual([2 * 2, 2 * 3]);
    await trainer.start();
    const last = updates.at(-1)!.activations!;
    expect(last[1]).not.toEqual(first[1]);
    await trainer.dispose();
  });
});
