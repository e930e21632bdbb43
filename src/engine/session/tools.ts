import type { BackendChoice } from '../backends';
import { featureMaps, type FeatureMaps, type Padding } from '../convolution';
import { estimatedParams } from '../models';
import type { BackendPreference, PlainModelSpec } from '../spec';
import { inspectSoftmax, type SoftmaxInspection } from '../softmax';
import type { BackendGuard } from './backendGuard';

/**
 * Single computations the lessons show without a training run, each on the backend the
 * student picked (through the guard, so a run's backend is never moved).
 */
export class Tools {
  constructor(private readonly guard: BackendGuard) {}

  /** One 3×3 filter over a grey image (the convolution widget). */
  convolve(
    gray: number[],
    side: number,
    kernel: number[],
    stride: 1 | 2,
    padding: Padding,
    preference: BackendPreference,
  ): Promise<FeatureMaps & { backend: BackendChoice }> {
    return this.guard.withBackend(preference, { params: 9, convolution: true }, () => featureMaps(gray, side, kernel, stride, padding));
  }

  /** An MLP's or a CNN's parameters, counted from its spec as Keras counts them: shown before any data exists. */
  paramCount(model: PlainModelSpec): number {
    return estimatedParams(model);
  }

  /** Softmax, loss and both gradients (the softmax widget). */
  inspectSoftmax(logits: number[], target: number, preference: BackendPreference): Promise<SoftmaxInspection & { backend: BackendChoice }> {
    return this.guard.withBackend(preference, { params: logits.length, convolution: false }, () => inspectSoftmax(logits, target));
  }
}
