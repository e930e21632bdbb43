import type * as tf from '@tensorflow/tfjs';
import { histogramTensor, readHistograms } from '../histograms';
import { PerEpoch, recordOf, type FitHook, type Reading } from './hook';

/** Each epoch's kernel histograms (TensorBoard's histograms tab), binned on the device. */
export class Histograms implements FitHook {
  private readonly waiting = new PerEpoch<string[]>();

  constructor(private readonly model: () => tf.LayersModel) {}

  onEpochEnd(epoch: number): void {
    const drawn = histogramTensor(this.model());
    this.waiting.add(epoch, drawn.values, drawn.layers);
  }

  tensorsToRead(): tf.Tensor[] {
    return this.waiting.take();
  }

  received(values: Float32Array[], reading: Reading): void {
    this.waiting.each(values, (value, epoch, layers) => (recordOf(reading, epoch).histograms = readHistograms(layers, value)));
  }

  discard(): void {
    this.waiting.discard();
  }
}
