import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { withMetadata } from '../persistence';
import { SavedClassifier } from './classifier';
import { imageBatch } from './images';
import { buildTransferNetwork, disposeTransferNetwork } from './model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** What model.save writes, kept in memory. */
async function saved(model: tf.LayersModel, metadata?: { names: string[] }): Promise<tf.io.ModelArtifacts> {
  let artifacts: tf.io.ModelArtifacts | null = null;
  const capture = tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  });
  await model.save(metadata ? withMetadata(capture, metadata) : capture);
  return artifacts!;
}

describe('a saved transfer model', () => {
  it('comes back with its class names and judges new photos as the trained network does', async () => {
    const net = buildTransferNetwork({ kind: 'transfer', base: 'mini', weights: 'random', classes: 4 }, 2);
    const names = ['taza', 'llave', 'lápiz', 'goma'];
    const artifacts = await saved(net.model, { names });
    const classifier = new SavedClassifier();
    const info = await classifier.load(tf.io.fromMemory(artifacts));
    expect(info).toEqual({ names, resolution: 32, params: net.model.countParams() });

    // Two 48×48 photos, resized to the network's 32×32 as the training images are.
    const side = 48;
    const images = new Uint8Array(2 * side * side * 3).map((_, i) => (i * 37) % 256);
    const probabilities = await classifier.classify(images, side);
    const expected = tf.tidy(() => net.model.predict(imageBatch({ side, images, labels: new Uint8Array(2) }, 0, 2, 32)) as tf.Tensor);
    expect(probabilities).toHaveLength(2);
    probabilities.flat().forEach((p, i) => expect(p).toBeCloseTo(expected.dataSync()[i], 5));
    expected.dispose();
    classifier.dispose();
    await expect(classifier.classify(images, side)).rejects.toThrow(/Carga antes/);

    // A model without class names is not one of this lab's.
    await expect(classifier.load(tf.io.fromMemory(await saved(net.model)))).rejects.toThrow(/nombres de sus clases/);
    disposeTransferNetwork(net);
  });
});
