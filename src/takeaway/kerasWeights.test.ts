import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../engine/models';
import { exportModel } from '../engine/persistence';
import type { CnnSpec, MlpSpec } from '../engine/protocol';
import { kerasLayerPaths, kerasLayers } from './kerasLayers';
import { kerasWeightsH5 } from './kerasWeights';
import { runPython } from './test-support/python';

const INPUT = 32 * 32 * 3;

const MLP: MlpSpec = {
  kind: 'mlp',
  inputShape: [INPUT],
  hidden: [
    { units: 6, activation: 'relu', dropout: 0.2 },
    { units: 5, activation: 'relu', dropout: 0.2 },
  ],
  outputUnits: 10,
  outputActivation: 'softmax',
};
const MLP_BN: MlpSpec = { ...MLP, hidden: MLP.hidden!.map((h) => ({ ...h, batchNorm: true })) };
const CNN: CnnSpec = {
  kind: 'cnn',
  inputShape: [32, 32, 3],
  conv: [
    { filters: 4, kernelSize: 3, activation: 'relu' },
    { filters: 6, kernelSize: 3, activation: 'relu' },
  ],
  hidden: [{ units: 7, activation: 'relu', dropout: 0.3 }],
  outputUnits: 10,
  outputActivation: 'softmax',
};

/** Every group and dataset of the file as h5py sees it: path → shape and sum (null for groups). */
const READ_FILE = [
  'import h5py, json, sys',
  'out = {}',
  'def visit(name, obj):',
  '    out[name] = [list(obj.shape), float(obj[()].sum())] if isinstance(obj, h5py.Dataset) else None',
  'with h5py.File(sys.argv[1], "r") as f:',
  '    f.visititems(visit)',
  '    out["__root__"] = sorted(f.keys())',
  'print(json.dumps(out))',
].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'keras-weights-'));

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Keras 3 .weights.h5 export', () => {
  it.each([
    ['MLP', MLP],
    ['MLP with BatchNormalization', MLP_BN],
    ['CNN', CNN],
  ] as const)('writes the %s in the layout of save_weights, at the paths of the code panel’s model', async (name, spec) => {
    const model = buildModel(spec, 7);
    const { modelJson, weights } = await exportModel(model);
    const path = join(dir, `${name.replace(/ /g, '_')}.weights.h5`);
    writeFileSync(path, await kerasWeightsH5(modelJson, weights));
    const file = JSON.parse(runPython(READ_FILE, [path], [{ module: 'h5py', debian: 'python3-h5py' }])) as Record<
      string,
      [number[], number] | null | string[]
    >;
    expect(file.__root__).toEqual(['layers', 'vars']);
    expect(file.vars).toBeNull();

    // The layers that hold variables, in the code panel's order, and their values in Keras's order.
    const layers = kerasLayers(spec);
    const paths = kerasLayerPaths(layers.map((l) => l.snake));
    const expected = layers.flatMap((layer, i) => Array.from({ length: layer.variables }, (_, v) => `${paths[i]}/vars/${v}`));
    const datasets = Object.keys(file).filter((k) => Array.isArray(file[k]) && k !== '__root__');
    expect(datasets.sort()).toEqual([...expected].sort());
    // Layer by layer (the model's own list puts every trainable weight before the moving statistics).
    const tensors = model.layers.flatMap((layer) => layer.getWeights());
    expected.forEach((p, i) => {
      const [shape, sum] = file[p] as [number[], number];
      expect(shape, p).toEqual(tensors[i].shape);
      expect(sum, p).toBeCloseTo(tensors[i].sum().dataSync()[0], 3);
    });
    // Weightless layers keep their empty vars group, as Keras writes them.
    expect(file['layers/dropout/vars']).toBeNull();
    // Every layer of the code panel's model has its vars group, and nothing else does
    // (Keras's model takes the 32×32×3 images and flattens them, the MLP's and the CNN's alike).
    const groups = Object.keys(file).filter((k) => k.endsWith('/vars') && file[k] === null);
    expect(groups.sort()).toEqual(paths.map((p) => `${p}/vars`).sort());
    model.dispose();
  });

  it('refuses a model with a layer Keras has no twin for here', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 }), tf.layers.layerNormalization()] });
    const { modelJson, weights } = await exportModel(model);
    await expect(kerasWeightsH5(modelJson, weights)).rejects.toThrow(/LayerNormalization/);
    model.dispose();
  });
});
