import * as tf from '@tensorflow/tfjs';
import type { CallbackSpec, EarlyStoppingSpec, LearningRateSchedulerSpec } from './spec';

export type Logs = Record<string, number>;

/** What a callback may touch: hooks on the one loop, as in Keras. */
export interface CallbackContext {
  getWeights(): tf.Tensor[];
  setWeights(values: tf.Tensor[]): void;
  learningRate: number;
  stopTraining: boolean;
}

export interface Callback {
  /** True when the callback reads epoch logs, so the loop must read them every epoch. */
  readonly needsLogs: boolean;
  /** Adds the epoch's learning rate to its logs as `learning_rate` (Keras 3's schedulers do). */
  readonly logsLearningRate?: boolean;
  onEpochBegin?(epoch: number, ctx: CallbackContext): void;
  onEpochEnd?(epoch: number, logs: Logs, ctx: CallbackContext): void;
  /** A short Spanish note for the UI about what the callback did, if anything. */
  report?(): string | null;
  dispose(): void;
}

type Mode = 'min' | 'max';

/** Keras's 'auto' mode: maximise anything that looks like accuracy, minimise the rest. */
function resolveMode(monitor: string, mode: 'auto' | Mode | undefined): Mode {
  if (mode && mode !== 'auto') return mode;
  return monitor.includes('acc') ? 'max' : 'min';
}

function disposeAll(ts: tf.Tensor[] | null): void {
  ts?.forEach((t) => t.dispose());
}

/**
 * Keras EarlyStopping: an epoch improves when it beats the best by more than min_delta;
 * after `patience` epochs without improvement training stops, and with
 * restore_best_weights the best epoch's weights come back (only when it stops early,
 * as Keras 2 does).
 */
export class EarlyStopping implements Callback {
  readonly needsLogs = true;
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly mode: Mode;
  readonly baseline: number | undefined;
  readonly restoreBestWeights: boolean;
  wait = 0;
  best: number;
  bestEpoch = -1;
  stoppedEpoch = -1;
  private bestWeights: tf.Tensor[] | null = null;

  constructor(spec: Omit<EarlyStoppingSpec, 'name'> = {}) {
    this.monitor = spec.monitor ?? 'val_loss';
    this.minDelta = Math.abs(spec.minDelta ?? 0);
    this.patience = spec.patience ?? 0;
    this.mode = resolveMode(this.monitor, spec.mode);
    this.baseline = spec.baseline;
    this.restoreBestWeights = spec.restoreBestWeights ?? false;
    this.best = this.mode === 'min' ? Infinity : -Infinity;
  }

  private improves(current: number, reference: number): boolean {
    return this.mode === 'min' ? current + this.minDelta < reference : current - this.minDelta > reference;
  }

  private keepWeights(ctx: CallbackContext): void {
    disposeAll(this.bestWeights);
    this.bestWeights = ctx.getWeights();
  }

  onEpochEnd(epoch: number, logs: Logs, ctx: CallbackContext): void {
    const current = logs[this.monitor];
    if (current === undefined || Number.isNaN(current)) return;
    if (this.restoreBestWeights && this.bestWeights === null) this.keepWeights(ctx);
    this.wait += 1;
    if (this.improves(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.keepWeights(ctx);
      if (this.baseline === undefined || this.improves(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      ctx.stopTraining = true;
      if (this.restoreBestWeights && this.bestWeights) ctx.setWeights(this.bestWeights);
    }
  }

  report(): string | null {
    if (this.stoppedEpoch < 0) return null;
    const restored = this.restoreBestWeights ? ` Se restauraron los pesos de la mejor época (${this.bestEpoch + 1}).` : '';
    return `Parada temprana en la época ${this.stoppedEpoch + 1}: ${this.monitor} no mejoró en ${this.patience} épocas.${restored}`;
  }

  dispose(): void {
    disposeAll(this.bestWeights);
    this.bestWeights = null;
  }
}

/**
 * Keras LearningRateScheduler: before each epoch, lr ← schedule(epoch, lr); after it, the rate
 * the epoch used goes into its logs (and so into CSVLogger's file) as `learning_rate`.
 */
export class LearningRateScheduler implements Callback {
  readonly needsLogs = false;
  readonly logsLearningRate = true;
  constructor(private readonly schedule: (epoch: number, lr: number) => number) {}

  onEpochBegin(epoch: number, ctx: CallbackContext): void {
    ctx.learningRate = this.schedule(epoch, ctx.learningRate);
  }

  dispose(): void {}
}

export function scheduleFromSpec(spec: LearningRateSchedulerSpec['schedule']): (epoch: number, lr: number) => number {
  const factor = Math.exp(spec.rate);
  return (epoch, lr) => (epoch < spec.holdEpochs ? lr : lr * factor);
}

export function createCallback(spec: CallbackSpec): Callback {
  switch (spec.name) {
    case 'early_stopping':
      return new EarlyStopping(spec);
    case 'lr_scheduler':
      return new LearningRateScheduler(scheduleFromSpec(spec.schedule));
  }
}
