import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportModel } from '../engine/persistence';
import { buildTransferNetwork, disposeTransferNetwork, type TransferNetwork } from '../engine/transfer/model';
import { NO_KERAS_TWIN, transferKerasLayout, transferKerasWeightsH5 } from './kerasTransferWeights';
import { runPython } from './test-support/python';

/**
 * EfficientNetB0's layers (include_top=False, weights='imagenet') as keras/src/applications/
 * efficientnet.py builds them, transcribed here independently of the engine: the stem, then
 * each block of DEFAULT_BLOCKS_ARGS, then the top. Each entry: the Keras class and the
 * number of variables it saves.
 */
function kerasB0Layers(): [string, number][] {
  const stages = [
    // [repeats, filters_in, filters_out, expand_ratio, strides]
    [1, 32, 16, 1, 1],
    [2, 16, 24, 6, 2],
    [2, 24, 40, 6, 2],
    [3, 40, 80, 6, 2],
    [3, 80, 112, 6, 1],
    [4, 112, 192, 6, 2],
    [1, 192, 320, 6, 1],
  ];
  const out: [string, number][] = [
    ['InputLayer', 0],
    ['Rescaling', 0],
    ['Normalization', 3],
    ['Rescaling', 0],
    ['ZeroPadding2D', 0],
    ['Conv2D', 1],
    ['BatchNormalization', 4],
    ['Activation', 0],
  ];
  let b = 0;
  for (const [repeats, filtersIn, filtersOut, expand, strides] of stages) {
    for (let j = 0; j < repeats; j++, b++) {
      const [inJ, strideJ] = j === 0 ? [filtersIn, strides] : [filtersOut, 1];
      if (expand !== 1) out.push(['Conv2D', 1], ['BatchNormalization', 4], ['Activation', 0]);
      if (strideJ === 2) out.push(['ZeroPadding2D', 0]);
      out.push(['DepthwiseConv2D', 1], ['BatchNormalization', 4], ['Activation', 0]);
      out.push(['GlobalAveragePooling2D', 0], ['Reshape', 0], ['Conv2D', 2], ['Conv2D', 2], ['Multiply', 0]);
      out.push(['Conv2D', 1], ['BatchNormalization', 4]);
      // drop_connect_rate * b / blocks > 0 from the second block on.
      if (strideJ === 1 && inJ === filtersOut) out.push(...(b > 0 ? [['Dropout', 0] as [string, number]] : []), ['Add', 0]);
    }
  }
  out.push(['Conv2D', 1], ['BatchNormalization', 4], ['Activation', 0]);
  return out;
}

/** saving_lib's `_save_container_state` naming: snake_case class names, `_1`, `_2`… per repeat. */
function containerNames(classes: string[]): string[] {
  const snake = (c: string) =>
    c
      .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .toLowerCase();
  const used = new Map<string, number>();
  return classes.map((c) => {
    const s = snake(c);
    const n = used.get(s);
    used.set(s, n === undefined ? 0 : n + 1);
    return n === undefined ? s : `${s}_${n + 1}`;
  });
}

/** Every group (its `name` attribute) and dataset (shape, dtype, sum) of the file, as h5py reads it. */
const READ_FILE = [
  'import h5py, json, sys',
  'out = {}',
  'def visit(name, obj):',
  '    if isinstance(obj, h5py.Dataset):',
  '        out[name] = {"shape": list(obj.shape), "dtype": str(obj.dtype), "sum": float(obj[()].astype("float64").sum())}',
  '    else:',
  '        n = obj.attrs.get("name")',
  '        out[name] = {"group": True, "name": n.decode() if isinstance(n, bytes) else n}',
  'with h5py.File(sys.argv[1], "r") as f:',
  '    f.visititems(visit)',
  '    out["__root__"] = {"keys": sorted(f.keys())}',
  'print(json.dumps(out))',
].join('\n');

type Entry = { group?: true; name?: string | null; shape?: number[]; dtype?: string; sum?: number; keys?: string[] };

const dir = mkdtempSync(join(tmpdir(), 'keras-transfer-'));
let net: TransferNetwork;
let file: Record<string, Entry>;

beforeAll(async () => {
  await tf.setBackend('cpu');
  // B0's architecture with the notebook's head; every weight then gets its own seeded random values,
  // so that a variable written under another's path changes a sum.
  net = buildTransferNetwork({ kind: 'transfer', base: 'b0', weights: 'random', classes: 4 }, 11);
  net.model.weights.forEach((w, i) => tf.tidy(() => void w.write(tf.randomUniform(w.shape as number[], 0, 2, w.dtype, 100 + i))));
  const { modelJson, weights } = await exportModel(net.model);
  const path = join(dir, 'transferencia.weights.h5');
  writeFileSync(path, await transferKerasWeightsH5(modelJson, weights, { base: 'b0', resizing: true }));
  file = JSON.parse(runPython(READ_FILE, [path], [{ module: 'h5py', debian: 'python3-h5py' }])) as Record<string, Entry>;
}, 60_000);
afterAll(() => {
  disposeTransferNetwork(net);
  rmSync(dir, { recursive: true, force: true });
});

