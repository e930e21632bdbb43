import * as tf from '@tensorflow/tfjs';
import type { FitHook } from './hook';
import type { EpochProgress } from './types';

/** An epoch's logged numbers, still on the device. */
export interface EpochLogs {
  names: string[];
  values: tf.Scalar[];
}

/**
 * Per-batch results of the epoch in progress, kept on the device until it ends: no
 * arithmetic per batch, the epoch's means are taken once. As a hook it shows the epoch so
 * far (Keras's progress bar) in each update.
 */
export class EpochMetrics implements FitHook {
  private losses: tf.Scalar[] = [];
  private correct: tf.Scalar[] = [];
  private sizes: number[] = [];
  /** The epoch in progress as last read; null between epochs. */
  progress: EpochProgress | null = null;

  add(loss: tf.Scalar, correct: tf.Scalar | null, samples: number): void {
    this.losses.push(loss);
    if (correct) this.correct.push(correct);
    this.sizes.push(samples);
  }

  /** The epoch's loss and accuracy; the per-batch results are used up. */
  epochLogs(): EpochLogs {
    const { loss, accuracy } = averageBatches(this.losses, this.correct, this.sizes);
    this.losses = [];
    this.correct = [];
    this.sizes = [];
    return accuracy ? { names: ['loss', 'accuracy'], values: [loss, accuracy] } : { names: ['loss'], values: [loss] };
  }

  /** Running means of the epoch in progress; its per-batch tensors stay for the epoch's end. */
  tensorsToRead(): tf.Tensor[] {
    if (this.losses.length === 0) return [];
    return tf.tidy(() => {
      const seen = this.sizes.reduce((a, b) => a + b, 0);
      const loss = tf.div(tf.sum(tf.mul(tf.stack(this.losses), tf.tensor1d(this.sizes))), seen) as tf.Scalar;
      return this.correct.length > 0 ? [loss, tf.div(sumScalars(this.correct), seen) as tf.Scalar] : [loss];
    });
  }

  received(values: Float32Array[]): void {
    this.progress =
      values.length > 0 ? { batch: this.sizes.length, loss: values[0][0], accuracy: values.length > 1 ? values[1][0] : null } : null;
  }

  /** Drops the epoch in progress (the run ends, or changes phase, before finishing it). */
  discard(): void {
    tf.dispose([...this.losses, ...this.correct]);
    this.losses = [];
    this.correct = [];
    this.sizes = [];
  }
}

/**
 * Per-batch results averaged as Keras does: losses weighted by batch size, correct counts
 * summed, both over all samples. A single batch's loss comes back untouched, so toy runs
 * match the notebooks bit for bit. The per-batch tensors are used up.
 */
export function averageBatches(
  losses: tf.Scalar[],
  correct: tf.Scalar[],
  sizes: number[],
): { loss: tf.Scalar; accuracy: tf.Scalar | null } {
  const seen = sizes.reduce((a, b) => a + b, 0);
  const loss =
    losses.length === 1 ? losses[0] : tf.tidy(() => tf.div(tf.sum(tf.mul(tf.stack(losses), tf.tensor1d(sizes))), seen) as tf.Scalar);
  const accuracy = correct.length > 0 ? tf.tidy(() => tf.div(sumScalars(correct), seen) as tf.Scalar) : null;
  if (losses.length > 1) tf.dispose(losses);
  tf.dispose(correct);
  return { loss, accuracy };
}

/**
 * The sum of many scalars. Not tf.addN: on WebGPU it binds one buffer per input, and past
 * the adapter's limit (8 on SwiftShader) the whole submission fails and every result read
 * with it is garbage. Stacking goes through concat, which splits its inputs to fit.
 */
export function sumScalars(values: tf.Scalar[]): tf.Scalar {
  return tf.sum(tf.stack(values));
}
