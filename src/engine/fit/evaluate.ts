import * as tf from '@tensorflow/tfjs';
import { disposeBatch, epochBatches, type Dataset, type LabelledDataset } from '../data';
import { LOSSES, type LossFn } from '../losses';
import { correctCount } from '../metrics';
import { penalties, regularizedKernels, withPenalties, type Penalties } from '../regularizers';
import type { LossName, RunSpec } from '../spec';
import { averageBatches } from './epochMetrics';
import type { Evaluation } from './types';

/** How a run measures a model: its loss, and whether it counts correct answers too. */
export interface Scoring {
  loss: LossFn;
  lossName: LossName;
  accuracy: boolean;
  /** Kernel regularization added to the data loss (Keras's Layer.losses), or null. */
  penalties: Penalties | null;
}

export function scoring(spec: RunSpec): Scoring {
  return {
    loss: LOSSES[spec.loss],
    lossName: spec.loss,
    accuracy: (spec.metrics ?? []).includes('accuracy'),
    penalties: spec.model.kind !== 'transfer' ? penalties(spec.model.kernelRegularizer) : null,
  };
}

/**
 * The regularization terms of the model's current weights, for an evaluation. Keras's
 * test_step calls compute_loss, which adds Layer.losses whatever `training` is
 * (keras/src/trainers/trainer.py), so val_loss and evaluate()'s loss include them.
 */
function evaluationPenalties(model: tf.LayersModel, score: Scoring): tf.Scalar[] {
  return score.penalties ? tf.tidy(() => score.penalties!(regularizedKernels(model))) : [];
}

/** Loss (and accuracy) over a whole dataset in inference mode, on the device. */
export function evaluateOn(
  model: tf.LayersModel,
  dataset: Dataset,
  score: Scoring,
  batchSize = dataset.size,
): { loss: tf.Scalar; accuracy: tf.Scalar | null } {
  const losses: tf.Scalar[] = [];
  const correct: tf.Scalar[] = [];
  const sizes: number[] = [];
  const terms = evaluationPenalties(model, score);
  for (const selection of epochBatches(null, dataset.size, batchSize)) {
    const batch = dataset.take(selection);
    const prediction = tf.tidy(() => model.apply(batch.x, { training: false }) as tf.Tensor);
    // Per batch, as Keras's loss tracker sees each test_step's total.
    losses.push(tf.tidy(() => withPenalties(score.loss(batch.y, prediction), terms)));
    if (score.accuracy) correct.push(correctCount(score.lossName, batch.y, prediction));
    sizes.push(batch.x.shape[0]);
    prediction.dispose();
    disposeBatch(batch);
  }
  tf.dispose(terms);
  return averageBatches(losses, correct, sizes);
}

/** The model on a labelled set, sample by sample, in inference mode; one read at the end. */
export async function evaluateSamples(
  model: tf.LayersModel,
  test: LabelledDataset,
  score: Scoring,
  batchSize: number,
): Promise<Evaluation> {
  const losses: tf.Scalar[] = [];
  const terms = evaluationPenalties(model, score);
  const sizes: number[] = [];
  const outputs: tf.Tensor[] = [];
  for (const selection of epochBatches(null, test.size, batchSize)) {
    const batch = test.take(selection);
    tf.tidy(() => {
      const probabilities = model.apply(batch.x, { training: false }) as tf.Tensor2D;
      losses.push(tf.keep(withPenalties(score.loss(batch.y, probabilities), terms)));
      outputs.push(tf.keep(tf.concat([tf.cast(tf.argMax(probabilities, -1), 'float32'), tf.max(probabilities, -1)])));
    });
    sizes.push(batch.x.shape[0]);
    disposeBatch(batch);
  }
  const averaged = averageBatches(losses, [], sizes).loss;
  const joined = tf.tidy(() => tf.concat([tf.reshape(averaged, [1]), ...outputs]));
  const data = (await joined.data()) as Float32Array;
  tf.dispose([averaged, joined, ...outputs, ...terms]);
  const labels = new Uint8Array(test.size);
  const predicted = new Uint8Array(test.size);
  const confidence = new Float32Array(test.size);
  let offset = 1;
  let at = 0;
  let hits = 0;
  for (const n of sizes) {
    for (let i = 0; i < n; i++, at++) {
      labels[at] = test.label(at);
      predicted[at] = data[offset + i];
      confidence[at] = data[offset + n + i];
      if (labels[at] === predicted[at]) hits += 1;
    }
    offset += 2 * n;
  }
  return { loss: data[0], accuracy: hits / test.size, labels, predicted, confidence };
}
