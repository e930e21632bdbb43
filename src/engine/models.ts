import * as tf from '@tensorflow/tfjs';
import type { MlpSpec, ModelSpec } from './spec';
import { headParams } from './transfer/bases';

/**
 * Model builders: a spec in, a tf.LayersModel out, with Keras's default initialisers
 * (Glorot uniform kernels, zero biases) seeded so a seed fixes the initial weights.
 */

function buildMlp(spec: MlpSpec, seed: number): tf.LayersModel {
  const model = tf.sequential();
  let layerSeed = seed;
  const kernelInitializer = () => tf.initializers.glorotUniform({ seed: layerSeed++ });
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

export function buildModel(spec: MlpSpec, seed: number): tf.LayersModel {
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

/** Sizes of the model's weights in Keras order, known before any tensor exists. */
export function weightSizes(spec: MlpSpec): number[] {
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
 * Parameters known before any tensor exists, for the backend choice: all of an MLP's; at
 * least the head's of a transfer model (its base only adds to them).
 */
export function estimatedParams(spec: ModelSpec): number {
  if (spec.kind === 'transfer') return headParams(spec.base, spec.classes);
  return weightSizes(spec).reduce((a, b) => a + b, 0);
}

/** Does training this model need convolution gradients (which the wasm backend lacks)? */
export function modelNeedsConvolution(spec: ModelSpec): boolean {
  return spec.kind !== 'mlp';
}
