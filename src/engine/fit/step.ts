import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../data';
import { correctCount } from '../metrics';
import type { Optimizer } from '../optimizers';
import { regularizedKernels, withPenalties } from '../regularizers';
import type { MlpSpec } from '../spec';
import { denseActivations, traceBatch, type PendingTrace } from '../trace';
import type { Scoring } from './evaluate';

/** What one step trains: the model, its trainable variables and their optimizer. */
export interface StepTarget {
  model: tf.LayersModel;
  variables: tf.Variable[];
  optimizer: Optimizer;
}

export interface StepResult {
  loss: tf.Scalar;
  correct: tf.Scalar | null;
}

/**
 * One training step in the order of the course's GradientTape loops: forward pass, loss,
 * gradients, update. Loss and correct count stay on the device. With a kernel regularizer
 * the loss is Keras's compute_loss total (data loss + each kernel's penalty,
 * keras/src/trainers/trainer.py): it is differentiated and it is the `loss` reported, as
 * Keras's train_step feeds the same total to the tape and to its loss tracker.
 */
export function trainStep({ model, variables, optimizer }: StepTarget, batch: Batch, score: Scoring): StepResult {
  let correct = null as tf.Scalar | null;
  const result = tf.variableGrads(() => {
    const prediction = model.apply(batch.x, { training: true }) as tf.Tensor;
    if (score.accuracy) correct = tf.keep(correctCount(score.lossName, batch.y, prediction));
    const dataLoss = score.loss(batch.y, prediction);
    return score.penalties ? withPenalties(dataLoss, score.penalties(regularizedKernels(model))) : dataLoss;
  }, variables);
  optimizer.apply(variables.map((v) => result.grads[v.name]));
  tf.dispose(result.grads);
  return { loss: result.value, correct };
}

/**
 * The same step written out layer by layer (plain Dense stacks only); the optimizer uses
 * the trace's own gradients, so the numbers shown are the numbers used.
 */
export function tracedStep(
  { variables, optimizer }: StepTarget,
  batch: Batch,
  score: Scoring,
  model: MlpSpec,
): StepResult & { trace: PendingTrace } {
  const step = optimizer.iterations;
  const learningRate = optimizer.learningRate;
  const activations = denseActivations(model);
  const traced = traceBatch(variables, activations, batch.x, batch.y, score.loss, score.penalties);
  optimizer.apply(traced.grads);
  tf.dispose(traced.grads);
  const updated = activations.map((_, i) => [tf.clone(variables[2 * i]), tf.clone(variables[2 * i + 1])]);
  const trace: PendingTrace = {
    step,
    learningRate,
    optimizer: optimizer.name,
    activations,
    y: tf.clone(batch.y),
    loss: tf.clone(traced.loss),
    layers: traced.layers,
    updated,
  };
  const correct = score.accuracy ? correctCount(score.lossName, batch.y, traced.layers.at(-1)![4]) : null;
  return { loss: traced.loss, correct, trace };
}
