import * as tf from '@tensorflow/tfjs';
import { Augmenter, type ImageShape } from '../augment';
import type { BackendWatch } from '../backends';
import type { Callback, CallbackContext } from '../callbacks';
import { disposeBatch, epochBatches, epochOrder, type Batch, type BatchSelection } from '../data';
import { training as say } from '../messages';
import type { Optimizer } from '../optimizers';
import type { MlpSpec, RunSpec } from '../spec';
import { disposeTrace, readTrace, type PendingTrace, type StepTrace } from '../trace';
import { EpochMetrics, type EpochLogs } from './epochMetrics';
import { BatchPacer } from './pacer';
import { evaluateOn, type Scoring } from './evaluate';
import type { FitHook, Reading } from './hook';
import { readTogether } from './read';
import type { RunSource } from './source';
import { tracedStep, trainStep, type StepResult } from './step';
import type { Status } from './types';

/*
 * The fit loop, in the spirit of Keras's epoch_iterator.py. Separation of concerns:
 * - loop.ts (this file): run modes (continuous, one batch, one epoch), iterating batches
 *   and epochs, calling the Keras callbacks (callbacks.ts) and the hooks at epoch ends.
 *   It returns why it stopped; the Trainer alone writes the run's status and message.
 * - step.ts: one training step (forward pass, loss, gradients, update), plain or traced.
 *   Kernel regularization (../regularizers.ts) joins the loss there and in evaluate.ts;
 *   augmentation (../augment.ts) is applied here, to training batches only.
 * - epochMetrics.ts: per-batch results accumulated on the device into epoch logs.
 * - evaluate.ts: loss and accuracy over a dataset; the per-sample test evaluation.
 * - read.ts: the single device→host read per update.
 * - hook.ts: what a hook is. history.ts, watch.ts (watched weights and predictions),
 *   histograms.ts, divergence.ts (TerminateOnNaN), speed.ts and backup.ts
 *   (BackupAndRestore) implement it.
 * - recovery.ts: moving a run to another backend when a GPU is lost.
 * - source.ts: where a run's model and data come from (transfer runs: ../transfer/source.ts).
 * - types.ts: what a run reports (status, epoch records, the Trainer's updates).
 */

export type RunMode = 'continuous' | 'batch' | 'epoch';

/** Why the loop stopped: the status the run takes, and the Spanish reason, if any. */
export interface Outcome {
  status: Extract<Status, 'done' | 'paused' | 'diverged'>;
  message: string | null;
}

/** What the loop trains; rebuilt after a phase change or a backend move. */
export interface Trainable {
  source: RunSource;
  variables: tf.Variable[];
  optimizer: Optimizer;
  callbacks: Callback[];
}

/** What the loop needs from the run that owns it. */
export interface LoopHost {
  trainable(): Trainable;
  watch(): BackendWatch;
  /** True when the page is due an update (the read interval has passed). */
  updateDue(): boolean;
  /** Results were read back mid-run: tell the page. */
  update(): void;
}

/** Lets queued messages (pause, stop) in without the 4 ms clamp nested timeouts get. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * The one training loop. Every batch runs forward pass, loss, gradients and update in that
 * order, exactly as the course's GradientTape loops do. Results stay on the device until
 * a read, which brings the epochs' logs and everything the hooks took in one transfer.
 */
export class FitLoop {
  /** Completed epochs. */
  epoch = 0;
  batchInEpoch = 0;
  batches: BatchSelection[] = [];
  /** The epoch the run trains up to (phase 2 moves it). */
  epochLimit: number;
  pauseRequested = false;
  stopRequested = false;
  readonly metrics = new EpochMetrics();
  private readonly hooks: FitHook[];
  /** Finished epochs whose logs wait on the device for the next read. */
  private waiting: (EpochLogs & { epoch: number; learningRate?: number })[] = [];
  private traceNext = false;
  private trace: PendingTrace | null = null;
  private readonly augmenter: Augmenter | null;
  private readonly pacer = new BatchPacer();

