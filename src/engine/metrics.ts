import * as tf from '@tensorflow/tfjs';
import { sparseLabels } from './losses';
import type { LossName } from './spec';

/**
 * Accuracy as Keras resolves the string 'accuracy' from the loss: binary (threshold 0.5)
 * for binary cross-entropy, argmax against one-hot or integer labels for the categorical
 * losses. Returns the number of correct samples so epoch totals can be summed on device.
 */
export function correctCount(loss: LossName, yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    let hits: tf.Tensor;
    if (loss === 'sparse_categorical_crossentropy') {
      hits = tf.equal(tf.argMax(yPred, -1), sparseLabels(yTrue));
    } else if (loss === 'categorical_crossentropy') {
      hits = tf.equal(tf.argMax(yPred, -1), tf.argMax(yTrue, -1));
    } else {
      // Keras's binary_accuracy: a prediction above 0.5 counts as class 1.
      hits = tf.equal(tf.cast(tf.greater(yPred, 0.5), 'float32'), yTrue);
      hits = tf.mean(tf.cast(hits, 'float32'), -1);
    }
    return tf.sum(tf.cast(hits, 'float32'));
  });
}
