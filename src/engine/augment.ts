import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import type { AugmentSpec } from './spec';

/**
 * Data augmentation as Keras 3's preprocessing layers do it
 * (keras/src/layers/preprocessing/image_preprocessing/): RandomFlip('horizontal'),
 * RandomTranslation(f, f), RandomRotation(f) and RandomZoom(f), stacked in that order like
 * a Sequential in front of the model, each drawing its parameters per image and resampling
 * the batch on its own (one bilinear resampling per layer, as stacked layers do). Fill
 * mode 'reflect' and bilinear interpolation are Keras's defaults; tf.image.transform takes
 * the same projective rows [a0 a1 a2 b0 b1 b2 c0 c1] (output pixel → input point) as
 * Keras's affine_transform and TF's ImageProjectiveTransformV3, and supports 'reflect'
 * (d c b a | a b c d | d c b a) natively, so nothing is approximated.
 *
 * Only the loop calls this, on training batches; evaluation and prediction never do, as
 * Keras's layers pass images through when training is false. Parameters come from a
 * seeded generator keyed by (seed, epoch, batch), so a run and its rerun (or a run moved
 * to another backend mid-epoch) see the same augmented batches. Images stay on the device.
 */

/** Height, width and channels of the images a flat batch row holds (row-major HWC). */
export type ImageShape = readonly [number, number, number];

type Random = () => number;

/** Keras draws uniform(minval, maxval) per image. */
const uniform = (random: Random, low: number, high: number) => low + (high - low) * random();

/** RandomFlip('horizontal'): each image is mirrored when its uniform draw is ≤ 0.5. */
function flip(images: tf.Tensor4D, random: Random): tf.Tensor4D {
  const n = images.shape[0];
  const chosen = Array.from({ length: n }, () => random() <= 0.5);
  if (!chosen.some(Boolean)) return images.clone();
  return tf.tidy(() => {
    const mask = tf.broadcastTo(tf.tensor4d(chosen, [n, 1, 1, 1], 'bool'), images.shape);
    return tf.where(mask, tf.reverse(images, 2), images);
  });
}

/** RandomTranslation: shifts of uniform(−f, f)·height and uniform(−f, f)·width pixels. */
function translationRows(n: number, [height, width]: ImageShape, factor: number, random: Random): number[] {
  return Array.from({ length: n }, () => {
    const dy = uniform(random, -factor, factor) * height;
    const dx = uniform(random, -factor, factor) * width;
    return [1, 0, -dx, 0, 1, -dy, 0, 0];
  }).flat();
}

/** RandomRotation: angles of uniform(−f, f)·2π about the image's centre pixel. */
function rotationRows(n: number, [height, width]: ImageShape, factor: number, random: Random): number[] {
  return Array.from({ length: n }, () => {
    const angle = uniform(random, -factor, factor) * 2 * Math.PI;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const xOffset = (width - 1 - (cos * (width - 1) - sin * (height - 1))) / 2;
    const yOffset = (height - 1 - (sin * (width - 1) + cos * (height - 1))) / 2;
    return [cos, -sin, xOffset, sin, cos, yOffset, 0, 0];
  }).flat();
}

/**
 * RandomZoom(f) with width_factor=None: one zoom uniform(1 − f, 1 + f) per image for both
 * axes (the aspect ratio kept), about the centre; above 1 zooms out, below 1 zooms in.
 */
function zoomRows(n: number, [height, width]: ImageShape, factor: number, random: Random): number[] {
  return Array.from({ length: n }, () => {
    const zoom = uniform(random, 1 - factor, 1 + factor);
    return [zoom, 0, ((width - 1) / 2) * (1 - zoom), 0, zoom, ((height - 1) / 2) * (1 - zoom), 0, 0];
  }).flat();
}

type Rows = (n: number, shape: ImageShape, factor: number, random: Random) => number[];

/** The matrices of each geometric layer (exported for tests). */
export const layerRows = { translation: translationRows, rotation: rotationRows, zoom: zoomRows };

/** One geometric layer: resample every image through its own matrix (exported for tests). */
export function resample(images: tf.Tensor4D, rows: number[]): tf.Tensor4D {
  return tf.tidy(() => {
    const n = images.shape[0];
    const transforms = tf.tensor2d(rows, [n, 8], 'float32');
    const transform = (image: tf.Tensor4D, matrix: tf.Tensor2D) => tf.image.transform(image, matrix, 'bilinear', 'reflect', 0);
    if (n === 1 || tf.getBackend() !== 'cpu') return transform(images, transforms);
    // tfjs-backend-cpu 4.22's Transform returns from inside its batch loop: only the first
    // image is resampled and the others come back as the fill value. One image per call
    // there; the GPU and wasm kernels handle the batch (and are the ones that need speed).
    return tf.concat(tf.split(images, n).map((image, i) => transform(image as tf.Tensor4D, tf.slice(transforms, [i, 0], [1, 8]))));
  });
}

export class Augmenter {
  private readonly layers: { rows: Rows; factor: number }[];

  private constructor(
    private readonly spec: AugmentSpec,
    private readonly seed: number,
  ) {
    const geometric: [number | undefined, Rows][] = [
      [spec.translate, translationRows],
      [spec.rotate, rotationRows],
      [spec.zoom, zoomRows],
    ];
    this.layers = geometric.filter(([factor]) => !!factor).map(([factor, rows]) => ({ rows, factor: factor! }));
  }

  /** Null when no layer would change anything (zero factors are left out, as identities). */
  static create(spec: AugmentSpec | undefined, seed: number): Augmenter | null {
    if (!spec) return null;
    const augmenter = new Augmenter(spec, seed);
    return spec.flip || augmenter.layers.length > 0 ? augmenter : null;
  }

  /**
   * A new tensor (the caller frees it) holding training batch `batch` of epoch `epoch`
   * augmented; `x` keeps its shape (flat rows or NHWC).
   */
  apply(x: tf.Tensor, shape: ImageShape, epoch: number, batch: number): tf.Tensor {
    const random = seedrandom(`${this.seed}:augment:${epoch}:${batch}`);
    const n = x.shape[0];
    let images = tf.reshape(x, [n, ...shape]) as tf.Tensor4D;
    if (this.spec.flip) images = replace(images, flip(images, random));
    for (const { rows, factor } of this.layers) images = replace(images, resample(images, rows(n, shape, factor, random)));
    const out = tf.reshape(images, x.shape);
    images.dispose();
    return out;
  }
}

/** Frees the previous stage (a reshape of the caller's batch counts as one) once the next exists. */
function replace(previous: tf.Tensor4D, next: tf.Tensor4D): tf.Tensor4D {
  previous.dispose();
  return next;
}
