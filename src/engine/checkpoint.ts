import * as tf from '@tensorflow/tfjs';
import type { Optimizer } from './optimizers';

/**
 * A copy in main memory of everything a run needs to continue elsewhere: weights, optimizer
 * slots and counters at the end of an epoch. GPU backends can die (device or context lost);
 * this is what the run falls back to.
 */
export interface Checkpoint {
  /** Completed epochs when it was taken. */
  epoch: number;
  iterations: number;
  learningRate: number;
  values: Float32Array;
}

/** Tensors joined end to end into one vector, so they travel in the same read as the logs. */
export function flatten(tensors: tf.Tensor[]): tf.Tensor1D {
  return tf.tidy(() => tf.concat(tensors.map((t) => tf.reshape(t, [-1]))) as tf.Tensor1D);
}

/** Every weight and every optimizer slot, flattened. */
export function packState(model: tf.LayersModel, optimizer: Optimizer): tf.Tensor1D {
  return flatten([...model.getWeights(), ...optimizer.slots]);
}

/** Puts a checkpoint into a freshly built model and optimizer of the same spec. */
export function restoreState(model: tf.LayersModel, optimizer: Optimizer, checkpoint: Checkpoint): void {
  let offset = 0;
  const take = (shape: number[]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const tensor = tf.tensor(checkpoint.values.subarray(offset, offset + size), shape, 'float32');
    offset += size;
    return tensor;
  };
  const weights = model.getWeights().map((w) => take(w.shape));
  model.setWeights(weights);
  tf.dispose(weights);
  for (const slot of optimizer.slots) {
    const value = take(slot.shape);
    slot.assign(value);
    value.dispose();
  }
  optimizer.iterations = checkpoint.iterations;
  optimizer.learningRate = checkpoint.learningRate;
}
