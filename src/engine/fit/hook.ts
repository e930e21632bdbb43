import * as tf from '@tensorflow/tfjs';
import type { EpochRecord } from './types';

/** What the hooks hear of one combined read. */
export interface Reading {
  /** Epochs finished since the previous read, oldest first, with their logs; hooks add what they read. */
  epochs: EpochRecord[];
  /** The run pauses or ends right after this read. */
  finishing: boolean;
}

/**
 * A concern hooked on the fit loop, as Keras's callbacks are (History, TerminateOnNaN,
 * BackupAndRestore…). Hooks keep what they take on the device until the loop's next read,
 * which brings everything back in one transfer.
 */
export interface FitHook {
  /** A run (start or step) begins. */
  onTrainBegin?(): void;
  /** After each batch, with its number of samples. */
  onBatchEnd?(samples: number): void;
  /** After an epoch's logs are taken; `epoch` counts from 1, as in EpochRecord. */
  onEpochEnd?(epoch: number): void;
  /** Device tensors (scalars or vectors) for the next read; the reader disposes them. */
  tensorsToRead?(): tf.Tensor[];
  /** Their values, in the same order; called on every read, even one with nothing to read. */
  received?(values: Float32Array[], reading: Reading): void;
  /** A Spanish reason why the run cannot go on, once there is one. */
  stopReason?(): string | null;
  /** Frees what waits on the device for a read (the run is torn down). */
  discard?(): void;
}

/**
 * Vectors taken at epoch ends that wait on the device for the next read, each with its
 * epoch and whatever else its hook needs to make sense of it.
 */
export class PerEpoch<Extra> {
  private waiting: { epoch: number; tensor: tf.Tensor; extra: Extra }[] = [];
  private inFlight: { epoch: number; extra: Extra }[] = [];

  add(epoch: number, tensor: tf.Tensor, extra: Extra): void {
    this.waiting.push({ epoch, tensor, extra });
  }

  /** Hands the waiting tensors to the reader. */
  take(): tf.Tensor[] {
    const taken = this.waiting;
    this.waiting = [];
    this.inFlight = taken.map(({ epoch, extra }) => ({ epoch, extra }));
    return taken.map((w) => w.tensor);
  }

  /** Pairs each value read with the epoch and extra it was taken with. */
  each(values: Float32Array[], use: (value: Float32Array, epoch: number, extra: Extra) => void): void {
    this.inFlight.forEach(({ epoch, extra }, i) => use(values[i], epoch, extra));
    this.inFlight = [];
  }

  discard(): void {
    tf.dispose(this.waiting.map((w) => w.tensor));
    this.waiting = [];
    this.inFlight = [];
  }
}

/** The record of `epoch` among those just read. */
export function recordOf(reading: Reading, epoch: number): EpochRecord {
  return reading.epochs.find((r) => r.epoch === epoch)!;
}
