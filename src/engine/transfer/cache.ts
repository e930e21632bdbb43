import * as tf from '@tensorflow/tfjs';
import { TensorDataset, type LabelledDataset } from '../data';
import { imageBatch, imageCount, type ImageSet } from './images';

/**
 * The activation cache: what the frozen part of the network computes for each image never
 * changes while it stays frozen, so it is computed once and training reads it back every
 * epoch instead of running the frozen layers again.
 */

/** Activations (on the training backend) with one-hot targets and each sample's class. */
export class CachedDataset extends TensorDataset implements LabelledDataset {
  constructor(
    x: tf.Tensor,
    y: tf.Tensor,
    private readonly labels: Uint8Array,
  ) {
    super(x, y);
  }

  label(index: number): number {
    return this.labels[index];
  }
}

/**
 * Images per pass of the frozen part: 32 at most (Keras's predict default; on software WebGL
 * batches of 128 made caching three times slower, see npm run bench), fewer at big
 * resolutions, so memory stays bounded.
 */
export function cacheBatchSize(resolution: number): number {
  return Math.max(4, Math.min(32, Math.floor(64 * (64 / resolution) ** 2)));
}

/**
 * Runs the frozen part (inference mode) over every image of the set, one batch at a time,
 * and keeps its outputs; with no frozen part the cache holds the resized images themselves.
 * `onImages` hears how many images are done after each batch has really been computed.
 */
export async function cacheActivations(
  frozen: tf.LayersModel | null,
  set: ImageSet,
  resolution: number,
  classes: number,
  onImages: (done: number) => void = () => {},
): Promise<CachedDataset> {
  const n = imageCount(set);
  const size = cacheBatchSize(resolution);
  const parts: tf.Tensor[] = [];
  try {
    for (let start = 0; start < n; start += size) {
      const end = Math.min(n, start + size);
      const part = tf.tidy(() => {
        const pixels = imageBatch(set, start, end, resolution);
        return frozen ? (frozen.predict(pixels, { batchSize: size }) as tf.Tensor) : pixels;
      });
      parts.push(part);
      // A one-number read waits for the batch on a GPU, so the progress is true (and the queue short).
      const probe = tf.tidy(() => tf.sum(part.slice([0], [1])));
      await probe.data();
      probe.dispose();
      onImages(end);
    }
    const x = parts.length === 1 ? parts[0] : tf.concat(parts);
    if (parts.length > 1) tf.dispose(parts);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d(set.labels, 'int32'), classes).toFloat());
    return new CachedDataset(x, y, set.labels);
  } catch (error) {
    tf.dispose(parts);
    throw error;
  }
}
