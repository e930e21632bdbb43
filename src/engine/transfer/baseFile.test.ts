import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEfficientNet } from '../efficientnet/build';
import { kerasLayersOf, writeKerasH5 } from '../test-support/kerasH5';
import type { StoredWeights } from '../efficientnet/h5';
import { convertBaseFile, variantOf } from './baseFile';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The layer names and top shape a file of that family would hold (values do not matter here). */
function fakeFile(blocks: number, topChannels: number): StoredWeights {
  const stored: StoredWeights = new Map();
  for (let i = 0; i < blocks; i++) stored.set(`block${i + 1}a_project_conv`, new Map());
  stored.set(
    'top_conv',
    new Map([['kernel', { name: 'top_conv/kernel:0', shape: [1, 1, 320, topChannels], values: new Float32Array(0) }]]),
  );
  return stored;
}

describe('an official Keras file dropped on the page', () => {
  it("is recognised by its content: the top's channels and the number of MBConv blocks", () => {
    expect(variantOf(fakeFile(16, 1280))).toBe('b0');
    expect(variantOf(fakeFile(23, 1280))).toBe('b1');
    expect(variantOf(fakeFile(26, 1536))).toBe('b3');
    expect(variantOf(fakeFile(16, 1536))).toBeNull();
  });

  it('converts B0 weights into the artifacts the trainer loads, value for value', async () => {
    const source = buildEfficientNet({ variant: 'b0', inputShape: [32, 32, 3], seed: 4 });
    const bytes = await writeKerasH5(kerasLayersOf(source.model));
    const { base, artifacts } = await convertBaseFile(bytes);
    expect(base).toBe('b0');
    const decoded = tf.io.decodeWeights(artifacts.weightData!, artifacts.weightSpecs!);
    expect(Object.keys(decoded)).toHaveLength(source.model.weights.length);
    expect(Array.from(decoded['block6d_se_reduce/kernel'].dataSync())).toEqual(
      Array.from(source.model.getLayer('block6d_se_reduce').getWeights()[0].dataSync()),
    );
    tf.dispose(Object.values(decoded));
    source.model.dispose();
  });

  it('refuses a file that is not HDF5 with a Spanish message', async () => {
    await expect(convertBaseFile(new TextEncoder().encode('no soy un HDF5'))).rejects.toThrow('no es un HDF5 válido');
  });
});
