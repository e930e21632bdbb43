import * as tf from '@tensorflow/tfjs';
import { chooseBackend, probeBackends } from './backends';
import { createCallback } from './callbacks';
import { restoreState } from './checkpoint';
import { Backup } from './fit/backup';
import { Divergence } from './fit/divergence';
import { evaluateSamples, scoring, type Scoring } from './fit/evaluate';
import { Histograms } from './fit/histograms';
import { History } from './fit/history';
import { FitLoop, type Outcome, type RunMode, type Trainable } from './fit/loop';
import { liveBackends, Recovery, type Movable } from './fit/recovery';
import { openSource, type RunSource } from './fit/source';
import { Speed } from './fit/speed';
import type { EpochRecord, Evaluation, FineTunePlan, Status, TrainerInfo, TrainerOptions, TrainerUpdate } from './fit/types';
import { readWeights, Watched } from './fit/watch';
import { fineTune as sayFineTune, training as say } from './messages';
import { estimatedParams, modelNeedsConvolution } from './models';
import { createOptimizer } from './optimizers';
import { replaceWeights, saveModel } from './persistence';
import { UPDATE_INTERVAL_MS, updateInterval } from './throttle';
import type { RunSpec } from './spec';
import { assertTraceable, type StepTrace } from './trace';
import { validateRunSpec } from './validate';

export type { EpochProgress, EpochRecord, Evaluation, FineTunePlan, Status, TrainerInfo, TrainerOptions, TrainerUpdate } from './fit/types';

/**
 * One run: builds it, takes the controls, and alone decides its status and message. The
 * training itself is the fit loop's (fit/loop.ts); what the run trains comes from its
 * source (fit/source.ts).
 */
export class Trainer {
  private fit!: Trainable;
  private loop!: FitLoop;
  private history!: History;
  private watched!: Watched;
  private speed!: Speed;
  private backup!: Backup;
  private status: Status = 'idle';
  private message: string | null = null;
  private lastUpdate = 0;
  private running: Promise<void> | null = null;
  /** A long rebuild is under way: the loop is locked out, so no step meets a half-built run. */
  private preparing = false;
  private disposed = false;
  private readonly score: Scoring;
  private readonly recovery: Recovery;

  private constructor(
    private spec: RunSpec,
    readonly info: TrainerInfo,
    private readonly options: TrainerOptions,
    recovery: (trainer: Trainer) => Recovery,
  ) {
    this.score = scoring(spec);
    this.recovery = recovery(this);
  }

  /** Validates the spec, picks and starts a backend, and builds everything on it. */
  static async create(spec: RunSpec, options: TrainerOptions = {}): Promise<Trainer> {
    validateRunSpec(spec);
    const control = options.backendControl ?? liveBackends;
    const backends = await probeBackends();
    const needs = { params: estimatedParams(spec.model), convolution: modelNeedsConvolution(spec.model) };
    const backend = chooseBackend(spec.backend ?? 'auto', backends, needs);
    await control.activate(backend.name);
    const info: TrainerInfo = { backend, backends, paramCount: 0, trainableCount: 0 };
    const trainer = new Trainer(spec, info, options, () => new Recovery(control, backends, needs, backend.name));
    await trainer.startOver();
    return trainer;
  }

  /** A fresh run from the spec: phase 1, epoch 0, the initial weights read. */
  private async startOver(): Promise<void> {
    await this.prepare(async () => {
      this.fit = this.trainable(await openSource(this.spec, this.options));
    });
    const model = () => this.fit.source.model;
    this.history = new History();
    this.watched = new Watched(this.spec, this.score, () => this.fit.source);
    this.speed = new Speed();
    this.backup = new Backup(
      () => ({ model: model(), optimizer: this.fit.optimizer, stateSize: this.stateSize() }),
      () => this.recovery.canBeLost(this.info.backend.name),
    );
    const hooks = [
      this.history,
      this.watched,
      ...(this.spec.histograms ? [new Histograms(model)] : []),
      new Divergence(() => this.fit.optimizer.learningRate, this.notebookEpoch),
      this.speed,
      this.backup,
    ];
    this.loop = new FitLoop(this.spec, this.score, hooks, {
      trainable: () => this.fit,
      watch: () => this.recovery.watch,
      updateDue: () => performance.now() - this.lastUpdate >= updateInterval(this.info.backend.name, this.options.eventIntervalMs),
      update: () => this.emit(false),
    });
    this.backup.startClock();
    await this.watched.readInitial();
  }

