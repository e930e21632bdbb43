import * as tf from '@tensorflow/tfjs';
import { sumScalars } from './fit/epochMetrics';
import type { RegularizerSpec } from './spec';

/**
 * Kernel regularizers with Keras 3's semantics (keras/src/regularizers/regularizers.py):
 * L1 is l1·Σ|w|, L2 is l2·Σw² (no ½), L1L2 adds the two. Keras collects one loss per
 * regularized trainable weight (Layer.losses) and Trainer.compute_loss
 * (keras/src/trainers/trainer.py) sums them with the compiled loss: the sum is what the
 * optimizer minimises and what the loss tracker reports. compute_loss ignores `training`,
 * so test_step (evaluate, val_loss) includes the penalty as well.
 */

/** The weights of a regularizer once Keras's defaults are filled in. */
export interface Regularizer {
  l1: number;
  l2: number;
}

/** Keras's defaults: L1(l1=0.01), L2(l2=0.01), L1L2(l1=0.0, l2=0.0). */
export function resolveRegularizer(spec: RegularizerSpec): Regularizer {
  switch (spec.name) {
    case 'l1':
      return { l1: spec.l1 ?? 0.01, l2: 0 };
    case 'l2':
      return { l1: 0, l2: spec.l2 ?? 0.01 };
    case 'l1_l2':
      return { l1: spec.l1 ?? 0, l2: spec.l2 ?? 0 };
  }
}

/**
 * One kernel's penalty, in Keras's order of operations: l1·sum(|w|), then + l2·sum(w²).
 * |w| is written w·sign(w) (the same value, exactly): tfjs differentiates abs as −1 at 0,
 * while TF, JAX and PyTorch, and so Keras, give sign(0) = 0; sign's gradient is zero, so
 * this form has gradient sign(w) everywhere.
 */
export function kernelPenalty({ l1, l2 }: Regularizer, kernel: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const terms: tf.Scalar[] = [];
    if (l1) terms.push(tf.mul(l1, tf.sum(tf.mul(kernel, tf.sign(kernel)))));
    if (l2) terms.push(tf.mul(l2, tf.sum(tf.square(kernel))));
    return terms.length === 1 ? terms[0] : tf.add(terms[0], terms[1]);
  });
}

/** Layers whose kernel the spec's regularizer applies to. */
const REGULARIZED = new Set(['Dense', 'Conv1D', 'Conv2D', 'DepthwiseConv2D', 'SeparableConv2D']);

/** The trainable kernels of the model's Dense (and Conv) layers, as the variables training reads. */
export function regularizedKernels(model: tf.LayersModel): tf.Tensor[] {
  return model.layers
    .filter((layer) => layer.trainable && REGULARIZED.has(layer.getClassName()))
    .flatMap((layer) => layer.trainableWeights.filter((w) => w.originalName.endsWith('/kernel')).map((w) => w.read()));
}

/**
 * What a run adds to its data loss: one penalty per kernel, computed from whatever tensors
 * hold the kernels (the model's variables, or the traced step's copies). Null when no
 * regularizer is set or its weights are all zero (a zero loss changes nothing).
 */
export type Penalties = (kernels: tf.Tensor[]) => tf.Scalar[];

export function penalties(spec: RegularizerSpec | undefined): Penalties | null {
  if (!spec) return null;
  const regularizer = resolveRegularizer(spec);
  if (!regularizer.l1 && !regularizer.l2) return null;
  return (kernels) => kernels.map((k) => kernelPenalty(regularizer, k));
}

/** Keras's total: ops.sum([data loss, *penalties]) (summed through a stack, as sumScalars explains). */
export function withPenalties(dataLoss: tf.Scalar, terms: tf.Scalar[]): tf.Scalar {
  return terms.length === 0 ? dataLoss : sumScalars([dataLoss, ...terms]);
}
