import * as tf from '@tensorflow/tfjs';
import type { LossName } from './spec';

/**
 * Losses as Keras computes them: a per-sample value (mean over the last axis), then the
 * mean over the batch (Keras's default SUM_OVER_BATCH_SIZE reduction).
 */
export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

/** Keras's backend epsilon, used to clip probabilities before taking logs. */
export const EPSILON = 1e-7;

function mse(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.mean(tf.square(tf.sub(yPred, yTrue)), -1)));
}

/**
 * Keras's binary_crossentropy on probabilities in eager mode: clip to [ε, 1−ε], then
 * −(y·log(p+ε) + (1−y)·log(1−p+ε)). The extra +ε inside the logs is Keras's, kept for parity.
 */
function binaryCrossentropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.clipByValue(yPred, EPSILON, 1 - EPSILON);
    const positive = tf.mul(yTrue, tf.log(tf.add(p, EPSILON)));
    const negative = tf.mul(tf.sub(1, yTrue), tf.log(tf.add(tf.sub(1, p), EPSILON)));
    return tf.mean(tf.mean(tf.neg(tf.add(positive, negative)), -1));
  });
}

/** Keras's categorical_crossentropy on probabilities: renormalise, clip, −Σ y·log p. */
function categoricalCrossentropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.clipByValue(tf.div(yPred, tf.sum(yPred, -1, true)), EPSILON, 1 - EPSILON);
    return tf.mean(tf.neg(tf.sum(tf.mul(yTrue, tf.log(p)), -1)));
  });
}

/** Integer labels (shape [n] or [n, 1]); same value as categorical on the one-hot labels. */
function sparseCategoricalCrossentropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const classes = yPred.shape[yPred.shape.length - 1] as number;
    const labels = tf.cast(tf.reshape(yTrue, [-1]), 'int32');
    return categoricalCrossentropy(tf.oneHot(labels, classes), yPred);
  });
}

export const LOSSES: Record<LossName, LossFn> = {
  mse,
  binary_crossentropy: binaryCrossentropy,
  categorical_crossentropy: categoricalCrossentropy,
  sparse_categorical_crossentropy: sparseCategoricalCrossentropy,
};
