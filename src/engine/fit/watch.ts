import * as tf from '@tensorflow/tfjs';
import type { Logs } from '../callbacks';
import { flatten } from '../checkpoint';
import { weightSizes } from '../models';
import type { PlainModelSpec, RunSpec } from '../spec';
import { ActivationGrid, drawnUnits } from './activations';
import { evaluateOn, type Scoring } from './evaluate';
import { PerEpoch, recordOf, type FitHook, type Reading } from './hook';
import type { RunSource } from './source';

/** Current weights as plain numbers (reads from the device). */
export async function readWeights(model: tf.LayersModel): Promise<number[][]> {
  return Promise.all(model.getWeights().map(async (w) => Array.from(await w.data())));
}

/**
 * What the toy widgets draw: the weights after every epoch (`watchParams`, with the
 * starting weights' loss), the predictions for `watchInputs` and every layer's activations
 * on `watchActivations` after each read that follows new weights.
 */
export class Watched implements FitHook {
  params: number[][] | null = null;
  /** Loss (and accuracy) of the starting weights on the training data. */
  initialLogs: Logs | null = null;
  /** Flat predictions for `watchInputs`, outputs per input in a row. */
  predictions: number[] | null = null;
  /** Per drawn layer (hidden, then output), activations on `watchActivations`, [cells × units] row-major. */
  activations: Float32Array[] | null = null;
  private readonly waiting = new PerEpoch<null>();
  private inputs: tf.Tensor | null = null;
  private predictNext = false;
  private predicting = false;
  private readonly grid: ActivationGrid | null;

  constructor(
    private readonly spec: RunSpec,
    private readonly score: Scoring,
    private readonly source: () => RunSource,
  ) {
    const cells = spec.watchActivations;
    this.grid = cells && spec.model.kind === 'mlp' ? new ActivationGrid(cells, drawnUnits(spec.model)) : null;
  }

  /** What the page draws of the model, for the run's update. */
  drawn(): Pick<Watched, 'params' | 'initialLogs' | 'predictions' | 'activations'> {
    const { params, initialLogs, predictions, activations } = this;
    return { params, initialLogs, predictions, activations };
  }

  /** What the page draws before the first update: weights, their loss, their predictions. */
  async readInitial(): Promise<void> {
    this.params = null;
    this.initialLogs = null;
    this.predictions = null;
    this.activations = null;
    if (this.spec.watchParams) {
      const { model, train } = this.source();
      this.params = await readWeights(model);
      const { loss, accuracy } = evaluateOn(model, train, this.score, this.spec.batchSize);
      const values = accuracy ? [loss, accuracy] : [loss];
      const read = await Promise.all(values.map((v) => v.data()));
      tf.dispose(values);
      this.initialLogs = accuracy ? { loss: read[0][0], accuracy: read[1][0] } : { loss: read[0][0] };
    }
    await this.readPredictions();
  }

  /** The weights changed outside training (a loaded model). */
  async refreshParams(): Promise<void> {
    if (this.spec.watchParams) this.params = await readWeights(this.source().model);
  }

  /** Weights and predictions again (the run was rebuilt from a backup). */
  async refresh(): Promise<void> {
    await this.refreshParams();
    await this.readPredictions();
  }

  onEpochEnd(epoch: number): void {
    if (this.spec.watchParams) this.waiting.add(epoch, flatten(this.source().model.getWeights()), null);
    this.predictNext = this.spec.watchInputs !== undefined || this.grid !== null;
  }

  tensorsToRead(): tf.Tensor[] {
    this.predicting = this.predictNext;
    this.predictNext = false;
    return [...this.waiting.take(), ...(this.predicting ? this.drawings() : [])];
  }

  received(values: Float32Array[], reading: Reading): void {
    this.waiting.each(values, (value, epoch) => {
      this.params = this.split(value);
      recordOf(reading, epoch).params = this.params;
    });
    if (this.predicting) this.keepDrawings(values.slice(values.length - this.drawingCount()));
    this.predicting = false;
  }

  discard(): void {
    this.waiting.discard();
    this.inputs?.dispose();
    this.inputs = null;
    this.grid?.discard();
    this.predictNext = false;
    this.predicting = false;
  }

  private async readPredictions(): Promise<void> {
    const drawings = this.drawings();
    const values = await Promise.all(drawings.map((t) => t.data() as Promise<Float32Array>));
    tf.dispose(drawings);
    this.keepDrawings(values);
  }

  /** The predictions on `watchInputs` and the layers' activations on the grid, those the spec asks for. */
  private drawings(): tf.Tensor[] {
    return [...(this.spec.watchInputs ? [this.predict()] : []), ...(this.grid ? [this.grid.compute(this.source().model)] : [])];
  }

  private drawingCount(): number {
    return (this.spec.watchInputs ? 1 : 0) + (this.grid ? 1 : 0);
  }

  private keepDrawings(values: Float32Array[]): void {
    if (this.spec.watchInputs) this.predictions = Array.from(values[0]);
    if (this.grid) this.activations = this.grid.split(values.at(-1)!);
  }

  private predict(): tf.Tensor1D {
    // Built on the backend that trains now (again after a backend move).
    const inputs = (this.inputs ??= tf.tensor2d(this.spec.watchInputs!, undefined, 'float32'));
    const { model } = this.source();
    return tf.tidy(() => tf.reshape(model.apply(inputs, { training: false }) as tf.Tensor, [-1]));
  }

  private split(flat: Float32Array): number[][] {
    const out: number[][] = [];
    let offset = 0;
    for (const size of weightSizes(this.spec.model as PlainModelSpec)) {
      out.push(Array.from(flat.subarray(offset, offset + size)));
      offset += size;
    }
    return out;
  }
}
