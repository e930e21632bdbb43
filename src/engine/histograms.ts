import * as tf from '@tensorflow/tfjs';

/** The distribution of one layer's kernel after an epoch, like TensorBoard's histograms tab. */
export interface WeightHistogram {
  layer: string;
  min: number;
  max: number;
  /** How many weights fall in each of the equal-width bins between min and max. */
  counts: number[];
}

export const HISTOGRAM_BINS = 30;

/** The Dense kernels (weights, not biases) whose distribution is drawn; live variables. */
function kernels(model: tf.LayersModel): { layer: string; kernel: tf.Tensor }[] {
  return model.layers
    .filter((layer) => layer.getClassName() === 'Dense')
    .map((layer) => ({ layer: layer.name, kernel: layer.getWeights()[0] }));
}

/**
 * Every kernel's histogram as one flat tensor: [min, max, count per bin] per layer. It is
 * computed on the device by counting weights at or above each bin edge, so no weight is
 * read back and no backend needs a bincount kernel (WebGL's reads the data back).
 */
export function histogramTensor(model: tf.LayersModel, bins = HISTOGRAM_BINS): { layers: string[]; values: tf.Tensor1D } {
  const list = kernels(model);
  const values = tf.tidy(() =>
    tf.concat(
      list.map(({ kernel }) => {
        const w = tf.reshape(kernel, [-1]);
        const min = tf.min(w);
        const max = tf.max(w);
        const width = tf.div(tf.sub(max, min), bins);
        // atLeast[i] = weights ≥ edge i; the top bin is closed so the maximum counts.
        const atLeast = [];
        for (let i = 0; i < bins; i++) {
          const edge = tf.add(min, tf.mul(width, i));
          atLeast.push(i === 0 ? tf.scalar(w.size) : tf.sum(tf.cast(tf.greaterEqual(w, edge), 'float32')));
        }
        atLeast.push(tf.scalar(0));
        const cumulative = tf.stack(atLeast) as tf.Tensor1D;
        const counts = tf.sub(cumulative.slice(0, bins), cumulative.slice(1, bins));
        return tf.concat([tf.stack([min, max]), counts]);
      }),
    ),
  ) as tf.Tensor1D;
  return { layers: list.map((l) => l.layer), values };
}

export function readHistograms(layers: string[], data: Float32Array, bins = HISTOGRAM_BINS): WeightHistogram[] {
  return layers.map((layer, i) => {
    const row = data.subarray(i * (bins + 2), (i + 1) * (bins + 2));
    return { layer, min: row[0], max: row[1], counts: Array.from(row.subarray(2)) };
  });
}