  /** The optimizer and callbacks for what `source` trains now. */
  private trainable(source: RunSource): Trainable {
    const variables = source.model.trainableWeights.map((w) => w.read() as tf.Variable);
    const counts = source.counts();
    this.info.paramCount = counts.total;
    this.info.trainableCount = counts.trainable;
    if (source.blocks) this.info.blocks = source.blocks;
    return {
      source,
      variables,
      optimizer: createOptimizer(source.optimizerSpec, variables),
      callbacks: (this.spec.callbacks ?? []).map(createCallback),
    };
  }

  /** As notebooks number epochs: GradientTape loops print the loss before update k as k, from 0; fit counts from 1. */
  private readonly notebookEpoch = (epoch: number): number => (this.loop.batches.length <= 1 ? epoch - 1 : epoch);

  /** Numbers in a backup: every weight and every optimizer slot. */
  private stateSize(): number {
    return this.info.paramCount + this.fit.optimizer.slots.reduce((n, slot) => n + slot.size, 0);
  }

  private releaseTraining(): void {
    this.fit.callbacks.forEach((c) => c.dispose());
    this.fit.optimizer.dispose();
  }

  private teardown(): void {
    this.loop.discard();
    this.releaseTraining();
    this.fit.source.dispose();
  }

  /** How recovery rebuilds this run on another backend. */
  private readonly movable: Movable = {
    teardown: () => this.teardown(),
    rebuild: () =>
      this.prepare(async () => {
        await this.fit.source.build();
        this.fit = this.trainable(this.fit.source);
      }),
    resumeFrom: async (checkpoint) => {
      if (checkpoint) restoreState(this.fit.source.model, this.fit.optimizer, checkpoint);
      this.loop.epoch = checkpoint?.epoch ?? 0;
      this.loop.batchInEpoch = 0;
      this.history.truncate(this.loop.epoch);
      await this.watched.refresh();
      this.backup.startClock();
    },
  };

  get state(): Status {
    return this.status;
  }

  get completedEpochs(): number {
    return this.loop.epoch;
  }

  /** Every finished epoch so far (read back), oldest first. */
  getHistory(): EpochRecord[] {
    return this.history.all();
  }

  get learningRate(): number {
    return this.fit.optimizer.learningRate;
  }

  /** Current weights as plain numbers (reads from the device). */
  readWeights(): Promise<number[][]> {
    return readWeights(this.fit.source.model);
  }

  /** Trains until the epochs run out, a callback stops it, or pause/stop is asked. */
  start(): Promise<void> {
    if (this.preparing) return Promise.resolve();
    if (this.status === 'idle' || this.status === 'paused') return this.launch('continuous');
    return this.running ?? Promise.resolve();
  }

  /** Runs exactly one batch (or the rest of the current epoch) and pauses. */
  step(unit: 'batch' | 'epoch' = 'batch'): Promise<void> {
    if (this.preparing) return Promise.resolve();
    if (this.status === 'idle' || this.status === 'paused') return this.launch(unit);
    return this.running ?? Promise.resolve();
  }

  /**
   * One batch, like `step('batch')`, with every intermediate number of the forward and
   * backward pass (plain Dense stacks only). Null if the run cannot step now.
   */
  async traceStep(): Promise<StepTrace | null> {
    if (this.status !== 'idle' && this.status !== 'paused') return null;
    assertTraceable(this.spec.model);
    return this.loop.traced(() => this.step('batch'));
  }

  pause(): void {
    if (this.status === 'training') this.loop.pauseRequested = true;
  }

  /** Ends the run where it is; the weights trained so far stay. */
  async stop(): Promise<void> {
    if (this.status === 'training') {
      this.loop.stopRequested = true;
      await this.running;
    } else if (this.status === 'idle' || this.status === 'paused') {
      this.settle(await this.loop.finish('done', say.stopped));
    }
  }

  /** Back to the initial weights (from the seed, or the given initial values). */
  async reset(seed?: number): Promise<void> {
    if (this.running) {
      this.loop.stopRequested = true;
      await this.running;
    }
    this.teardown();
    if (seed !== undefined) this.spec = { ...this.spec, seed };
    this.message = null;
    await this.startOver();
    this.status = 'idle';
    this.emit(true);
  }

  /**
   * Phase 2 of transfer learning (see TransferSource.fineTune): the run goes on from the
   * current weights with a fresh optimizer and pauses, ready to continue; an epoch half
   * done is dropped.
   */
  async fineTune(plan: FineTunePlan): Promise<void> {
    if (this.status === 'training' || this.preparing) throw new Error(sayFineTune.pauseFirst);
    if (this.status === 'diverged' || this.status === 'error') throw new Error(sayFineTune.resetFirst);
    const { source } = this.fit;
    source.checkFineTune(plan);
    await this.loop.read();
    this.loop.restartEpoch();
    this.releaseTraining();
    try {
      await this.prepare(async () => {
        await source.fineTune(plan, this.loop.epoch);
        // The trainable weights changed: the optimizer must hold the new list, and only it.
        this.fit = this.trainable(source);
      });
    } catch (error) {
      // Half a phase change cannot train: say why; a reset starts phase 1 again.
      this.fail(error);
      throw error;
    }
    this.loop.epochLimit = this.loop.epoch + plan.epochs;
    this.backup.startClock();
    // A backend lost from here on resumes this phase, not the last epoch of the previous one.
    await this.backup.takeNow(this.loop.epoch);
    this.status = 'paused';
    this.message = sayFineTune.started(plan.unfreeze, plan.learningRate);
    this.emit(true);
  }

