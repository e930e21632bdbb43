import type { Group } from 'h5wasm';

/**
 * What every Keras 3 `.weights.h5` export shares: reading the engine's TF.js files (model.json
 * and one weights buffer) and writing the HDF5 file Keras's H5IOStore writes
 * (keras/src/saving/saving_lib.py): for each saveable at path P, a group `P/vars` (`vars` for
 * the model itself) holding its variables as datasets `0`, `1`… and, since Keras 3.10
 * (`_save_state` passes `metadata={"name": saveable.name}`), a `name` attribute on `vars`.
 * Which saveables and paths a model has is the caller's business (kerasWeights.ts for a
 * Sequential, kerasTransferWeights.ts for the transfer lab's Functional).
 */

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

export interface TfjsLayerJson {
  class_name: string;
  config: { name: string };
}

export interface TfjsModelJson {
  modelTopology: { class_name: string; config: { name?: string; layers: TfjsLayerJson[] } };
  weightsManifest: { weights: WeightSpec[] }[];
}

/** One weight of the TF.js files, by its TF.js name (`dense/kernel`). */
export interface TfjsWeight extends WeightSpec {
  values: Float32Array | Int32Array;
}

/** The model.json and every weight in it, cut out of the weights buffer. */
export function readTfjsModel(modelJson: string, weights: ArrayBuffer): { model: TfjsModelJson; weights: TfjsWeight[] } {
  const model = JSON.parse(modelJson) as TfjsModelJson;
  // Where each weight starts in the buffer: the manifest's order, 4-byte values back to back.
  let offset = 0;
  const located = model.weightsManifest
    .flatMap((group) => group.weights)
    .map((spec) => {
      if (spec.dtype !== 'float32' && spec.dtype !== 'int32') throw new Error(`El peso ${spec.name} no es float32 ni int32.`);
      const size = spec.shape.reduce((a, b) => a * b, 1);
      const bytes = weights.slice(offset, offset + size * 4);
      offset += size * 4;
      return { ...spec, values: spec.dtype === 'int32' ? new Int32Array(bytes) : new Float32Array(bytes) };
    });
  if (offset !== weights.byteLength) throw new Error('Los pesos no tienen el tamaño que dice model.json.');
  return { model, weights: located };
}

/** A saveable of the Keras model: its path (`''` for the model itself) and the name Keras stores with it. */
export interface KerasSaveable {
  path: string;
  name?: string;
}

export interface KerasWeight {
  /** Path in the file, e.g. `layers/dense_1/vars/0`. */
  path: string;
  shape: number[];
  /** float32, or int64 where the Keras variable is an integer (TensorFlow backend). */
  values: Float32Array | BigInt64Array;
}

let fileCounter = 0;

/** The `.weights.h5` bytes (h5wasm, loaded on demand: 4 MB of WebAssembly only this needs). */
export async function writeWeightsH5(saveables: readonly KerasSaveable[], weights: readonly KerasWeight[]): Promise<Uint8Array> {
  const h5wasm = (await import('h5wasm')).default;
  const { FS } = await h5wasm.ready;
  const path = `/keras-export-${++fileCounter}.weights.h5`;
  const file = new h5wasm.File(path, 'w');
  try {
    // Groups one level at a time: `layers`, `layers/dense`, `layers/dense/vars`.
    const group = (full: string): Group => {
      const existing = file.get(full);
      if (existing instanceof h5wasm.Group) return existing;
      const cut = full.lastIndexOf('/');
      const parent = cut < 0 ? file : group(full.slice(0, cut));
      return parent.create_group(full.slice(cut + 1));
    };
    // Every saveable gets its `vars`, with or without variables, as Keras writes them.
    for (const saveable of saveables) {
      const vars = group(saveable.path ? `${saveable.path}/vars` : 'vars');
      if (saveable.name !== undefined) vars.create_attribute('name', saveable.name);
    }
    for (const w of weights) {
      const cut = w.path.lastIndexOf('/');
      const dtype = w.values instanceof BigInt64Array ? '<q' : '<f';
      group(w.path.slice(0, cut)).create_dataset({ name: w.path.slice(cut + 1), data: w.values, shape: w.shape, dtype });
    }
  } finally {
    file.close();
  }
  const bytes = FS.readFile(path);
  FS.unlink(path);
  return bytes;
}
