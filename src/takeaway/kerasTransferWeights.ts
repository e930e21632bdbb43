import type { TransferBase } from '../engine/protocol';
import { readTfjsModel, writeWeightsH5, type KerasSaveable, type KerasWeight, type TfjsLayerJson, type TfjsWeight } from './kerasH5';
import { kerasLayerPaths } from './kerasLayers';

/**
 * The transfer lab's trained network (the engine's one flat TF.js model: EfficientNet base
 * with Keras's layer names, then the head) written as the `.weights.h5` that Keras 3's
 * `model.save_weights()` writes for the Functional model "Ver el código" builds
 * (src/takeaway/labs/transfer.ts): `keras.Input` → [`Resizing`] → `base(x, training=False)` →
 * GlobalAveragePooling2D → Dense → Dense → Dense, with `base = keras.applications.EfficientNetB0`
 * (or B3) nested as one layer.
 *
 * The layout, from Keras 3's sources (keras-team/keras, v3.13.0 and master):
 * - keras/src/saving/saving_lib.py: `_walk_saveable` yields a Functional's `layers` first;
 *   `_save_container_state` names each at `<path>/layers/<snake_case class name>` with `_1`,
 *   `_2`… per repeat within that list (never the layer's own name), so the nested base is
 *   `layers/functional` and its layers `layers/functional/layers/conv2d_7`…; `_save_state` gives
 *   every saveable (model, base, each layer) its `vars` group, named by `metadata={"name": …}`.
 * - keras/src/models/functional.py: `layers` is every Layer of `_operations`, the InputLayer
 *   included; keras/src/ops/function.py `map_graph` orders them by depth from the inputs, as
 *   TF.js orders the engine's model (EfficientNet's graph has no two layers at one depth).
 * - keras/src/applications/efficientnet.py: `Functional(inputs, x, name="efficientnetb0")`;
 *   with weights='imagenet' the stem is Rescaling, Normalization, Rescaling, ZeroPadding2D
 *   (the engine's ChannelRescaling is that second Rescaling); each block's SE part is
 *   GlobalAveragePooling2D, Reshape, Conv2D, Conv2D, Multiply, and Dropout and Add close the
 *   blocks that keep their shape.
 * - keras/src/layers/layer.py `save_own_variables`: trainable variables, then the rest, in
 *   creation order: a Conv2D's or DepthwiseConv2D's kernel then bias
 *   (convolutional/base_conv.py, base_depthwise_conv.py); BatchNormalization's gamma, beta,
 *   moving_mean, moving_variance (normalization/batch_normalization.py); Normalization's mean,
 *   variance and an int `count` (preprocessing/normalization.py), int64 on the TensorFlow
 *   backend (backend/common/dtypes.py).
 * - keras/src/utils/naming.py `to_snake_case`, ported below.
 * Optimizer state is not written: Keras then warns and keeps the optimizer it has.
 */

/** What the downloaded file is called; Keras's load_weights wants the `.weights.h5` ending. */
export const TRANSFER_WEIGHTS_FILE = 'transferencia.weights.h5';

/** Why the mini base's network cannot go to Keras (for the page and the exporter alike). */
export const NO_KERAS_TWIN =
  'La base mini solo existe en este laboratorio: Keras no tiene una red igual en la que cargar sus pesos (el código de «Ver el código» usa EfficientNetB0). Solo se exportan a Keras las bases B0 y B3.';

/**
 * The Keras applications the lab's bases are: the name efficientnet.py gives the model, the
 * features of `top_conv` (round_filters(1280)) and the MBConv blocks (the sum of
 * ceil(depth_coefficient · repeats) over the seven stages: 16 for B0, 26 for B3).
 */
const KERAS_BASES: Partial<Record<TransferBase, { name: string; features: number; blocks: number }>> = {
  b0: { name: 'efficientnetb0', features: 1280, blocks: 16 },
  b3: { name: 'efficientnetb3', features: 1536, blocks: 26 },
};

export function hasKerasTwin(base: TransferBase): boolean {
  return KERAS_BASES[base] !== undefined;
}

/** Keras's class for each TF.js class of the engine's network, and its variables' TF.js names in Keras's order. */
const KERAS_CLASSES: Record<string, { keras: string; variables: readonly string[] }> = {
  InputLayer: { keras: 'InputLayer', variables: [] },
  Rescaling: { keras: 'Rescaling', variables: [] },
  ChannelRescaling: { keras: 'Rescaling', variables: [] },
  Normalization: { keras: 'Normalization', variables: ['mean', 'variance', 'count'] },
  ZeroPadding2D: { keras: 'ZeroPadding2D', variables: [] },
  Conv2D: { keras: 'Conv2D', variables: ['kernel', 'bias'] },
  DepthwiseConv2D: { keras: 'DepthwiseConv2D', variables: ['depthwise_kernel', 'bias'] },
  BatchNormalization: { keras: 'BatchNormalization', variables: ['gamma', 'beta', 'moving_mean', 'moving_variance'] },
  KerasBatchNormalization: { keras: 'BatchNormalization', variables: ['gamma', 'beta', 'moving_mean', 'moving_variance'] },
  Activation: { keras: 'Activation', variables: [] },
  GlobalAveragePooling2D: { keras: 'GlobalAveragePooling2D', variables: [] },
  Reshape: { keras: 'Reshape', variables: [] },
  Multiply: { keras: 'Multiply', variables: [] },
  Dropout: { keras: 'Dropout', variables: [] },
  Add: { keras: 'Add', variables: [] },
  Dense: { keras: 'Dense', variables: ['kernel', 'bias'] },
};