  /**
   * The model on the official test set, image by image, in inference mode; null while
   * training or when the data has no test set.
   */
  async evaluateTest(): Promise<Evaluation | null> {
    const { source } = this.fit;
    if (!source.test || this.status === 'training' || this.preparing) return null;
    return evaluateSamples(source.model, source.test, this.score, source.testBatchSize);
  }

  /** RGB bytes of the transfer task's held-out images (the evaluation's gallery). */
  heldOutImages(indices: number[]): { side: number; images: Uint8Array[] } | null {
    return this.fit.source.heldOutImages(indices);
  }

  /** Saves the model (a transfer run's whole network) with a tfjs IO handler or URL (indexeddb://…). */
  saveModel(destination: string | tf.io.IOHandler): Promise<void> {
    return saveModel(this.fit.source.wholeModel ?? this.fit.source.model, destination);
  }

  /**
   * Replaces the weights with those of a saved model of the same architecture; the run
   * pauses there, so training goes on from the loaded weights.
   */
  async loadWeights(source: string | tf.io.IOHandler): Promise<void> {
    if (this.status === 'training') throw new Error(say.pauseBeforeLoading);
    await replaceWeights(this.fit.source.model, source);
    if (this.status === 'idle') this.status = 'paused';
    this.message = say.weightsLoaded;
    await this.watched.refreshParams();
    this.emit(true);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    if (this.running) {
      this.loop.stopRequested = true;
      await this.running;
    }
    this.disposed = true;
    this.teardown();
  }

  private async prepare(work: () => Promise<void>): Promise<void> {
    this.preparing = true;
    try {
      await work();
    } finally {
      this.preparing = false;
    }
  }

  private launch(mode: RunMode): Promise<void> {
    this.loop.begin();
    this.status = 'training';
    this.message = null;
    this.emit(true);
    this.running = this.train(mode).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Runs the loop; if the GPU backend dies, moves to the next backend and carries on. */
  private async train(mode: RunMode): Promise<void> {
    while (true) {
      try {
        return this.settle(await this.loop.run(mode));
      } catch (error) {
        const lost = await this.recovery.lossBehind(this.info.backend.name);
        if (!lost || this.disposed) return this.fail(error);
        try {
          this.info.backend = await this.recovery.move(this.info.backend.name, lost, this.movable, this.backup.checkpoint);
        } catch (moveError) {
          return this.fail(moveError);
        }
        this.message = this.info.backend.reason;
        this.emit(true);
        if (mode === 'continuous' && !this.loop.pauseRequested && !this.loop.stopRequested) continue;
        return this.settle(await this.loop.finish('paused', this.message));
      }
    }
  }

  private settle({ status, message }: Outcome): void {
    this.status = status;
    this.message = message;
    this.emit(true);
  }

  private fail(error: unknown): void {
    this.loop.metrics.discard();
    this.status = 'error';
    this.message = say.failed(error);
    this.emit(true);
  }

  private emit(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.lastUpdate < (this.options.eventIntervalMs ?? UPDATE_INTERVAL_MS)) return;
    this.lastUpdate = now;
    const { start, records } = this.history.unheard();
    this.options.onUpdate?.(this.describe(start, records));
  }

  /** The whole state, with the full history (for a UI that connects late). */
  snapshot(): TrainerUpdate {
    return this.describe(0, this.history.all());
  }

  private describe(historyStart: number, history: EpochRecord[]): TrainerUpdate {
    const { loop, watched } = this;
    return {
      backend: this.info.backend,
      historyStart,
      history,
      status: this.status,
      message: this.message,
      epoch: loop.epoch,
      epochs: loop.epochLimit,
      batch: loop.batchInEpoch,
      batchesPerEpoch: loop.batches.length || 1,
      ...watched.drawn(),
      progress: loop.metrics.progress,
      samplesPerSecond: this.speed.samplesPerSecond,
      learningRate: this.fit.optimizer.learningRate,
      tensorCount: tf.memory().numTensors,
      trainableCount: this.info.trainableCount,
      phases: this.fit.source.phases.slice(),
    };
  }
}
