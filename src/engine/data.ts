import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import type { DataSpec } from './spec';

/** A batch the loop trains on; `owned` batches are freed by the loop after use. */
export interface Batch {
  x: tf.Tensor;
  y: tf.Tensor;
  owned: boolean;
}

/** Samples that live on the training backend; batches are gathered there too. */
export interface Dataset {
  readonly size: number;
  /** All samples (not owned) or the given sample indices (owned). */
  take(indices: Int32Array | null): Batch;
  dispose(): void;
}

export class TensorDataset implements Dataset {
  readonly size: number;
  constructor(
    private readonly x: tf.Tensor,
    private readonly y: tf.Tensor,
  ) {
    this.size = x.shape[0];
  }

  take(indices: Int32Array | null): Batch {
    if (indices === null) return { x: this.x, y: this.y, owned: false };
    return tf.tidy(() => {
      const idx = tf.tensor1d(indices, 'int32');
      return { x: tf.gather(this.x, idx), y: tf.gather(this.y, idx), owned: true };
    });
  }

  dispose(): void {
    this.x.dispose();
    this.y.dispose();
  }
}

/**
 * Builds the training and validation sets. As in Keras's validation_split, the
 * validation samples are the last ones, taken before any shuffling.
 */
export function loadData(
  spec: DataSpec,
  validationSplit = 0,
): { train: Dataset; validation: Dataset | null } {
  const n = spec.x.length;
  const nVal = Math.floor(n * validationSplit);
  const nTrain = n - nVal;
  const yRows = spec.y as (number | number[])[];
  const make = (from: number, to: number) =>
    new TensorDataset(
      tf.tensor(spec.x.slice(from, to), undefined, 'float32'),
      tf.tensor(yRows.slice(from, to) as number[][], undefined, 'float32'),
    );
  return { train: make(0, nTrain), validation: nVal > 0 ? make(nTrain, n) : null };
}

/** The sample order of one epoch: a seeded Fisher–Yates shuffle, or null for "in order". */
export function epochOrder(size: number, seed: number, epoch: number, shuffle: boolean): Int32Array | null {
  if (!shuffle) return null;
  const random = seedrandom(`${seed}:${epoch}`);
  const order = new Int32Array(size);
  for (let i = 0; i < size; i++) order[i] = i;
  for (let i = size - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Index ranges of the batches of one epoch; the last batch may be smaller, as in Keras. */
export function batchIndices(order: Int32Array | null, size: number, batchSize: number): (Int32Array | null)[] {
  if (batchSize >= size && order === null) return [null];
  const all = order ?? Int32Array.from({ length: size }, (_, i) => i);
  const batches: Int32Array[] = [];
  for (let start = 0; start < size; start += batchSize) batches.push(all.subarray(start, start + batchSize));
  return batches;
}
