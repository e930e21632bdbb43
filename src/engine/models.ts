import * as tf from '@tensorflow/tfjs';
import type { CnnSpec, MlpSpec, ModelSpec, PlainModelSpec } from './spec';
import { headParams } from './transfer/bases';

/**
 * Model builders: a spec in, a tf.LayersModel out, with Keras's default initialisers
 * (Glorot uniform kernels, zero biases) seeded so a seed fixes the initial weights.
 */

/** Glorot uniform kernels seeded one after another, so a seed fixes every layer's start. */
function seededKernels(seed: number): () => ReturnType<typeof tf.initializers.glorotUniform> {
  let layerSeed = seed;
  return () => tf.initializers.glorotUniform({ seed: layerSeed++ });
}

function buildMlp(spec: MlpSpec, seed: number): tf.LayersModel {
  const model = tf.sequential();
  const kernelInitializer = seededKernels(seed);
  const hidden = spec.hidden ?? [];
  hidden.forEach((layer, i) => {
    model.add(
      tf.layers.dense({
        units: layer.units,
        activation: layer.batchNorm ? 'linear' : layer.activation,
        useBias: !layer.batchNorm,
        kernelInitializer: kernelInitializer(),
        inputShape: i === 0 ? spec.inputShape : undefined,
        name: `dense_${i + 1}`,
      }),
    );
    // BatchNormalization sits between the affine map and the nonlinearity.
    if (layer.batchNorm) {
      model.add(tf.layers.batchNormalization({ name: `batch_normalization_${i + 1}` }));
      model.add(tf.layers.activation({ activation: layer.activation }));
    }
    if (layer.dropout && layer.dropout > 0) {
      // No seed: tfjs repeats the same mask on every step when given one; Keras draws anew.
      model.add(tf.layers.dropout({ rate: layer.dropout, name: `dropout_${i + 1}` }));
    }
  });
  model.add(
    tf.layers.dense({
      units: spec.outputUnits,
      activation: spec.outputActivation,
      kernelInitializer: kernelInitializer(),
      inputShape: hidden.length === 0 ? spec.inputShape : undefined,
      name: hidden.length === 0 ? 'dense' : `dense_${hidden.length + 1}`,
    }),
  );
  return model;
}

/** Keras's layer names (conv2d, conv2d_1, …), as a model.summary() of the notebook prints them. */
const kerasName = (base: string, i: number) => (i === 0 ? base : `${base}_${i}`);

/** Conv2D → MaxPooling2D blocks, Flatten, Dense layers: see CnnSpec. */
function buildCnn(spec: CnnSpec, seed: number): tf.LayersModel {
  const model = tf.sequential();
  const kernelInitializer = seededKernels(seed);
  const [height, width, channels] = spec.inputShape;
  model.add(tf.layers.reshape({ targetShape: spec.inputShape, inputShape: [height * width * channels], name: 'reshape' }));
  spec.conv.forEach((layer, i) => {
    model.add(
      tf.layers.conv2d({
        filters: layer.filters,
        kernelSize: layer.kernelSize,
        activation: layer.activation,
        kernelInitializer: kernelInitializer(),
        name: kerasName('conv2d', i),
      }),
    );
    model.add(tf.layers.maxPooling2d({ poolSize: 2, name: kerasName('max_pooling2d', i) }));
  });
  model.add(tf.layers.flatten({ name: 'flatten' }));
  const dense = [...(spec.hidden ?? []), { units: spec.outputUnits, activation: spec.outputActivation, dropout: 0 }];
  dense.forEach((layer, i) => {
    model.add(
      tf.layers.dense({
        units: layer.units,
        activation: layer.activation,
        kernelInitializer: kernelInitializer(),
        name: kerasName('dense', i),
      }),
    );
    // Unseeded, as in the MLP: Keras draws a new mask every step.
    if (layer.dropout) model.add(tf.layers.dropout({ rate: layer.dropout, name: kerasName('dropout', i) }));
  });
  return model;
}

export function buildModel(spec: PlainModelSpec, seed: number): tf.LayersModel {
  if (spec.kind === 'cnn') return buildCnn(spec, seed);
  const model = buildMlp(spec, seed);
  if (spec.initialWeights) setFlatWeights(model, spec.initialWeights);
  return model;
}

export function setFlatWeights(model: tf.LayersModel, values: number[][]): void {
  const current = model.getWeights();
  const tensors = current.map((w, i) => tf.tensor(values[i], w.shape, 'float32'));
  model.setWeights(tensors);
  tensors.forEach((t) => t.dispose());
}

/**
 * The feature maps' height and width after each Conv2D ('valid': side − k + 1) and its
 * MaxPooling2D (floor(side / 2)); a side below 1 means the image is too small for the network.
 */
export function cnnSides(spec: CnnSpec): { height: number; width: number }[] {
  let [height, width] = spec.inputShape;
  return spec.conv.map(({ kernelSize }) => {
    height = Math.floor((height - kernelSize + 1) / 2);
    width = Math.floor((width - kernelSize + 1) / 2);
    return { height, width };
  });
}

/** Keras's counts: a Conv2D has k·k·in·filters kernel weights and `filters` biases. */
function cnnWeightSizes(spec: CnnSpec): number[] {
  const sizes: number[] = [];
  let channels = spec.inputShape[2];
  for (const { filters, kernelSize } of spec.conv) {
    sizes.push(kernelSize * kernelSize * channels * filters, filters);
    channels = filters;
  }
  const last = cnnSides(spec).at(-1) ?? { height: spec.inputShape[0], width: spec.inputShape[1] };
  let inputs = last.height * last.width * channels;
  for (const { units } of [...(spec.hidden ?? []), { units: spec.outputUnits }]) {
    sizes.push(inputs * units, units);
    inputs = units;
  }
  return sizes;
}

/** Sizes of the model's weights in Keras order, known before any tensor exists. */
export function weightSizes(spec: PlainModelSpec): number[] {
  if (spec.kind === 'cnn') return cnnWeightSizes(spec);
  const sizes: number[] = [];
  let inputs = spec.inputShape.reduce((a, b) => a * b, 1);
  for (const layer of [...(spec.hidden ?? []), { units: spec.outputUnits, batchNorm: false }]) {
    sizes.push(inputs * layer.units);
    // With BatchNormalization the Dense bias is dropped; BN brings γ, β, mean and variance.
    sizes.push(...Array<number>(layer.batchNorm ? 4 : 1).fill(layer.units));
    inputs = layer.units;
  }
  return sizes;
}

export function countParams(model: tf.LayersModel): { total: number; trainable: number } {
  const size = (ws: tf.LayerVariable[]) => ws.reduce((n, w) => n + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
  return { total: size(model.weights), trainable: size(model.trainableWeights) };
}

/**
 * Parameters known before any tensor exists, for the backend choice: all of an MLP's or a
 * CNN's; at least the head's of a transfer model (its base only adds to them).
 */
export function estimatedParams(spec: ModelSpec): number {
  if (spec.kind === 'transfer') return headParams(spec.base, spec.classes);
  return weightSizes(spec).reduce((a, b) => a + b, 0);
}

/** Does training this model need convolution gradients (which the wasm backend lacks)? */
export function modelNeedsConvolution(spec: ModelSpec): boolean {
  return spec.kind !== 'mlp';
}
