import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import type { DataSpec } from './spec';

/** A batch the loop trains on; `owned` batches are freed by the loop after use. */
export interface Batch {
  x: tf.Tensor;
  y: tf.Tensor;
  owned: boolean;
}

/** Which samples a batch holds: all of them, a contiguous run, or shuffled indices. */
export type BatchSelection = null | { start: number; end: number } | Int32Array;

/** Samples that live on the training backend; batches are cut there too. */
export interface Dataset {
  readonly size: number;
  /** All samples (not owned), or a slice or gather of them (owned). */
  take(selection: BatchSelection): Batch;
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

  take(selection: BatchSelection): Batch {
    if (selection === null) return { x: this.x, y: this.y, owned: false };
    if (!(selection instanceof Int32Array)) {
      // In order: a slice, with no index upload and no gather kernel.
      const { start, end } = selection;
      return { x: this.x.slice(start, end - start), y: this.y.slice(start, end - start), owned: true };
    }
    return tf.tidy(() => {
      const idx = tf.tensor1d(selection, 'int32');
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
 * validation samples are the last ones, taken before any shuffling. Integer class labels
 * are stored as int32 of shape [n], the form the sparse loss uses, so no step converts them.
 */
export function loadData(
  spec: DataSpec,
  validationSplit = 0,
  integerLabels = false,
): { train: Dataset; validation: Dataset | null } {
  const n = spec.x.length;
  const nVal = Math.floor(n * validationSplit);
  const nTrain = n - nVal;
  const yRows = spec.y as (number | number[])[];
  const labels = (rows: (number | number[])[]) =>
    integerLabels ? tf.tensor1d(rows.map((r) => (Array.isArray(r) ? r[0] : r)), 'int32') : tf.tensor(rows as number[][], undefined, 'float32');
  const make = (from: number, to: number) =>
    new TensorDataset(tf.tensor(spec.x.slice(from, to), undefined, 'float32'), labels(yRows.slice(from, to)));
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

/** The batches of one epoch; the last one may be smaller, as in Keras. */
export function epochBatches(order: Int32Array | null, size: number, batchSize: number): BatchSelection[] {
  if (batchSize >= size && order === null) return [null];
  const batches: BatchSelection[] = [];
  for (let start = 0; start < size; start += batchSize) {
    const end = Math.min(start + batchSize, size);
    batches.push(order ? order.subarray(start, end) : { start, end });
  }
  return batches;
}
