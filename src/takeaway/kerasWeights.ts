import { readTfjsModel, writeWeightsH5, type KerasWeight } from './kerasH5';
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

/** Each layer's group in the file and its variables, in the file's order. */
export function kerasWeightLayout(modelJson: string, weights: ArrayBuffer): { groups: string[]; weights: KerasWeight[] } {
  const { model, weights: located } = readTfjsModel(modelJson, weights);
  if (model.modelTopology.class_name !== 'Sequential') throw new Error('Solo se pueden exportar modelos secuenciales.');
  const integer = located.find((w) => w.dtype !== 'float32');
  if (integer) throw new Error(`El peso ${integer.name} no es float32.`);

  const layers = model.modelTopology.config.layers.filter((layer) => !ADAPTERS.has(layer.class_name));
  // The engine's MLP takes flat pixels; Keras's model takes the images and flattens them first.
  const flatInput = !layers.some((layer) => layer.class_name === 'Flatten');
  const snakes = layers.map((layer) => {
    const snake = KERAS_NAMES[layer.class_name];
    if (!snake) throw new Error(`La capa ${layer.class_name} no tiene equivalente en este exportador.`);
    return snake;
  });
  const groups = kerasLayerPaths(flatInput ? ['flatten', ...snakes] : snakes);
  const offset = flatInput ? 1 : 0;
  const out: KerasWeight[] = [];
  layers.forEach((layer, i) =>
    located
      .filter((w) => w.name.startsWith(`${layer.config.name}/`))
      .forEach((w, v) => out.push({ path: `${groups[i + offset]}/vars/${v}`, shape: w.shape, values: w.values as Float32Array })),
  );
  if (out.length !== located.length) throw new Error('Algunos pesos no pertenecen a ninguna capa del modelo.');
  return { groups, weights: out };
}

/** The `.weights.h5` bytes: the Sequential itself (empty `vars`) and each layer's `vars`. */
export async function kerasWeightsH5(modelJson: string, weights: ArrayBuffer): Promise<Uint8Array> {
  const layout = kerasWeightLayout(modelJson, weights);
  return writeWeightsH5([{ path: '' }, ...layout.groups.map((path) => ({ path }))], layout.weights);
}
