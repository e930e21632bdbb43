import * as tf from '@tensorflow/tfjs';
import type { CnnSpec } from './spec';

/**
 * What a CNN's first Conv2D has learned, in pictures (CNN Explainer's first column): each
 * filter as a small RGB tile, and what each filter makes of one image, as a grey tile.
 */
export interface FirstLayerView {
  /** Side of a filter tile (the kernel size). */
  kernelSize: number;
  /** One kernelSize² RGB tile per filter (row-major RGB bytes), each stretched over its own range. */
  filters: Uint8Array[];
  /** Side of a feature-map tile ('valid' convolution: image side − kernel size + 1). */
  mapSide: number;
  /**
   * The image's activation after the layer (bias and activation included), one grey tile
   * per filter on a common scale: 0 is black, the layer's largest value is white, so a
   * filter that barely answers stays dark beside one that answers strongly.
   */
  maps: Uint8Array[];
  /** The largest activation (white), for the caption. */
  maxActivation: number;
}

/** Values stretched to bytes between `low` (0) and `high` (255); a flat range gives mid-grey. */
function toBytes(values: ArrayLike<number>, low: number, high: number): Uint8Array {
  const span = high - low;
  return Uint8Array.from(values, (v) => (span > 0 ? Math.round(((v - low) / span) * 255) : 128));
}

/**
 * Reads the first layer from its trained weights (`kernel` is Keras's [k, k, channels,
 * filters] row-major, `bias` one per filter) and runs it on `image` (HWC bytes, scaled to
 * [−1, 1] as the training batches are) on the active backend.
 */
export async function inspectFirstLayer(spec: CnnSpec, kernel: number[], bias: number[], image: Uint8Array): Promise<FirstLayerView> {
  const [height, width, channels] = spec.inputShape;
  const { filters: count, kernelSize: k, activation } = spec.conv[0];
  const output = tf.tidy(() => {
    const x = tf.sub(tf.div(tf.tensor4d(Float32Array.from(image), [1, height, width, channels]), 127.5), 1) as tf.Tensor4D;
    const z = tf.add(tf.conv2d(x, tf.tensor4d(kernel, [k, k, channels, count]), 1, 'valid'), tf.tensor1d(bias));
    const activated = tf.layers.activation({ activation }).apply(z) as tf.Tensor4D;
    // [filters, rows · columns]: one map per row.
    return tf.transpose(tf.reshape(activated, [-1, count]));
  });
  const values = await output.data();
  const mapSide = height - k + 1;
  const cells = mapSide * (width - k + 1);
  output.dispose();

  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  const maps = Array.from({ length: count }, (_, f) => toBytes(values.subarray(f * cells, (f + 1) * cells), Math.min(low, 0), high));

  const tiles = Array.from({ length: count }, (_, f) => {
    // kernel[y][x][c][f]: the filter's weights in the image's own HWC order.
    const tile = Array.from({ length: k * k * channels }, (_, i) => kernel[i * count + f]);
    return toBytes(tile, Math.min(...tile), Math.max(...tile));
  });
  return { kernelSize: k, filters: tiles, mapSide, maps, maxActivation: high };
}