  constructor(
    private readonly spec: RunSpec,
    private readonly score: Scoring,
    hooks: FitHook[],
    private readonly host: LoopHost,
  ) {
    this.epochLimit = spec.epochs;
    this.hooks = [this.metrics, ...hooks];
    this.augmenter = Augmenter.create(spec.augment, spec.seed);
  }

  /** A run (start or step) begins: pause and stop requests are forgotten. */
  begin(): void {
    this.pauseRequested = false;
    this.stopRequested = false;
    this.pacer.restart();
    this.hooks.forEach((h) => h.onTrainBegin?.());
  }

  /** Trains in `mode` until the epochs run out, something stops it, or pause/stop is asked. */
  async run(mode: RunMode): Promise<Outcome> {
    while (true) {
      if (this.epoch >= this.epochLimit) return this.finish('done', null);
      if (this.batchInEpoch === 0) this.beginEpoch();
      this.trainBatch();
      let epochEnded = false;
      if (this.batchInEpoch === this.batches.length) {
        epochEnded = true;
        const stopped = await this.endEpoch();
        if (stopped) return stopped;
      }
      if (this.epoch >= this.epochLimit) return this.finish('done', null);
      if (mode === 'batch' || (mode === 'epoch' && epochEnded) || this.pauseRequested) return this.finish('paused', null);
      if (this.stopRequested) return this.finish('done', say.stopped);
      if (this.host.updateDue() || this.pacer.due()) {
        await this.read();
        const stopped = this.hookStop();
        if (stopped) return stopped;
        this.host.update();
        await yieldToEventLoop();
        // A pause or stop that came in while the device caught up takes effect before the next batch.
        if (this.pauseRequested) return this.finish('paused', null);
        if (this.stopRequested) return this.finish('done', say.stopped);
      }
    }
  }

  /** Reads what is pending; a finished run drops its partial epoch, a paused one keeps it. */
  async finish(status: 'done' | 'paused', message: string | null): Promise<Outcome> {
    await this.read();
    const stopped = this.hookStop();
    if (stopped) return stopped;
    if (status === 'done') this.metrics.discard();
    return { status, message };
  }

  /** Brings every finished epoch and what the hooks took back in one read, and hands it out. */
  async read(): Promise<Reading> {
    const epochs = this.waiting;
    this.waiting = [];
    const requests = [epochs.flatMap((e) => e.values), ...this.hooks.map((h) => h.tensorsToRead?.() ?? [])];
    const [logged, ...values] = await readTogether(requests, this.host.watch());
    this.pacer.read();
    let at = 0;
    const reading: Reading = {
      epochs: epochs.map(({ epoch, names, learningRate }) => {
        const logs: Record<string, number> = Object.fromEntries(names.map((name) => [name, logged[at++][0]]));
        if (learningRate !== undefined) logs.learning_rate = learningRate;
        return { epoch, logs };
      }),
      finishing: this.pauseRequested || this.stopRequested || this.epoch >= this.epochLimit,
    };
    this.hooks.forEach((h, i) => h.received?.(values[i], reading));
    return reading;
  }

  /** Runs `step` with the next batch traced, and reads the trace back. */
  async traced(step: () => Promise<void>): Promise<StepTrace | null> {
    this.dropTrace();
    this.traceNext = true;
    try {
      await step();
    } finally {
      this.traceNext = false;
    }
    const pending = this.trace;
    this.trace = null;
    return pending ? readTrace(pending) : null;
  }

  /** Starts the current epoch again (a phase change drops an epoch half done). */
  restartEpoch(): void {
    this.metrics.discard();
    this.batchInEpoch = 0;
    this.batches = [];
  }

  /** Frees everything that waits on the device (the run is torn down). */
  discard(): void {
    this.waiting.forEach((e) => tf.dispose(e.values));
    this.waiting = [];
    this.hooks.forEach((h) => h.discard?.());
    this.dropTrace();
  }

