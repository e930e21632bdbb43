import type * as tf from '@tensorflow/tfjs';
import h5wasm, { type Group } from 'h5wasm';

/**
 * Test support: HDF5 files in the exact layout of Keras 2's `save_weights` (that of the
 * official `efficientnetb*_notop.h5`), written with h5wasm from known values.
 */

export interface KerasLayerWeights {
  name: string;
  /** Full Keras names (`stem_bn/gamma:0`) in Keras's order; empty for layers without weights. */
  weights: { name: string; shape: number[]; values: Float32Array | Int32Array }[];
}

/** The layers of a tfjs model with its current values, named as Keras names them. */
export function kerasLayersOf(model: tf.LayersModel): KerasLayerWeights[] {
  return model.layers.map((layer) => ({
    name: layer.name,
    weights: layer.weights.map((w) => {
      const values = w.read().dataSync();
      return {
        name: `${w.originalName}:0`,
        shape: w.shape as number[],
        values: values instanceof Int32Array ? values : Float32Array.from(values),
      };
    }),
  }));
}

let counter = 0;

export async function writeKerasH5(layers: KerasLayerWeights[]): Promise<Uint8Array> {
  const { FS } = await h5wasm.ready;
  const path = `/fixture-${++counter}.h5`;
  const file = new h5wasm.File(path, 'w');
  // h5py writes numpy byte strings: fixed-length, one size for the whole list.
  const setStrings = (target: Group, name: string, list: string[]) =>
    target.create_attribute(name, list, [list.length], `A${Math.max(1, ...list.map((s) => s.length))}`);
  setStrings(
    file,
    'layer_names',
    layers.map((l) => l.name),
  );
  file.create_attribute('backend', 'tensorflow');
  file.create_attribute('keras_version', '2.4.0');
  for (const layer of layers) {
    const group = file.create_group(layer.name);
    if (layer.weights.length === 0) {
      // What h5py stores for Keras's empty list: a float64 array of length 0.
      group.create_attribute('weight_names', new Float64Array(0), [0], '<d');
      continue;
    }
    setStrings(
      group,
      'weight_names',
      layer.weights.map((w) => w.name),
    );
    for (const weight of layer.weights) {
      // h5py turns the "/" in `stem_bn/gamma:0` into a subgroup.
      const [sub, leaf] = [weight.name.slice(0, weight.name.lastIndexOf('/')), weight.name.slice(weight.name.lastIndexOf('/') + 1)];
      const parent = (group.get(sub) as Group | null) ?? group.create_group(sub);
      const int = weight.values instanceof Int32Array;
      parent.create_dataset({
        name: leaf,
        data: int ? BigInt64Array.from(weight.values, (v) => BigInt(v)) : weight.values,
        shape: weight.shape,
        dtype: int ? '<q' : '<f',
      });
    }
  }
  file.close();
  const bytes = FS.readFile(path);
  FS.unlink(path);
  return bytes;
}
