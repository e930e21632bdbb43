import type { Group } from 'h5wasm';
import { kerasLayerPaths } from './kerasLayers';

/**
 * A trained TF.js Sequential model (as the engine exports it: model.json and one weights
 * buffer) written as the `.weights.h5` file Keras 3's `model.save_weights()` writes, so
 * `model.load_weights()` in Colab takes it into the model "Ver el código" builds.
 *
 * Keras 3's layout (keras/src/saving/saving_lib.py, H5IOStore): the model's own variables in
 * `vars`, and each layer of a Sequential at `layers/<name>/vars/<i>`, where <name> is the
 * snake_case class name with `_1`, `_2`… for repeats (never the layer's own name) and <i>
 * counts the layer's variables in Keras's order (a Dense kernel then its bias; a
 * BatchNormalization's gamma, beta, moving mean, moving variance). Layers without variables
 * still get their empty `vars` group. The optimizer's state is not written: Keras then warns
 * and keeps the optimizer it has.
 */

/** TF.js class names and Keras's snake_case of the same class; the rest have no Keras twin. */
const KERAS_NAMES: Record<string, string> = {
  Dense: 'dense',
  Dropout: 'dropout',
  BatchNormalization: 'batch_normalization',
  Activation: 'activation',
  Conv2D: 'conv2d',
  MaxPooling2D: 'max_pooling2d',
  Flatten: 'flatten',
};

/** The engine's CNN starts by reshaping flat pixels into images; Keras takes the images directly. */
const ADAPTERS = new Set(['Reshape', 'InputLayer']);

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

interface TfjsModelJson {
  modelTopology: { class_name: string; config: { layers: { class_name: string; config: { name: string } }[] } };
  weightsManifest: { weights: WeightSpec[] }[];
}

export interface KerasWeight {
  /** Path in the file, e.g. `layers/dense_1/vars/0`. */
  path: string;
  shape: number[];
  values: Float32Array;
}

/** Each layer's group in the file and its variables, in the file's order. */
export function kerasWeightLayout(modelJson: string, weights: ArrayBuffer): { groups: string[]; weights: KerasWeight[] } {
  const model = JSON.parse(modelJson) as TfjsModelJson;
  if (model.modelTopology.class_name !== 'Sequential') throw new Error('Solo se pueden exportar modelos secuenciales.');
  const specs = model.weightsManifest.flatMap((group) => group.weights);
  // Where each weight starts in the buffer: the manifest's order, float32 values back to back.
  let offset = 0;
  const located = specs.map((spec) => {
    if (spec.dtype !== 'float32') throw new Error(`El peso ${spec.name} no es float32.`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(weights.slice(offset, offset + size * 4));
    offset += size * 4;
    return { ...spec, values };
  });
  if (offset !== weights.byteLength) throw new Error('Los pesos no tienen el tamaño que dice model.json.');

  const layers = model.modelTopology.config.layers.filter((layer) => !ADAPTERS.has(layer.class_name));
  const groups = kerasLayerPaths(
    layers.map((layer) => {
      const snake = KERAS_NAMES[layer.class_name];
      if (!snake) throw new Error(`La capa ${layer.class_name} no tiene equivalente en este exportador.`);
      return snake;
    }),
  );
  const out: KerasWeight[] = [];
  layers.forEach((layer, i) =>
    located
      .filter((w) => w.name.startsWith(`${layer.config.name}/`))
      .forEach((w, v) => out.push({ path: `${groups[i]}/vars/${v}`, shape: w.shape, values: w.values })),
  );
  if (out.length !== located.length) throw new Error('Algunos pesos no pertenecen a ninguna capa del modelo.');
  return { groups, weights: out };
}

let fileCounter = 0;

/** The `.weights.h5` bytes (h5wasm, loaded on demand: 4 MB of WebAssembly only this needs). */
export async function kerasWeightsH5(modelJson: string, weights: ArrayBuffer): Promise<Uint8Array> {
  const layout = kerasWeightLayout(modelJson, weights);
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
    // The Sequential model itself has no variables of its own: an empty `vars`.
    group('vars');
    for (const name of layout.groups) group(`${name}/vars`);
    for (const w of layout.weights) {
      const cut = w.path.lastIndexOf('/');
      group(w.path.slice(0, cut)).create_dataset({ name: w.path.slice(cut + 1), data: w.values, shape: w.shape, dtype: '<f' });
    }
  } finally {
    file.close();
  }
  const bytes = FS.readFile(path);
  FS.unlink(path);
  return bytes;
}
