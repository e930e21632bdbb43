import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEfficientNet } from './build';
import { MINI_PRETRAIN_CLASSES, MINI_TRANSFER_CLASSES, MINI_VARIANT, MINI_WEIGHTS_PATH } from './mini';
import { pooledFeatures, type MiniReference } from './miniReference';
import referenceJson from './mini.reference.json';

/**
 * The committed mini weights (scripts/pretrain-mini) against the features PyTorch computed
 * when it trained them: if the builder, a custom layer or tfjs drifts from the PyTorch
 * definition, the pretrained base silently becomes a different network; this catches it.
 */

const folder = join(process.cwd(), 'public', MINI_WEIGHTS_PATH, '..');
const modelJson = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8')) as {
  modelTopology: tf.io.ModelArtifacts['modelTopology'];
  userDefinedMetadata: { pretrainClasses: number[] };
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
};
const reference = referenceJson as MiniReference;
let model: tf.LayersModel;
let weightBytes = 0;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const shards = modelJson.weightsManifest.flatMap((group) => group.paths.map((p) => readFileSync(join(folder, p))));
  const weightData = new Uint8Array(shards.reduce((n, s) => n + s.byteLength, 0));
  shards.reduce((offset, s) => (weightData.set(s, offset), offset + s.byteLength), 0);
  weightBytes = weightData.byteLength;
  model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights),
      weightData: weightData.buffer,
    }),
  );
});

afterAll(() => model?.dispose());

describe('EfficientNet mini, the offline base', () => {
  it('is the network the builder makes for MINI_VARIANT, small enough to commit', () => {
    const { model: built } = buildEfficientNet({ variant: MINI_VARIANT });
    const shapes = (m: tf.LayersModel) => m.weights.map((w) => `${w.originalName} ${w.shape.join('×')}`);
    expect(shapes(model)).toEqual(shapes(built));
    expect(model.inputs[0].shape).toEqual([null, MINI_VARIANT.resolution, MINI_VARIANT.resolution, 3]);
    built.dispose();
    expect(weightBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
  });

  it('was pretrained only on classes the transfer task does not use', () => {
    expect(modelJson.userDefinedMetadata.pretrainClasses).toEqual([...MINI_PRETRAIN_CLASSES]);
    expect(MINI_PRETRAIN_CLASSES.filter((c) => MINI_TRANSFER_CLASSES.includes(c))).toEqual([]);
  });

  it('gives the features PyTorch computed for the same images (tfjs cpu)', () => {
    const actual = pooledFeatures(model, reference);
    const expected = reference.features.flat();
    expect(actual.length).toBe(expected.length);
    const maxAbsDiff = expected.reduce((max, v, i) => Math.max(max, Math.abs(v - actual[i])), 0);
    expect(maxAbsDiff).toBeLessThan(1e-3);
    // Trained features, not a dead network: the check would be vacuous on all-zero outputs.
    expect(Math.max(...expected.map(Math.abs))).toBeGreaterThan(0.01);
  });
});
