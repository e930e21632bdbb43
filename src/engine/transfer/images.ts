import * as tf from '@tensorflow/tfjs';
import { EngineInputError } from '../errors';
import { imageTasks as say } from '../messages';
import { IMAGE_BYTES, IMAGE_SIDE } from '../cifar10/classes';
import type { Cifar10Data } from '../cifar10/load';
import { heldOutCount } from './heldOut';

/**
 * The images of a transfer-learning task, kept as bytes in main memory and turned into
 * floats at the base's resolution one batch at a time, only while their activations are
 * being cached.
 */

/** Square RGB images, `side`×`side`×3 bytes each (row-major HWC), and their class (0, 1, …). */
export interface ImageSet {
  side: number;
  images: Uint8Array;
  labels: Uint8Array;
}

export interface ImageTask {
  classes: number;
  train: ImageSet;
  validation: ImageSet;
}

/** The student's uploaded images, as the page decoded them (square, centre-cropped). */
export interface UserImages {
  side: number;
  images: Uint8Array;
  labels: Uint8Array;
  classes: number;
}

export const imageCount = (set: ImageSet): number => set.labels.length;

/** Rows of `images` (of `rowBytes` each) into a set, in the given order. */
function gather(images: Uint8Array, rowBytes: number, rows: number[], labels: number[], side: number): ImageSet {
  const out = new Uint8Array(rows.length * rowBytes);
  rows.forEach((row, i) => out.set(images.subarray(row * rowBytes, (row + 1) * rowBytes), i * rowBytes));
  return { side, images: out, labels: Uint8Array.from(labels) };
}

/**
 * Interleaves per-class lists (a, b, c, d, a, b, …) so that every prefix of the set is
 * balanced: a batch never holds a single class, whatever the shuffle.
 */
function interleave(perClass: number[][]): { rows: number[]; labels: number[] } {
  const rows: number[] = [];
  const labels: number[] = [];
  const longest = Math.max(0, ...perClass.map((l) => l.length));
  for (let i = 0; i < longest; i++) {
    perClass.forEach((list, label) => {
      if (i < list.length) {
        rows.push(list[i]);
        labels.push(label);
      }
    });
  }
  return { rows, labels };
}

/** The first `count` images of each wanted class, in file order. */
function firstOfEach(labels: Uint8Array, classes: readonly number[], count: number, where: string): number[][] {
  const picked = classes.map(() => [] as number[]);
  const position = new Map(classes.map((c, i) => [c, i]));
  for (let row = 0; row < labels.length; row++) {
    const at = position.get(labels[row]);
    if (at !== undefined && picked[at].length < count) picked[at].push(row);
  }
  picked.forEach((list, i) => {
    if (list.length < count) throw new EngineInputError(say.tooFew(where, list.length, classes[i], count));
  });
  return picked;
}

/** A few CIFAR-10 classes: training images from the training files, held-out ones from the test set. */
export function cifar10Task(data: Cifar10Data, classes: readonly number[], train: number, validation: number): ImageTask {
  const trainRows = interleave(firstOfEach(data.trainLabels, classes, train, say.cifar10Train));
  const valRows = interleave(firstOfEach(data.testLabels, classes, validation, say.cifar10Test));
  return {
    classes: classes.length,
    train: gather(data.trainImages, IMAGE_BYTES, trainRows.rows, trainRows.labels, IMAGE_SIDE),
    validation: gather(data.testImages, IMAGE_BYTES, valRows.rows, valRows.labels, IMAGE_SIDE),
  };
}

/** The student's images: the last fifth of each class (in upload order) is held out. */
export function userTask(user: UserImages): ImageTask {
  const rowBytes = user.side * user.side * 3;
  const perClass = Array.from({ length: user.classes }, () => [] as number[]);
  user.labels.forEach((label, row) => perClass[label]?.push(row));
  const empty = perClass.findIndex((rows) => rows.length < 2);
  if (empty >= 0) throw new EngineInputError(say.twoPerClass(empty + 1, perClass[empty].length));
  const cut = perClass.map((rows) => rows.length - heldOutCount(rows.length));
  const train = interleave(perClass.map((rows, c) => rows.slice(0, cut[c])));
  const validation = interleave(perClass.map((rows, c) => rows.slice(cut[c])));
  return {
    classes: user.classes,
    train: gather(user.images, rowBytes, train.rows, train.labels, user.side),
    validation: gather(user.images, rowBytes, validation.rows, validation.labels, user.side),
  };
}

/**
 * Rows [start, end) as 0–255 floats at `resolution`×`resolution` (bilinear, as Keras's
 * image loading resizes): CIFAR-10's 32×32 images are upscaled to the base's input.
 */
export function imageBatch(set: ImageSet, start: number, end: number, resolution: number): tf.Tensor4D {
  const bytes = set.side * set.side * 3;
  return tf.tidy(() => {
    const pixels = tf.tensor4d(Float32Array.from(set.images.subarray(start * bytes, end * bytes)), [end - start, set.side, set.side, 3]);
    // Half-pixel centres: what TF 2's tf.image.resize does.
    return set.side === resolution ? pixels : tf.image.resizeBilinear(pixels, [resolution, resolution], false, true);
  });
}

/** RGB bytes of some images of a set (the page's gallery of held-out predictions). */
export function imageBytes(set: ImageSet, indices: readonly number[]): Uint8Array[] {
  const bytes = set.side * set.side * 3;
  return indices.map((i) => set.images.slice(i * bytes, (i + 1) * bytes));
}
