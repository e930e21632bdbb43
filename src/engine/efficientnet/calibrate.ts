import * as tf from '@tensorflow/tfjs';
import { KerasBatchNormalization } from './layers';

/**
 * Measures every BatchNormalization layer's moving mean and variance on real images, as
 * training would, without training anything.
 *
 * A freshly initialised base keeps Keras's initial statistics (mean 0, variance 1). Frozen,
 * in inference mode, its activations then shrink block after block and its features come
 * out near 1e-5: a head on top can learn nothing, and a random-base control would only show
 * that. With the statistics measured, the control shows what random convolutions give.
 *
 * Each batch runs forward once, every layer normalising with the batch's own moments (so
 * the layers below shape what the ones above see, in order); the stored statistics are the
 * batches' average of E[x] and E[x²].
 */
export async function calibrateBatchNormalization(
  model: tf.LayersModel,
  batches: number,
  batch: (index: number) => tf.Tensor,
  onBatch: (done: number) => void = () => {},
): Promise<void> {
  const layers = model.layers.filter((l): l is KerasBatchNormalization => l instanceof KerasBatchNormalization);
  layers.forEach((l) => (l.calibration = []));
  try {
    for (let i = 0; i < batches; i++) {
      const output = tf.tidy(() => model.predict(batch(i)) as tf.Tensor);
      // Waits for the batch, so progress is true on a GPU.
      await output.data();
      output.dispose();
      onBatch(i + 1);
    }
    for (const layer of layers) {
      const seen = layer.calibration!;
      const [mean, variance] = tf.tidy(() => {
        const m = tf.mean(tf.stack(seen.map((s) => s.mean)), 0);
        const square = tf.mean(tf.stack(seen.map((s) => s.square)), 0);
        return [m, tf.relu(tf.sub(square, tf.square(m)))];
      });
      for (const [name, value] of [
        ['moving_mean', mean],
        ['moving_variance', variance],
      ] as const) {
        layer.weights.find((w) => w.originalName.endsWith(`/${name}`))!.write(value);
      }
      tf.dispose([mean, variance]);
    }
  } finally {
    for (const layer of layers) {
      tf.dispose(layer.calibration?.flatMap((s) => [s.mean, s.square]) ?? []);
      layer.calibration = null;
    }
  }
}