/** keras/src/utils/naming.py `to_snake_case`: `ZeroPadding2D` → `zero_padding2d`. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** The Keras model the file is for: its base, and whether its input goes through Resizing first. */
export interface TransferKerasModel {
  base: TransferBase;
  /** CIFAR-10's 32×32 images are resized inside the model; the student's photos come at the base's side. */
  resizing: boolean;
}

/** The last layer of Keras's EfficientNet without its top: the head starts after it. */
const BASE_END = 'top_activation';
const HEAD = ['GlobalAveragePooling2D', 'Dense', 'Dense', 'Dense'];

function kerasClass(layer: TfjsLayerJson): { keras: string; variables: readonly string[] } {
  const known = KERAS_CLASSES[layer.class_name];
  if (!known) throw new Error(`La capa ${layer.config.name} (${layer.class_name}) no tiene equivalente en este exportador.`);
  return known;
}

/** A layer's weights in Keras's order, at `<path>/vars/<i>`; integers as int64. */
function layerWeights(layer: TfjsLayerJson, path: string, all: readonly TfjsWeight[]): KerasWeight[] {
  const order = kerasClass(layer).variables;
  const own = all.filter((w) => w.name.startsWith(`${layer.config.name}/`));
  const rank = (w: TfjsWeight) => {
    const i = order.indexOf(w.name.slice(layer.config.name.length + 1));
    if (i < 0) throw new Error(`El peso ${w.name} no tiene lugar en la capa de Keras.`);
    return i;
  };
  return own
    .sort((a, b) => rank(a) - rank(b))
    .map((w, i) => ({
      path: `${path}/vars/${i}`,
      shape: w.shape,
      values: w.values instanceof Int32Array ? BigInt64Array.from(w.values, (v) => BigInt(v)) : w.values,
    }));
}

/** Every saveable's path and name, and every variable's path, in the file Keras would write. */
export function transferKerasLayout(
  modelJson: string,
  weights: ArrayBuffer,
  target: TransferKerasModel,
): { saveables: KerasSaveable[]; weights: KerasWeight[] } {
  const keras = KERAS_BASES[target.base];
  if (!keras) throw new Error(NO_KERAS_TWIN);
  const { model, weights: all } = readTfjsModel(modelJson, weights);
  const layers = model.modelTopology.config.layers;
  const cut = layers.findIndex((l) => l.config.name === BASE_END) + 1;
  const base = layers.slice(0, cut);
  const head = layers.slice(cut);
  if (cut === 0 || base[0].class_name !== 'InputLayer' || head.map((l) => l.class_name).join() !== HEAD.join()) {
    throw new Error('Este modelo no es una EfficientNet con la cabeza del cuaderno.');
  }
  // The base must be the Keras application itself, not a network of another width or depth.
  const features = all.find((w) => w.name === 'top_conv/kernel')?.shape[3];
  const blocks = new Set(base.map((l) => /^block\d+[a-z]_/.exec(l.config.name)?.[0]).filter(Boolean)).size;
  if (features !== keras.features || blocks !== keras.blocks) {
    throw new Error(
      `La base tiene ${blocks} bloques y ${features} características; ${keras.name} tiene ${keras.blocks} y ${keras.features}.`,
    );
  }

  // The outer model's layers; the engine has no layer for Keras's own Input and Resizing.
  // Names as a fresh Keras session running the code panel gives them (the loader reads none of them).
  const outer: { keras: string; name: string; layer?: TfjsLayerJson }[] = [
    { keras: 'InputLayer', name: 'input_layer_1' },
    ...(target.resizing ? [{ keras: 'Resizing', name: 'resizing' }] : []),
    { keras: 'Functional', name: keras.name },
    ...head.map((layer) => ({ keras: kerasClass(layer).keras, name: layer.config.name, layer })),
  ];
  const outerPaths = kerasLayerPaths(outer.map((l) => toSnakeCase(l.keras)));
  const basePath = outerPaths[outer.findIndex((l) => l.keras === 'Functional')];
  const basePaths = kerasLayerPaths(base.map((l) => toSnakeCase(kerasClass(l).keras))).map((p) => `${basePath}/${p}`);

  const saveables: KerasSaveable[] = [
    { path: '', name: 'functional' },
    ...outer.map((l, i) => ({ path: outerPaths[i], name: l.name })),
    // The base's input is Keras's first auto-named InputLayer; every other base layer has Keras's own name.
    ...base.map((l, i) => ({ path: basePaths[i], name: i === 0 ? 'input_layer' : l.config.name })),
  ];
  const out = [
    ...base.flatMap((l, i) => layerWeights(l, basePaths[i], all)),
    ...outer.flatMap((l, i) => (l.layer ? layerWeights(l.layer, outerPaths[i], all) : [])),
  ];
  if (out.length !== all.length) throw new Error('Algunos pesos no pertenecen a ninguna capa del modelo.');
  return { saveables, weights: out };
}

/** The `.weights.h5` bytes for the Keras model of `target`. */
export async function transferKerasWeightsH5(modelJson: string, weights: ArrayBuffer, target: TransferKerasModel): Promise<Uint8Array> {
  const layout = transferKerasLayout(modelJson, weights, target);
  return writeWeightsH5(layout.saveables, layout.weights);
}
