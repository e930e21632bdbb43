import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import { IMAGE_BYTES, IMAGE_SIDE } from './cifar10/classes';
import type { Cifar10Data } from './cifar10/load';
import type { DataSpec, TransferBase } from './spec';
import { cifar10, invalidSpec } from './messages';
import type { UserImages } from './transfer/images';

/** A batch the loop trains on; `owned` batches are freed by the loop after use. */
export interface Batch {
  x: tf.Tensor;
  y: tf.Tensor;
  owned: boolean;
}

export function disposeBatch(batch: Batch): void {
  if (!batch.owned) return;
  batch.x.dispose();
  batch.y.dispose();
}

/** Which samples a batch holds: all of them, a contiguous run, or shuffled indices. */
export type BatchSelection = null | { start: number; end: number } | Int32Array;

/** Samples that live on the training backend; batches are cut there too. */
export interface Dataset {
  readonly size: number;
  /** Height, width and channels when each sample is an image (row-major HWC rows). */
  readonly imageShape?: readonly [number, number, number];
  /** All samples (not owned), or a slice or gather of them (owned). */
  take(selection: BatchSelection): Batch;
  dispose(): void;
}

/** A dataset that knows each sample's class (for evaluations sample by sample). */
export interface LabelledDataset extends Dataset {
  label(index: number): number;
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
 * Images kept as bytes in main memory (3072 per CIFAR-10 image), a contiguous range of
 * them. Each batch is copied out, uploaded, and scaled to [−1, 1] on the backend, so
 * the whole set never exists as floats anywhere.
 */
export class ImageBytesDataset implements LabelledDataset {
  readonly size: number;
  readonly imageShape = [IMAGE_SIDE, IMAGE_SIDE, 3] as const;
  constructor(
    private readonly images: Uint8Array,
    private readonly labels: Uint8Array,
    private readonly from: number,
    to: number,
  ) {
    this.size = to - from;
  }

  label(index: number): number {
    return this.labels[this.from + index];
  }

  take(selection: BatchSelection): Batch {
    const rows = selection === null ? { start: 0, end: this.size } : selection;
    const count = rows instanceof Int32Array ? rows.length : rows.end - rows.start;
    const pixels = new Float32Array(count * IMAGE_BYTES);
    const labels = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const row = this.from + (rows instanceof Int32Array ? rows[i] : rows.start + i);
      pixels.set(this.images.subarray(row * IMAGE_BYTES, (row + 1) * IMAGE_BYTES), i * IMAGE_BYTES);
      labels[i] = this.labels[row];
    }
    return tf.tidy(() => ({
      x: tf.sub(tf.div(tf.tensor2d(pixels, [count, IMAGE_BYTES]), 127.5), 1),
      y: tf.tensor1d(labels, 'int32'),
      owned: true,
    }));
  }

  dispose(): void {
    // The bytes belong to the loaded dataset, shared by every run in the worker.
  }
}

/** Data the worker loaded once and runs refer to by kind. */
export interface DataSources {
  cifar10?: Cifar10Data;
  /** The student's own images for transfer learning. */
  userImages?: UserImages;
  /** Converted weights per transfer base (ImageNet for B0 and B3, the project's for mini). */
  bases?: Partial<Record<TransferBase, tf.io.ModelArtifacts>>;
}

export interface LoadedData {
  train: Dataset;
  validation: Dataset | null;
  /** The official test set, where the data has one. */
  test: LabelledDataset | null;
}

/**
 * Builds the training and validation sets. As in Keras's validation_split, the
 * validation samples are the last ones, taken before any shuffling. Integer class labels
 * are stored as int32 of shape [n], the form the sparse loss uses, so no step converts them.
 */
export function loadData(spec: DataSpec, validationSplit = 0, integerLabels = false, sources: DataSources = {}): LoadedData {
  if (spec.kind === 'cifar10-classes' || spec.kind === 'user-images') {
    throw new Error(invalidSpec.classesOnlyForTransfer);
  }
  if (spec.kind === 'cifar10') {
    const data = sources.cifar10;
    if (!data) throw new Error(cifar10.notLoaded);
    const nVal = Math.floor(spec.train * validationSplit);
    const nTrain = spec.train - nVal;
    return {
      train: new ImageBytesDataset(data.trainImages, data.trainLabels, 0, nTrain),
      validation: nVal > 0 ? new ImageBytesDataset(data.trainImages, data.trainLabels, nTrain, spec.train) : null,
      test: new ImageBytesDataset(data.testImages, data.testLabels, 0, data.testLabels.length),
    };
  }
  const n = spec.x.length;
  const nVal = Math.floor(n * validationSplit);
  const nTrain = n - nVal;
  const yRows = spec.y as (number | number[])[];
  const labels = (rows: (number | number[])[]) =>
    integerLabels
      ? tf.tensor1d(
          rows.map((r) => (Array.isArray(r) ? r[0] : r)),
          'int32',
        )
      : tf.tensor(rows as number[][], undefined, 'float32');
  const make = (from: number, to: number) =>
    new TensorDataset(tf.tensor(spec.x.slice(from, to), undefined, 'float32'), labels(yRows.slice(from, to)));
  return { train: make(0, nTrain), validation: nVal > 0 ? make(nTrain, n) : null, test: null };
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
