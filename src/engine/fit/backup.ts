import type * as tf from '@tensorflow/tfjs';
import { packState, type Checkpoint } from '../checkpoint';
import type { Optimizer } from '../optimizers';
import { PerEpoch, type FitHook } from './hook';

/**
 * How often a GPU run copies its state to main memory, in case the GPU is lost: every
 * second for small models, less often for big ones (about 40 s for the 6.3 M-parameter MLP
 * with Adam's two slots), so the copies cost a few percent of training at most.
 */
function checkpointInterval(stateSize: number): number {
  return Math.max(1000, stateSize / 500);
}

/** What a backup copies: the weights and the optimizer that trains them. */
export interface BackupTarget {
  model: tf.LayersModel;
  optimizer: Optimizer;
  /** Numbers in a checkpoint: every weight and every optimizer slot. */
  stateSize: number;
}

/**
 * Keras's BackupAndRestore for backends that can die under a run (GPUs): now and then, at
 * the end of an epoch, weights and optimizer slots ride along with the next read into main
 * memory, where recovery finds them.
 */
export class Backup implements FitHook {
  /** The latest copy in main memory. */
  checkpoint: Checkpoint | null = null;
  private lastTaken = -Infinity;
  private readonly waiting = new PerEpoch<{ iterations: number; learningRate: number }>();

  constructor(
    private readonly target: () => BackupTarget,
    private readonly enabled: () => boolean,
  ) {}

  /**
   * Small states are copied from the first epoch on (it is nearly free); big ones only once
   * their interval has passed, so short runs never pay for a copy.
   */
  startClock(): void {
    this.lastTaken = checkpointInterval(this.target().stateSize) <= 1000 ? -Infinity : performance.now();
  }

  onEpochEnd(epoch: number): void {
    if (!this.enabled()) return;
    const { model, optimizer, stateSize } = this.target();
    const now = performance.now();
    if (now - this.lastTaken < checkpointInterval(stateSize)) return;
    this.lastTaken = now;
    this.waiting.add(epoch, packState(model, optimizer), { iterations: optimizer.iterations, learningRate: optimizer.learningRate });
  }

  tensorsToRead(): tf.Tensor[] {
    return this.waiting.take();
  }

  received(values: Float32Array[]): void {
    // A copy, so the checkpoint does not hold the whole read's buffer.
    this.waiting.each(
      values,
      (value, epoch, { iterations, learningRate }) => (this.checkpoint = { epoch, iterations, learningRate, values: value.slice() }),
    );
  }

  /** A copy right now, read on its own (a new phase begins: a lost backend resumes it, not the last one). */
  async takeNow(epoch: number): Promise<void> {
    if (!this.enabled()) return;
    const { model, optimizer } = this.target();
    const tensor = packState(model, optimizer);
    const values = (await tensor.data()) as Float32Array;
    tensor.dispose();
    this.checkpoint = { epoch, iterations: optimizer.iterations, learningRate: optimizer.learningRate, values };
  }

  discard(): void {
    this.waiting.discard();
  }
}