describe('Keras 3 .weights.h5 of the transfer model', () => {
  const base = kerasB0Layers();
  const inner = containerNames(base.map(([c]) => c)).map((n) => `layers/functional/layers/${n}`);
  const outer = ['input_layer', 'resizing', 'functional', 'global_average_pooling2d', 'dense', 'dense_1', 'dense_2'].map(
    (n) => `layers/${n}`,
  );

  it('has a vars group for the model, each outer layer, the nested EfficientNetB0 and each of its layers', () => {
    expect(file.__root__.keys).toEqual(['layers', 'vars']);
    // Keras's EfficientNetB0 without its top: 238 layers, ending in the top block's conv, BN and activation.
    expect(base).toHaveLength(238);
    expect(inner[0]).toBe('layers/functional/layers/input_layer');
    expect(inner.slice(-3)).toEqual([
      'layers/functional/layers/conv2d_64',
      'layers/functional/layers/batch_normalization_48',
      'layers/functional/layers/activation_32',
    ]);
    const varsGroups = Object.keys(file).filter((k) => k.endsWith('vars') && file[k].group);
    expect(varsGroups.sort()).toEqual(['', ...outer, ...inner].map((p) => (p ? `${p}/vars` : 'vars')).sort());
    // Besides those, only the `layers` containers.
    const others = Object.keys(file).filter((k) => file[k].group && !k.endsWith('vars'));
    expect(others.sort()).toEqual(['layers', 'layers/functional/layers', ...outer, ...inner].sort());
    // Each vars carries the saveable's name, as Keras 3.10+ writes it.
    expect(file.vars.name).toBe('functional');
    expect(file['layers/functional/vars'].name).toBe('efficientnetb0');
    expect(file['layers/functional/layers/conv2d/vars'].name).toBe('stem_conv');
    expect(file['layers/functional/layers/depthwise_conv2d_15/vars'].name).toBe('block7a_dwconv');
    expect(file['layers/dense_2/vars'].name).toBe('dense_2');
    // The names a fresh Keras session gives: the base's input first, then the outer one.
    expect(file['layers/functional/layers/input_layer/vars'].name).toBe('input_layer');
    expect(file['layers/input_layer/vars'].name).toBe('input_layer_1');
  });

  it('stores every variable at its Keras path, with the engine’s shape and values', () => {
    // The engine's layers in Keras's order: the base's, then the head's (the model lists them by depth).
    const engine = net.model.layers;
    const paths = [...inner, ...outer.slice(3)];
    const counts = [...base.map(([, n]) => n), 0, 2, 2, 2];
    const kerasOf = (name: string) => ({ ChannelRescaling: 'Rescaling', KerasBatchNormalization: 'BatchNormalization' })[name] ?? name;
    expect(engine.map((l) => kerasOf(l.getClassName()))).toEqual([
      ...base.map(([c]) => c),
      'GlobalAveragePooling2D',
      'Dense',
      'Dense',
      'Dense',
    ]);
    expect(engine.map((l) => l.weights.length)).toEqual(counts);
    const datasets = Object.keys(file).filter((k) => file[k].shape);
    expect(datasets).toHaveLength(counts.reduce((a, b) => a + b, 0));
    engine.forEach((layer, i) => {
      // Keras's order is each layer's creation order, as the engine's (kernel, bias; gamma, beta, moving mean, variance).
      layer.getWeights().forEach((w, v) => {
        const entry = file[`${paths[i]}/vars/${v}`];
        expect(entry, `${layer.name} ${v}`).toBeDefined();
        expect(entry.shape, `${paths[i]}/vars/${v}`).toEqual(w.shape);
        expect(entry.dtype).toBe(w.dtype === 'int32' ? 'int64' : 'float32');
        const sum = Array.from(w.dataSync()).reduce((a, b) => a + b, 0);
        expect(Math.abs(entry.sum! - sum), `${paths[i]}/vars/${v}`).toBeLessThan(1e-6 * Math.abs(sum) + 1e-9);
      });
    });
    // Normalization's `count` is Keras's int64 scalar; the stem conv's kernel Keras's (3, 3, 3, 32).
    expect(file['layers/functional/layers/normalization/vars/2'].shape).toEqual([]);
    expect(file['layers/functional/layers/conv2d/vars/0'].shape).toEqual([3, 3, 3, 32]);
    expect(file['layers/dense_2/vars/0'].shape).toEqual([256, 4]);
  });

  it('leaves Resizing out for the student’s own photos, which come at the base’s side', async () => {
    const { modelJson, weights } = await exportModel(net.model);
    const layout = transferKerasLayout(modelJson, weights, { base: 'b0', resizing: false });
    expect(layout.saveables.slice(0, 4).map((s) => s.path)).toEqual([
      '',
      'layers/input_layer',
      'layers/functional',
      'layers/global_average_pooling2d',
    ]);
    // The same base model is a B0, not a B3.
    expect(() => transferKerasLayout(modelJson, weights, { base: 'b3', resizing: false })).toThrow(/efficientnetb3 tiene 26 y 1536/);
  });

  it('refuses the mini base, which has no Keras twin', async () => {
    const mini = buildTransferNetwork({ kind: 'transfer', base: 'mini', weights: 'random', classes: 4 }, 1);
    const { modelJson, weights } = await exportModel(mini.model);
    expect(() => transferKerasLayout(modelJson, weights, { base: 'mini', resizing: true })).toThrow(NO_KERAS_TWIN);
    // Nor does the mini network pass for a B0.
    expect(() => transferKerasLayout(modelJson, weights, { base: 'b0', resizing: true })).toThrow(/efficientnetb0 tiene 16 y 1280/);
    disposeTransferNetwork(mini);
  });
});
