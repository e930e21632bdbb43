import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportModel, replaceWeights } from './persistence';

function dense(units: number, seed: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [2], units, kernelInitializer: tf.initializers.glorotUniform({ seed }) }));
  return model;
}

/** The exported files read back as tfjs would read them from disk. */
function fromExport({ modelJson, weights }: { modelJson: string; weights: ArrayBuffer }): tf.io.IOHandler {
  const json = JSON.parse(modelJson) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
  return tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: weights });
}

const values = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

describe('model persistence', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('exports a model whose weights another model of the same architecture takes over', async () => {
    const trained = dense(3, 1);
    const fresh = dense(3, 2);
    expect(values(fresh)).not.toEqual(values(trained));
    const exported = await exportModel(trained);
    expect(JSON.parse(exported.modelJson).weightsManifest[0].paths).toEqual(['./model.weights.bin']);
    const before = tf.memory().numTensors;
    await replaceWeights(fresh, fromExport(exported));
    expect(values(fresh)).toEqual(values(trained));
    expect(tf.memory().numTensors).toBe(before);
    trained.dispose();
    fresh.dispose();
  });

  it('refuses weights of another architecture in Spanish and keeps the current ones', async () => {
    const saved = dense(3, 1);
    const target = dense(4, 2);
    const kept = values(target);
    await expect(replaceWeights(target, fromExport(await exportModel(saved)))).rejects.toThrow(
      'El modelo guardado tiene otra arquitectura (pesos [2×3] [3]) que la configurada ([2×4] [4]).',
    );
    expect(values(target)).toEqual(kept);
    saved.dispose();
    target.dispose();
  });
});
