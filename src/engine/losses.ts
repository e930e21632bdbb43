import * as tf from '@tensorflow/tfjs';
import type { LossName } from './spec';

/**
 * Losses as Keras computes them: a per-sample value (mean over the last axis), then the
 * mean over the batch (Keras's default SUM_OVER_BATCH_SIZE reduction). Where every sample
 * has the same number of outputs, the mean of per-sample means is the plain mean, which
 * costs fewer operations per step.
 */
export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

/** Keras's backend epsilon, used to clip probabilities before taking logs. */
export const EPSILON = 1e-7;

function mse(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.squaredDifference(yPred, yTrue)));
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
    return tf.neg(tf.mean(tf.add(positive, negative)));
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
    return categoricalCrossentropy(tf.oneHot(sparseLabels(yTrue), classes), yPred);
  });
}

/** Labels as int32 of shape [n]; datasets store them so already, making this free. */
export function sparseLabels(yTrue: tf.Tensor): tf.Tensor1D {
  return yTrue.dtype === 'int32' && yTrue.rank === 1 ? (yTrue as tf.Tensor1D) : tf.cast(tf.reshape(yTrue, [-1]), 'int32');
}

export const LOSSES: Record<LossName, LossFn> = {
  mse,
  binary_crossentropy: binaryCrossentropy,
  categorical_crossentropy: categoricalCrossentropy,
  sparse_categorical_crossentropy: sparseCategoricalCrossentropy,
};
