import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEfficientNet, type EfficientNet } from './build';
import { convertKerasH5 } from './convert';
import { modelFiles } from './files';
import { kerasLayersOf, writeKerasH5, type KerasLayerWeights } from '../test-support/kerasH5';

const SHAPE: [number, number, number] = [32, 32, 3];
let source: EfficientNet;
let target: EfficientNet;
let layers: KerasLayerWeights[];
let image: tf.Tensor4D;

beforeAll(async () => {
  await tf.setBackend('cpu');
  source = buildEfficientNet({ variant: 'b0', inputShape: SHAPE, seed: 11 });
  // Known, non-trivial values everywhere, BatchNormalization statistics included.
  let seed = 100;
  for (const layer of source.model.layers) {
    if (layer.getClassName() !== 'KerasBatchNormalization') continue;
    const [gamma, beta, mean, variance] = layer.getWeights();
    const fresh = [
      tf.randomUniform(gamma.shape, 0.5, 1.5, 'float32', seed++),
      tf.randomUniform(beta.shape, -0.2, 0.2, 'float32', seed++),
      tf.randomUniform(mean.shape, -0.2, 0.2, 'float32', seed++),
      tf.randomUniform(variance.shape, 0.5, 1.5, 'float32', seed++),
    ];
    layer.setWeights(fresh);
    tf.dispose(fresh); // getWeights() hands out the variables themselves: those stay
  }
  layers = kerasLayersOf(source.model);
  // The file of a model with a top: a layer the base lacks must be ignored.
  layers.push({ name: 'predictions', weights: [{ name: 'predictions/kernel:0', shape: [1280, 2], values: new Float32Array(2560) }] });
  target = buildEfficientNet({ variant: 'b0', inputShape: SHAPE, seed: 99 });
  image = tf.randomUniform([1, ...SHAPE], 0, 255, 'float32', 7) as tf.Tensor4D;
});

afterAll(() => {
  source.model.dispose();
  target.model.dispose();
  image.dispose();
});

const weightValues = (model: tf.LayersModel, layer: string, index: number) =>
  Array.from(model.getLayer(layer).getWeights()[index].dataSync());
const written = (layer: string, weight: string) =>
  Array.from(layers.find((l) => l.name === layer)!.weights.find((w) => w.name === `${layer}/${weight}:0`)!.values);
const output = (model: tf.LayersModel) => tf.tidy(() => (model.predict(image) as tf.Tensor).dataSync());

describe('Keras HDF5 → tfjs converter', () => {
  it('puts every tensor in its layer and gives the outputs of the same weights set directly', async () => {
    const artifacts = await convertKerasH5(await writeKerasH5(layers), target.model);
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    // Several by value, against what was written in the file.
    expect(weightValues(loaded, 'block1a_dwconv', 0)).toEqual(written('block1a_dwconv', 'depthwise_kernel'));
    expect(weightValues(loaded, 'stem_bn', 3)).toEqual(written('stem_bn', 'moving_variance'));
    expect(weightValues(loaded, 'block4b_se_expand', 1)).toEqual(written('block4b_se_expand', 'bias'));
    expect(weightValues(loaded, 'top_conv', 0)).toEqual(written('top_conv', 'kernel'));
    expect(weightValues(loaded, 'normalization', 1)).toEqual(written('normalization', 'variance'));
    // And all of them against the source model.
    const byName = new Map(loaded.weights.map((w) => [w.originalName, w.read().dataSync()]));
    const differing = source.model.weights
      .filter((w) => {
        const mine = w.read().dataSync();
        const theirs = byName.get(w.originalName);
        return !theirs || theirs.length !== mine.length || mine.some((v, i) => v !== theirs[i]);
      })
      .map((w) => w.originalName);
    expect(differing).toEqual([]);
    const expected = output(source.model);
    const actual = output(loaded);
    expect(Array.from(actual)).toEqual(Array.from(expected));
    loaded.dispose();
  });

  it('stores float16 on request: half the bytes, outputs within float16 precision', async () => {
    const bytes = await writeKerasH5(layers);
    const full = await convertKerasH5(bytes, target.model);
    const half = await convertKerasH5(bytes, target.model, { float16: true });
    const fullBytes = (full.weightData as ArrayBuffer).byteLength;
    // Everything but Normalization's int32 count halves.
    expect((half.weightData as ArrayBuffer).byteLength).toBe((fullBytes - 4) / 2 + 4);
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(half));
    const expected = output(source.model);
    const actual = output(loaded);
    const scale = Math.max(...expected.map(Math.abs));
    const worst = Math.max(...actual.map((v, i) => Math.abs(v - expected[i])));
    expect(scale).toBeGreaterThan(0.1);
    expect(worst / scale).toBeLessThan(0.02);
    loaded.dispose();
  });

  it('writes model.json and shards that tf.loadLayersModel reads over HTTP', async () => {
    const artifacts = await convertKerasH5(await writeKerasH5(layers), target.model);
    const files = modelFiles(artifacts, 1024 * 1024);
    expect(files.map((f) => f.path).slice(0, 3)).toEqual(['model.json', 'group1-shard1of16.bin', 'group1-shard2of16.bin']);
    const served = new Map(files.map((f) => [`/weights/efficientnetb0/${f.path}`, f.bytes]));
    const fetchFunc = async (input: RequestInfo | URL) => {
      const bytes = served.get(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return bytes ? new Response(bytes.slice()) : new Response(null, { status: 404 });
    };
    const loaded = await tf.loadLayersModel(tf.io.http('/weights/efficientnetb0/model.json', { fetchFunc }));
    expect(Array.from(output(loaded))).toEqual(Array.from(output(source.model)));
    loaded.dispose();
  });

  it('refuses a file that lacks a weight, naming it', async () => {
    const without = layers.map((l) => (l.name === 'block2a_expand_conv' ? { ...l, weights: [] } : l));
    await expect(convertKerasH5(await writeKerasH5(without), target.model)).rejects.toThrow(
      'Falta el peso block2a_expand_conv/kernel:0 en el archivo.',
    );
  });

  it('refuses a weight of the wrong shape, naming it and both shapes', async () => {
    const misShaped = layers.map((l) =>
      l.name === 'top_conv'
        ? { ...l, weights: [{ name: 'top_conv/kernel:0', shape: [1, 1, 320, 1000], values: new Float32Array(320_000) }] }
        : l,
    );
    await expect(convertKerasH5(await writeKerasH5(misShaped), target.model)).rejects.toThrow(
      'El peso top_conv/kernel:0 tiene forma [1,1,320,1000] y se esperaba [1,1,320,1280].',
    );
  });

  it('refuses what is not a Keras weights file', async () => {
    await expect(convertKerasH5(new TextEncoder().encode('no soy un HDF5'), target.model)).rejects.toThrow(
      'El archivo no es un HDF5 válido.',
    );
    const h5wasm = (await import('h5wasm')).default;
    const { FS } = await h5wasm.ready;
    new h5wasm.File('/empty.h5', 'w').close();
    const empty = FS.readFile('/empty.h5');
    FS.unlink('/empty.h5');
    await expect(convertKerasH5(empty, target.model)).rejects.toThrow(
      'El archivo no tiene el formato de pesos de Keras (falta el atributo layer_names).',
    );
    const whole = await writeKerasH5(layers);
    await expect(convertKerasH5(whole.slice(0, whole.length / 2), target.model)).rejects.toThrow(
      'El archivo HDF5 está dañado y no se puede leer.',
    );
    // h5wasm is still usable after refusing a damaged file.
    await expect(convertKerasH5(whole, target.model)).resolves.toBeDefined();
  });
});
