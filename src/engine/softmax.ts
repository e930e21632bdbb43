import * as tf from '@tensorflow/tfjs';
import { EngineInputError } from './errors';
import { LOSSES } from './losses';
import { tools as say } from './messages';

/**
 * Softmax and categorical cross-entropy on one vector of logits, with the gradient at the
 * logits computed twice: by the formula ŷ − y and by automatic differentiation through
 * softmax and the engine's own loss. Both in float32 on the active backend.
 */
export interface SoftmaxInspection {
  probabilities: number[];
  loss: number;
  /** ŷ − y. */
  analytic: number[];
  /** ∂L/∂z from tf.grad. */
  autodiff: number[];
  maxDifference: number;
}

/**
 * Logits are kept within ±LOGIT_LIMIT so the smallest probability stays far above Keras's
 * clipping ε = 1e-7 (e^−24 ≈ 4e-11 would be clipped and the two gradients would part).
 * With six classes and a spread of 12 the smallest probability is above 1e-6.
 */
export const LOGIT_LIMIT = 6;

export async function inspectSoftmax(logits: number[], target: number): Promise<SoftmaxInspection> {
  if (logits.length < 2 || logits.some((z) => !Number.isFinite(z) || Math.abs(z) > LOGIT_LIMIT)) {
    throw new EngineInputError(say.logits(LOGIT_LIMIT));
  }
  if (!Number.isInteger(target) || target < 0 || target >= logits.length) {
    throw new EngineInputError(say.target(logits.length - 1));
  }
  const n = logits.length;
  const packed = tf.tidy(() => {
    const z = tf.tensor2d([logits], [1, n], 'float32');
    const y = tf.oneHot(tf.tensor1d([target], 'int32'), n).toFloat();
    const loss = (t: tf.Tensor) => LOSSES.categorical_crossentropy(y, tf.softmax(t));
    const p = tf.softmax(z);
    const autodiff = tf.grad(loss)(z);
    return tf.concat([tf.reshape(p, [-1]), tf.reshape(loss(z), [1]), tf.reshape(tf.sub(p, y), [-1]), tf.reshape(autodiff, [-1])]);
  });
  const data = Array.from(await packed.data());
  packed.dispose();
  const probabilities = data.slice(0, n);
  const analytic = data.slice(n + 1, 2 * n + 1);
  const autodiff = data.slice(2 * n + 1);
  const maxDifference = Math.max(...analytic.map((g, i) => Math.abs(g - autodiff[i])));
  return { probabilities, loss: data[n], analytic, autodiff, maxDifference };
}