  private hookStop(): Outcome | null {
    for (const hook of this.hooks) {
      const reason = hook.stopReason?.();
      if (reason) return { status: 'diverged', message: reason };
    }
    return null;
  }

  private dropTrace(): void {
    if (this.trace) disposeTrace(this.trace);
    this.trace = null;
  }

  private callbackContext(): CallbackContext {
    const { source, optimizer } = this.host.trainable();
    return {
      getWeights: () => source.model.getWeights().map((w) => w.clone()),
      setWeights: (values) => source.model.setWeights(values),
      learningRate: optimizer.learningRate,
      stopTraining: false,
    };
  }

  private beginEpoch(): void {
    const { source, optimizer, callbacks } = this.host.trainable();
    const shuffle = this.spec.shuffle ?? false;
    // In order, every epoch has the same batches: cut them once.
    if (shuffle || this.batches.length === 0) {
      const order = epochOrder(source.train.size, this.spec.seed, this.epoch, shuffle);
      this.batches = epochBatches(order, source.train.size, this.spec.batchSize ?? source.train.size);
    }
    if (callbacks.length === 0) return;
    const ctx = this.callbackContext();
    callbacks.forEach((c) => c.onEpochBegin?.(this.epoch, ctx));
    optimizer.learningRate = ctx.learningRate;
  }

  private trainBatch(): void {
    const { source, variables, optimizer } = this.host.trainable();
    const target = { model: source.model, variables, optimizer };
    const taken = source.train.take(this.batches[this.batchInEpoch]);
    const batch = this.augmented(taken, source.train.imageShape);
    const samples = batch.x.shape[0];
    let result: StepResult;
    if (this.traceNext) {
      const traced = tracedStep(target, batch, this.score, this.spec.model as MlpSpec);
      this.trace = traced.trace;
      result = traced;
    } else {
      result = trainStep(target, batch, this.score);
    }
    if (batch !== taken) batch.x.dispose();
    disposeBatch(taken);
    this.metrics.add(result.loss, result.correct, samples);
    this.pacer.batchQueued();
    this.hooks.forEach((h) => h.onBatchEnd?.(samples));
    this.batchInEpoch += 1;
  }

  /** The training batch after the run's augmentation (Keras's preprocessing layers with training=True). */
  private augmented(batch: Batch, shape: ImageShape | undefined): Batch {
    if (!this.augmenter) return batch;
    if (!shape) throw new Error(say.augmentNeedsImages);
    return { ...batch, x: this.augmenter.apply(batch.x, shape, this.epoch, this.batchInEpoch) };
  }

  /** Closes the epoch; when a Keras callback reads logs, they are read now and it may stop the run. */
  private async endEpoch(): Promise<Outcome | null> {
    const { source, optimizer, callbacks } = this.host.trainable();
    const logs = this.metrics.epochLogs();
    if (source.validation) {
      const val = evaluateOn(source.model, source.validation, this.score, this.spec.batchSize);
      logs.names.push('val_loss');
      logs.values.push(val.loss);
      if (val.accuracy) {
        logs.names.push('val_accuracy');
        logs.values.push(val.accuracy);
      }
    }
    this.epoch += 1;
    this.batchInEpoch = 0;
    const learningRate = callbacks.some((c) => c.logsLearningRate) ? optimizer.learningRate : undefined;
    this.waiting.push({ epoch: this.epoch, ...logs, learningRate });
    this.hooks.forEach((h) => h.onEpochEnd?.(this.epoch));

    if (!callbacks.some((c) => c.needsLogs)) return null;
    const reading = await this.read();
    const stopped = this.hookStop();
    if (stopped) return stopped;
    const ctx = this.callbackContext();
    callbacks.forEach((c) => c.onEpochEnd?.(this.epoch - 1, reading.epochs.at(-1)!.logs, ctx));
    optimizer.learningRate = ctx.learningRate;
    if (!ctx.stopTraining) return null;
    return this.finish(
      'done',
      callbacks
        .map((c) => c.report?.())
        .filter(Boolean)
        .join(' ') || say.earlyStop,
    );
  }
}
