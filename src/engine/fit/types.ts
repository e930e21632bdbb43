import type { BackendChoice, BackendInfo } from '../backends';
import type { Logs } from '../callbacks';
import type { LoadProgress } from '../cifar10/load';
import type { DataSources } from '../data';
import type { WeightHistogram } from '../histograms';
import type { AugmentSpec } from '../spec';
import type { BlockInfo, PhaseMark } from '../transfer/run';
import type { BackendControl } from './recovery';

export type Status = 'idle' | 'training' | 'paused' | 'done' | 'diverged' | 'error';

/** One finished epoch. `epoch` counts from 1; `params` are the weights after it (watchParams). */
export interface EpochRecord {
  epoch: number;
  logs: Logs;
  params?: number[][];
  histograms?: WeightHistogram[];
}

/** Running means over the batches of the epoch in progress, as Keras's progress bar shows. */
export interface EpochProgress {
  /** Batches done in the current epoch. */
  batch: number;
  loss: number;
  accuracy: number | null;
}

/** A finished model measured on a whole set in inference mode, sample by sample. */
export interface Evaluation {
  loss: number;
  accuracy: number;
  labels: Uint8Array;
  predicted: Uint8Array;
  /** The probability the model gave its predicted class. */
  confidence: Float32Array;
}

/** Phase 2 of transfer learning: unfreeze the top blocks and train on with a small learning rate. */
export interface FineTunePlan {
  /** Top blocks of the base that train (1 … the number of blocks). */
  unfreeze: number;
  learningRate: number;
  /** Epochs to train in this phase. */
  epochs: number;
  /** Augmentation of this phase's training images, in front of the frozen part (../transfer/augmented.ts). */
  augment?: AugmentSpec;
}

/**
 * What the UI hears, at most once per `eventIntervalMs` (less often on a GPU, where each
 * read-back costs) and on every status change.
 */
export interface TrainerUpdate {
  status: Status;
  /** Spanish explanation for diverged, error, early stop, a user stop or a backend move. */
  message: string | null;
  /** Where the run is computing now (it changes if a GPU backend is lost). */
  backend: BackendChoice;
  /** Completed epochs. */
  epoch: number;
  epochs: number;
  batch: number;
  batchesPerEpoch: number;
  /** Epochs finished since the previous update (or all of them, in a snapshot). */
  history: EpochRecord[];
  /** Position of `history[0]` in the run's full history; 0 after a reset. */
  historyStart: number;
  params: number[][] | null;
  /** Loss (and accuracy) of the starting weights on the training data (watchParams). */
  initialLogs: Logs | null;
  /** Flat predictions for `watchInputs`, outputs per input in a row. */
  predictions: number[] | null;
  /** Per layer (hidden, then output), activations on `watchActivations`, [cells × units] row-major. */
  activations: Float32Array[] | null;
  /** The epoch in progress so far (runs with several batches per epoch). */
  progress: EpochProgress | null;
  samplesPerSecond: number | null;
  learningRate: number;
  tensorCount: number;
  /** Parameters that train now (it grows when a transfer run unfreezes blocks). */
  trainableCount: number;
  /** Transfer runs: where each phase began (phase 1 at epoch 0, then each fineTune). */
  phases: PhaseMark[];
}

export interface TrainerInfo {
  backend: BackendChoice;
  backends: BackendInfo[];
  paramCount: number;
  trainableCount: number;
  /** Transfer runs: the base's blocks, from the input side, with what each adds when unfrozen. */
  blocks?: BlockInfo[];
}

export interface TrainerOptions {
  onUpdate?: (update: TrainerUpdate) => void;
  /** Data loaded beforehand that specs refer to by kind (CIFAR-10). */
  sources?: DataSources;
  /** Minimum time between updates; also how often the loop reads results back. */
  eventIntervalMs?: number;
  /** Long preparations (caching a transfer run's activations) report here. */
  onProgress?: (progress: LoadProgress) => void;
  /** How backends are started and watched; tests inject a fake to lose a device mid-run. */
  backendControl?: BackendControl;
}
