import * as tf from '@tensorflow/tfjs';
import { EngineInputError } from '../errors';
import { weightFiles as say } from '../messages';
import { toFloat16Bits } from './float16';
import { readKerasWeights, type StoredWeights } from './h5';
import { concatBytes } from '../bytes';

/**
 * Official Keras weights (HDF5) → tfjs layers artifacts: the topology of `model` and, for each
 * of its weights, the value found in the file under the same layer and weight name. Works in
 * Node and in the browser. Layers in the file that the model lacks (a classification top) are
 * ignored; a weight the model needs that is missing or shaped differently is refused.
 */

export interface ConvertOptions {
  /** Store float weights as float16: half the download, about 3 significant digits. */
  float16?: boolean;
}

export async function convertKerasH5(
  bytes: Uint8Array,
  model: tf.LayersModel,
  options: ConvertOptions = {},
): Promise<tf.io.ModelArtifacts> {
  return toArtifacts(await readKerasWeights(bytes), model, options);
}

export function toArtifacts(stored: StoredWeights, model: tf.LayersModel, options: ConvertOptions = {}): tf.io.ModelArtifacts {
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  const parts: Uint8Array[] = [];
  for (const weight of model.weights) {
    const name = weight.originalName;
    const cut = name.lastIndexOf('/');
    const found = stored.get(name.slice(0, cut))?.get(name.slice(cut + 1));
    if (!found) throw new EngineInputError(say.missingIn(`${name}:0`, 'en el archivo'));
    const expected = weight.shape as number[];
    if (found.shape.length !== expected.length || found.shape.some((d, i) => d !== expected[i])) {
      throw new EngineInputError(say.shape(`${name}:0`, found.shape, expected));
    }
    const dtype = weight.dtype as 'float32' | 'int32';
    const values = dtype === 'int32' ? Int32Array.from(found.values) : Float32Array.from(found.values);
    if (options.float16 && values instanceof Float32Array) {
      weightSpecs.push({ name, shape: expected, dtype, quantization: { dtype: 'float16' } });
      parts.push(bytesOf(toFloat16Bits(values)));
    } else {
      weightSpecs.push({ name, shape: expected, dtype });
      parts.push(bytesOf(values));
    }
  }
  return {
    modelTopology: model.toJSON(null, false) as tf.io.ModelArtifacts['modelTopology'],
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
    convertedBy: 'Laboratorio de redes neuronales (Keras HDF5 → tfjs)',
    weightSpecs,
    weightData: concatBytes(parts).buffer as ArrayBuffer,
  };
}

const bytesOf = (array: ArrayBufferView) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
