import * as tf from '@tensorflow/tfjs';
import type { Augmenter } from '../augment';
import type { Batch, BatchSelection, LabelledDataset } from '../data';
import type { ImageSet } from './images';

/**
 * Training batches for a phase with data augmentation. Keras puts the preprocessing layers
 * in front of the frozen base, so every augmented image gives the frozen part a new input:
 * its activations can no longer be cached. Each batch is therefore made when the loop takes
 * it: the images at the base's resolution, augmented (seeded by the batch's place in the
 * run), then through the frozen part in inference mode, outside the gradient tape.
 */
export class AugmentedActivations implements LabelledDataset {
  readonly size: number;
  /** Batches handed out so far: which epoch and batch the augmentation is seeded with. */
  private taken = 0;

  constructor(
    private readonly frozen: tf.LayersModel | null,
    private readonly set: ImageSet,
    private readonly resolution: number,
    private readonly classes: number,
    private readonly augmenter: Augmenter,
    private readonly batchesPerEpoch: number,
  ) {
    this.size = set.labels.length;
  }

  label(index: number): number {
    return this.set.labels[index];
  }

  take(selection: BatchSelection): Batch {
    const rows =
      selection === null
        ? Array.from({ length: this.size }, (_, i) => i)
        : selection instanceof Int32Array
          ? Array.from(selection)
          : Array.from({ length: selection.end - selection.start }, (_, i) => selection.start + i);
    const n = this.taken++;
    const { side } = this.set;
    const bytes = side * side * 3;
    const pixels = new Float32Array(rows.length * bytes);
    rows.forEach((row, i) => pixels.set(this.set.images.subarray(row * bytes, (row + 1) * bytes), i * bytes));
    return tf.tidy(() => {
      let images = tf.tensor4d(pixels, [rows.length, side, side, 3]);
      // Half-pixel centres, as cache.ts resizes for the cached phases.
      if (side !== this.resolution) images = tf.image.resizeBilinear(images, [this.resolution, this.resolution], false, true);
      const shape = [this.resolution, this.resolution, 3] as const;
      const augmented = this.augmenter.apply(images, shape, Math.floor(n / this.batchesPerEpoch), n % this.batchesPerEpoch);
      const x = this.frozen ? (this.frozen.predict(augmented, { batchSize: rows.length }) as tf.Tensor) : augmented;
      const y = tf
        .oneHot(
          tf.tensor1d(
            rows.map((r) => this.set.labels[r]),
            'int32',
          ),
          this.classes,
        )
        .toFloat();
      return { x, y, owned: true };
    });
  }

  dispose(): void {
    // The images belong to the task; the frozen part to the run.
  }
}
