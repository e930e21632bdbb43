import * as tf from '@tensorflow/tfjs';
import {
  activateBackend,
  chooseBackend,
  probeBackends,
  watchBackend,
  type BackendChoice,
  type BackendInfo,
  type BackendWatch,
  type ModelNeeds,
} from './backends';
import { flatten, packState, restoreState, type Checkpoint } from './checkpoint';
import { createCallback, type Callback, type CallbackContext, type Logs } from './callbacks';
import {
  epochBatches,
  epochOrder,
  loadData,
  type Batch,
  type BatchSelection,
  type Dataset,
  type DataSources,
  type LabelledDataset,
} from './data';
import { histogramTensor, readHistograms, type WeightHistogram } from './histograms';
import { LOSSES, type LossFn } from './losses';
import { correctCount } from './metrics';
import { buildModel, countParams, estimatedParams, modelNeedsConvolution, weightSizes } from './models';
import { BACKEND_LABELS } from './labels';
import { createOptimizer, type Optimizer } from './optimizers';
import type { BackendName, MlpSpec, OptimizerSpec, RunSpec } from './spec';
import type { LoadProgress } from './cifar10/load';
import { TransferRun, type BlockInfo, type PhaseMark } from './transfer/run';
import { assertTraceable, denseActivations, readTrace, traceBatch, type PendingTrace, type StepTrace } from './trace';
import { validateRunSpec } from './validate';
import { EngineInputError } from './errors';

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

/** Phase 2 of transfer learning: unfreeze the top blocks and train on with a small learning rate. */
export interface FineTunePlan {
  /** Top blocks of the base that train (1 … the number of blocks). */
  unfreeze: number;
  learningRate: number;
  /** Epochs to train in this phase. */
  epochs: number;
}

export interface TrainerOptions {
  onUpdate?: (update: TrainerUpdate) => void;
  /** Data loaded beforehand that specs refer to by kind (CIFAR-10). */
  sources?: DataSources;
  /** Minimum time between updates; also how often the loop reads results back. */
  eventIntervalMs?: number;
  /** Long preparations (caching a transfer run's activations) report here. */
  onProgress?: (progress: LoadProgress) => void;
}

type RunMode = 'continuous' | 'batch' | 'epoch';

interface PendingEpoch {
  epoch: number;
  names: string[];
  values: tf.Scalar[];
  params: tf.Tensor1D | null;
  histograms: tf.Tensor1D | null;
  /** Packed weights and slots, taken now and then on GPU backends. */
  state: { tensor: tf.Tensor1D; iterations: number; learningRate: number } | null;
}

const GPU_BACKENDS: readonly BackendName[] = ['webgpu', 'webgl'];

/**
 * How often a GPU run copies its state to main memory, in case the GPU is lost: every
 * second for small models, less often for big ones (about 40 s for the 6.3 M-parameter MLP
 * with Adam's two slots), so the copies cost a few percent of training at most.
 */
function checkpointInterval(stateSize: number): number {
  return Math.max(1000, stateSize / 500);
}

/**
 * How often results are read back. On the CPU a read is free; on a GPU each read drains
 * the queue of work (measured: ten reads a second cost a tenth of a tiny model's speed on
 * WebGL), so it happens four times a second, as often as the charts redraw.
 */
function readInterval(backend: BackendName, eventIntervalMs: number): number {
  return GPU_BACKENDS.includes(backend) ? Math.max(eventIntervalMs, 250) : eventIntervalMs;
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

const formatEs = (v: number) => v.toLocaleString('es-ES', { maximumSignificantDigits: 6 });

/**
 * The one training loop. Forward pass, loss, gradients and update happen in that order for
 * every batch, exactly as the course's GradientTape loops do; callbacks hook in at epoch
 * boundaries. Results stay on the device and are read back in one go per update.
 */
export class Trainer {
  private model!: tf.LayersModel;
  private variables: tf.Variable[] = [];
  private optimizer!: Optimizer;
  private callbacks: Callback[] = [];
  private train!: Dataset;
  private validation: Dataset | null = null;
  private test: LabelledDataset | null = null;
  /** A transfer run's network and activation caches; null for other models. */
  private transfer: TransferRun | null = null;
  /** Top blocks unfrozen now, the phases so far, and the epoch the run trains up to. */
  private unfrozen = 0;
  private phases: PhaseMark[] = [];
  private epochLimit: number;
  private optimizerSpec: OptimizerSpec;
  private histogramLayers: string[] = [];
  private progress: EpochProgress | null = null;
  private readonly loss: LossFn;
  private readonly withAccuracy: boolean;

  private status: Status = 'idle';
  private message: string | null = null;
  private epoch = 0;
  private batchInEpoch = 0;
  private batches: BatchSelection[] = [];
  /** Per-batch results of the current epoch, kept on the device until it ends. */
  private batchLosses: tf.Scalar[] = [];
  private batchCorrect: tf.Scalar[] = [];
  private batchSizes: number[] = [];
  private pending: PendingEpoch[] = [];
  private history: EpochRecord[] = [];
  private sentHistory = 0;
  private params: number[][] | null = null;
  private initialLogs: Logs | null = null;
  private watchInputs: tf.Tensor | null = null;
  private predictions: number[] | null = null;
  private traceRequested = false;
  private pendingTrace: PendingTrace | null = null;
  private samplesPerSecond: number | null = null;
  private samplesSinceRead = 0;
  private lastRead = 0;
  private lastUpdate = 0;
  private pauseRequested = false;
  private stopRequested = false;
  private running: Promise<void> | null = null;
  private disposed = false;
  private watch: BackendWatch;
  private checkpoint: Checkpoint | null = null;
  private lastCheckpoint = -Infinity;
  private readonly failedBackends = new Set<BackendName>();

  private preparing = false;

  private constructor(
    private spec: RunSpec,
    readonly info: TrainerInfo,
    private readonly needs: ModelNeeds,
    private readonly options: TrainerOptions,
  ) {
    this.watch = watchBackend(info.backend.name);
    this.loss = LOSSES[spec.loss];
    this.withAccuracy = (spec.metrics ?? []).includes('accuracy');
    this.epochLimit = spec.epochs;
    this.optimizerSpec = spec.optimizer;
  }

  /** Validates the spec, picks and starts a backend, and builds everything on it. */
  static async create(spec: RunSpec, options: TrainerOptions = {}): Promise<Trainer> {
    validateRunSpec(spec);
    const backends = await probeBackends();
    const needs = { params: estimatedParams(spec.model), convolution: modelNeedsConvolution(spec.model) };
    const backend = chooseBackend(spec.backend ?? 'auto', backends, needs);
    await activateBackend(backend.name);
    const info: TrainerInfo = { backend, backends, paramCount: 0, trainableCount: 0 };
    const trainer = new Trainer(spec, info, needs, options);
    await trainer.build();
    trainer.phases = trainer.transfer ? [trainer.phaseMark()] : [];
    trainer.startCheckpointClock();
    await trainer.readInitialState();
    return trainer;
  }

  /** Model, data, optimizer and callbacks on the active backend (a transfer run in its current phase). */
  private async build(): Promise<void> {
    const { spec } = this;
    if (spec.model.kind === 'transfer') {
      this.transfer = await TransferRun.create(spec, this.options.sources ?? {}, this.unfrozen, this.options.onProgress);
      this.adoptTransferPhase();
    } else {
      this.model = buildModel(spec.model, spec.seed);
      const data = loadData(spec.data, spec.validationSplit ?? 0, spec.loss === 'sparse_categorical_crossentropy', this.options.sources);
      this.train = data.train;
      this.validation = data.validation;
      this.test = data.test;
    }
    this.variables = this.model.trainableWeights.map((w) => w.read() as tf.Variable);
    this.optimizer = createOptimizer(this.optimizerSpec, this.variables);
    this.callbacks = (spec.callbacks ?? []).map(createCallback);
    this.watchInputs = spec.watchInputs ? tf.tensor2d(spec.watchInputs, undefined, 'float32') : null;
    this.countParams();
  }

  /** The transfer run's trainable part and caches become what the loop trains and judges. */
  private adoptTransferPhase(): void {
    const run = this.transfer!;
    this.model = run.trainable;
    this.train = run.train;
    this.validation = run.validation;
    // The held-out images are the transfer task's test set too (confusion matrix, gallery).
    this.test = run.validation;
  }

  private countParams(): void {
    const counts = this.transfer ? this.transfer.counts() : countParams(this.model);
    this.info.paramCount = counts.total;
    this.info.trainableCount = counts.trainable;
    if (this.transfer) this.info.blocks = this.transfer.blocks;
  }

  private phaseMark(): PhaseMark {
    const run = this.transfer!;
    return { epoch: this.epoch, unfrozen: run.unfrozen, learningRate: this.optimizerSpec.learningRate ?? this.optimizer.learningRate, cutName: run.cutName };
  }

  /** What the UI draws before the first update: weights, their loss, their predictions. */
  private async readInitialState(): Promise<void> {
    this.params = null;
    this.initialLogs = null;
    this.predictions = null;
    if (this.spec.watchParams) {
      this.params = await this.readWeights();
      const { loss, accuracy } = this.evaluateOn(this.train);
      const values = accuracy ? [loss, accuracy] : [loss];
      const read = await Promise.all(values.map((v) => v.data()));
      tf.dispose(values);
      this.initialLogs = accuracy ? { loss: read[0][0], accuracy: read[1][0] } : { loss: read[0][0] };
    }
    if (this.watchInputs) {
      const predicted = this.predictWatched();
      this.predictions = Array.from(await predicted.data());
      predicted.dispose();
    }
  }

  private predictWatched(): tf.Tensor1D {
    const inputs = this.watchInputs!;
    return tf.tidy(() => tf.reshape(this.model.apply(inputs, { training: false }) as tf.Tensor, [-1]));
  }

  /**
   * Small states are copied from the first epoch on (it is nearly free); big ones only once
   * their interval has passed, so short runs never pay for a copy.
   */
  private startCheckpointClock(): void {
    const interval = checkpointInterval(this.stateSize());
    this.lastCheckpoint = interval <= 1000 ? -Infinity : performance.now();
  }

  /** Numbers in a checkpoint: every weight and every optimizer slot. */
  private stateSize(): number {
    return this.info.paramCount + this.optimizer.slots.reduce((n, slot) => n + slot.size, 0);
  }

  private get needsEpochLogs(): boolean {
    return this.callbacks.some((c) => c.needsLogs);
  }

  private teardown(): void {
    this.discardEpochState();
    this.pending.forEach((p) => tf.dispose([...p.values, ...pendingTensors(p)]));
    this.pending = [];
    this.callbacks.forEach((c) => c.dispose());
    this.optimizer.dispose();
    if (this.transfer) {
      // Its models share layers; the run frees each weight and cache exactly once.
      this.transfer.dispose();
      this.transfer = null;
    } else {
      this.model.dispose();
      this.train.dispose();
      this.validation?.dispose();
      this.test?.dispose();
    }
    this.watchInputs?.dispose();
    this.watchInputs = null;
    this.dropTrace();
  }

  private dropTrace(): void {
    const p = this.pendingTrace;
    if (p) tf.dispose([p.y, p.loss, ...p.layers.flat(), ...p.updated.flat()]);
    this.pendingTrace = null;
  }

  private discardEpochState(): void {
    tf.dispose([...this.batchLosses, ...this.batchCorrect]);
    this.batchLosses = [];
    this.batchCorrect = [];
    this.batchSizes = [];
  }

  get state(): Status {
    return this.status;
  }

  get completedEpochs(): number {
    return this.epoch;
  }

  /** Every finished epoch so far (read back), oldest first. */
  getHistory(): EpochRecord[] {
    return this.history.slice();
  }

  get learningRate(): number {
    return this.optimizer.learningRate;
  }

  /** Current weights as plain numbers (reads from the device). */
  async readWeights(): Promise<number[][]> {
    return Promise.all(this.model.getWeights().map(async (w) => Array.from(await w.data())));
  }

  /** Trains until the epochs run out, a callback stops it, or pause/stop is asked. */
  start(): Promise<void> {
    if (this.preparing) return Promise.resolve();
    if (this.status === 'idle' || this.status === 'paused') return this.launch('continuous');
    return this.running ?? Promise.resolve();
  }

  resume(): Promise<void> {
    return this.start();
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
    this.dropTrace();
    this.traceRequested = true;
    try {
      await this.step('batch');
    } finally {
      this.traceRequested = false;
    }
    const pending = this.pendingTrace;
    this.pendingTrace = null;
    return pending ? readTrace(pending) : null;
  }

  pause(): void {
    if (this.status === 'training') this.pauseRequested = true;
  }

  /** Ends the run where it is; the weights trained so far stay. */
  async stop(): Promise<void> {
    if (this.status === 'training') {
      this.stopRequested = true;
      await this.running;
    } else if (this.status === 'idle' || this.status === 'paused') {
      await this.finish('done', 'Entrenamiento detenido.');
    }
  }

  /** Back to the initial weights (from the seed, or the given initial values). */
  async reset(seed?: number): Promise<void> {
    if (this.running) {
      this.stopRequested = true;
      await this.running;
    }
    this.teardown();
    if (seed !== undefined) this.spec = { ...this.spec, seed };
    this.epoch = 0;
    this.batchInEpoch = 0;
    this.history = [];
    this.sentHistory = 0;
    this.samplesPerSecond = null;
    this.progress = null;
    this.message = null;
    this.checkpoint = null;
    // A transfer run goes back to phase 1: the base frozen, the first learning rate.
    this.unfrozen = 0;
    this.epochLimit = this.spec.epochs;
    this.optimizerSpec = this.spec.optimizer;
    await this.prepare(() => this.build());
    this.phases = this.transfer ? [this.phaseMark()] : [];
    this.startCheckpointClock();
    await this.readInitialState();
    this.status = 'idle';
    this.emit(true);
  }

  /**
   * Phase 2 of transfer learning: unfreezes the top `unfreeze` blocks (BatchNormalization
   * stays in inference mode), caches the activations at the input of the first unfrozen
   * block, and goes on from the current weights with a fresh optimizer at the new learning
   * rate, as Keras does when the model is compiled again. The run pauses, ready to continue;
   * an epoch half done is dropped.
   */
  async fineTune(plan: FineTunePlan): Promise<void> {
    const run = this.transfer;
    if (!run) throw new Error('Solo un modelo de transferencia tiene bloques que descongelar.');
    if (this.status === 'training' || this.preparing) throw new Error('Pausa el entrenamiento antes de descongelar bloques.');
    if (this.status === 'diverged' || this.status === 'error') throw new Error('El entrenamiento terminó con un error: reinícialo antes de afinar.');
    validateFineTune(plan, run.blocks.length);
    await this.readBack();
    this.discardEpochState();
    this.batchInEpoch = 0;
    this.batches = [];
    this.optimizer.dispose();
    this.callbacks.forEach((c) => c.dispose());
    this.unfrozen = plan.unfreeze;
    this.optimizerSpec = { ...this.spec.optimizer, learningRate: plan.learningRate };
    try {
      await this.prepare(async () => {
        await run.setPhase(plan.unfreeze, this.options.onProgress);
        this.adoptTransferPhase();
        // The trainable weights changed: the optimizer must hold the new list, and only it.
        this.variables = this.model.trainableWeights.map((w) => w.read() as tf.Variable);
        this.optimizer = createOptimizer(this.optimizerSpec, this.variables);
        this.callbacks = (this.spec.callbacks ?? []).map(createCallback);
        this.countParams();
      });
    } catch (error) {
      // Half a phase change cannot train: say why; a reset starts phase 1 again.
      this.fail(error);
      throw error;
    }
    this.epochLimit = this.epoch + plan.epochs;
    this.phases.push(this.phaseMark());
    this.startCheckpointClock();
    // A backend lost from here on resumes this phase, not the last epoch of the previous one.
    if (GPU_BACKENDS.includes(this.info.backend.name)) await this.takeCheckpoint();
    this.status = 'paused';
    const blocks = plan.unfreeze === 1 ? 'el último bloque' : `los ${plan.unfreeze} últimos bloques`;
    this.message = `Fase 2: ${blocks} de la base entrenan ahora con η = ${formatEs(plan.learningRate)}; BatchNormalization sigue en modo inferencia.`;
    this.emit(true);
  }

  /** Runs a long preparation with the loop locked out, so no step meets a half-built run. */
  private async prepare(work: () => Promise<void>): Promise<void> {
    this.preparing = true;
    try {
      await work();
    } finally {
      this.preparing = false;
    }
  }

  private async takeCheckpoint(): Promise<void> {
    const tensor = packState(this.model, this.optimizer);
    const values = (await tensor.data()) as Float32Array;
    tensor.dispose();
    this.checkpoint = { epoch: this.epoch, iterations: this.optimizer.iterations, learningRate: this.optimizer.learningRate, values };
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    if (this.running) {
      this.stopRequested = true;
      await this.running;
    }
    this.disposed = true;
    this.teardown();
  }

  private launch(mode: RunMode): Promise<void> {
    this.pauseRequested = false;
    this.stopRequested = false;
    this.status = 'training';
    this.message = null;
    this.lastRead = performance.now();
    this.samplesSinceRead = 0;
    this.emit(true);
    this.running = this.loop(mode).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Runs batches; if the GPU backend dies, moves to the next backend and carries on. */
  private async loop(mode: RunMode): Promise<void> {
    while (true) {
      try {
        return await this.runBatches(mode);
      } catch (error) {
        const lost = await this.lossBehind();
        if (!lost || this.disposed) return this.fail(error);
        try {
          await this.moveBackend(lost);
        } catch (moveError) {
          return this.fail(moveError);
        }
        if (mode === 'continuous' && !this.pauseRequested && !this.stopRequested) continue;
        return await this.finish('paused', this.message);
      }
    }
  }

  private fail(error: unknown): void {
    this.discardEpochState();
    this.status = 'error';
    this.message = `Error durante el entrenamiento: ${error instanceof Error ? error.message : String(error)}`;
    this.emit(true);
  }

  private async runBatches(mode: RunMode): Promise<void> {
    const interval = readInterval(this.info.backend.name, this.options.eventIntervalMs ?? 16);
    while (true) {
      if (this.epoch >= this.epochLimit) return await this.finish('done', null);
      if (this.batchInEpoch === 0) this.beginEpoch();
      this.trainBatch();
      let epochEnded = false;
      if (this.batchInEpoch === this.batches.length) {
        epochEnded = true;
        const stopReason = await this.endEpoch();
        if (this.status !== 'training') return;
        if (stopReason) return await this.finish('done', stopReason);
      }
      if (this.epoch >= this.epochLimit) return await this.finish('done', null);
      if (mode === 'batch' || (mode === 'epoch' && epochEnded) || this.pauseRequested) {
        return await this.finish('paused', null);
      }
      if (this.stopRequested) return await this.finish('done', 'Entrenamiento detenido.');
      if (performance.now() - this.lastUpdate >= interval) {
        await this.readBack();
        if (this.status !== 'training') return;
        this.emit(false);
        await yieldToEventLoop();
      }
    }
  }

  /** After an error on a GPU backend: was it the device dying? Its notice may lag the error. */
  private async lossBehind(): Promise<string | null> {
    if (!GPU_BACKENDS.includes(this.info.backend.name)) return null;
    const grace = new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000));
    return this.watch.lost() ?? (await Promise.race([this.watch.whenLost, grace]));
  }

  /**
   * Rebuilds the run on the next usable backend from the last checkpoint (or from the
   * start if none was taken yet) and says so in Spanish.
   */
  private async moveBackend(reason: string): Promise<void> {
    const from = this.info.backend.name;
    this.failedBackends.add(from);
    try {
      this.teardown();
    } catch {
      // The dead backend may refuse to free its memory; it goes away with the device.
    }
    const usable = this.info.backends.map((b) =>
      this.failedBackends.has(b.name) ? { ...b, available: false, detail: 'dejó de funcionar en esta sesión' } : b,
    );
    const to = chooseBackend('auto', usable, this.needs).name;
    await activateBackend(to);
    this.watch = watchBackend(to);
    await this.prepare(() => this.build());
    const checkpoint = this.checkpoint;
    if (checkpoint) restoreState(this.model, this.optimizer, checkpoint);
    this.epoch = checkpoint?.epoch ?? 0;
    this.batchInEpoch = 0;
    this.history = this.history.slice(0, this.epoch);
    this.sentHistory = Math.min(this.sentHistory, this.history.length);
    this.params = this.spec.watchParams ? await this.readWeights() : null;
    if (this.watchInputs) {
      const predicted = this.predictWatched();
      this.predictions = Array.from(await predicted.data());
      predicted.dispose();
    }
    this.startCheckpointClock();
    const where = checkpoint ? `desde la época ${checkpoint.epoch}, el último punto guardado` : 'desde el principio';
    this.message = `${BACKEND_LABELS[from]} dejó de funcionar: ${reason}. El entrenamiento sigue en ${BACKEND_LABELS[to]} ${where}.`;
    this.info.backend = { name: to, reason: this.message };
    this.emit(true);
  }

  private async finish(status: Status, message: string | null): Promise<void> {
    await this.readBack();
    if (this.status === 'diverged') return;
    // A finished run will not complete its partial epoch; a paused one will.
    if (status === 'done') this.discardEpochState();
    this.status = status;
    this.message = message;
    this.emit(true);
  }

  private callbackContext(): CallbackContext {
    return {
      getWeights: () => this.model.getWeights().map((w) => w.clone()),
      setWeights: (values) => this.model.setWeights(values),
      learningRate: this.optimizer.learningRate,
      stopTraining: false,
    };
  }

  private beginEpoch(): void {
    const shuffle = this.spec.shuffle ?? false;
    // In order, every epoch has the same batches: cut them once.
    if (shuffle || this.batches.length === 0) {
      const order = epochOrder(this.train.size, this.spec.seed, this.epoch, shuffle);
      this.batches = epochBatches(order, this.train.size, this.spec.batchSize ?? this.train.size);
    }
    if (this.callbacks.length === 0) return;
    const ctx = this.callbackContext();
    this.callbacks.forEach((c) => c.onEpochBegin?.(this.epoch, ctx));
    this.optimizer.learningRate = ctx.learningRate;
  }

  private trainBatch(): void {
    const batch = this.train.take(this.batches[this.batchInEpoch]);
    const n = batch.x.shape[0];
    let correct = null as tf.Scalar | null;
    let value: tf.Scalar;
    if (this.traceRequested) {
      value = this.traceBatch(batch);
      if (this.withAccuracy) correct = correctCount(this.spec.loss, batch.y, this.pendingTrace!.layers.at(-1)![4]);
    } else {
      const result = tf.variableGrads(() => {
        const prediction = this.model.apply(batch.x, { training: true }) as tf.Tensor;
        if (this.withAccuracy) correct = tf.keep(correctCount(this.spec.loss, batch.y, prediction));
        return this.loss(batch.y, prediction);
      }, this.variables);
      value = result.value;
      this.optimizer.apply(this.variables.map((v) => result.grads[v.name]));
      tf.dispose(result.grads);
    }
    disposeBatch(batch);
    // No arithmetic per batch: the epoch's mean is taken once, when it ends.
    this.batchLosses.push(value);
    if (correct) this.batchCorrect.push(correct);
    this.batchSizes.push(n);
    this.samplesSinceRead += n;
    this.batchInEpoch += 1;
  }

  /** The update written out layer by layer; the optimizer uses the trace's own gradients. */
  private traceBatch(batch: Batch): tf.Scalar {
    const step = this.optimizer.iterations;
    const learningRate = this.optimizer.learningRate;
    const activations = denseActivations(this.spec.model as MlpSpec);
    const traced = traceBatch(this.variables, activations, batch.x, batch.y, this.loss);
    this.optimizer.apply(traced.grads);
    tf.dispose(traced.grads);
    const updated = activations.map((_, i) => [tf.clone(this.variables[2 * i]), tf.clone(this.variables[2 * i + 1])]);
    this.pendingTrace = {
      step,
      learningRate,
      optimizer: this.spec.optimizer.name,
      activations,
      y: tf.clone(batch.y),
      loss: tf.clone(traced.loss),
      layers: traced.layers,
      updated,
    };
    return traced.loss;
  }

  /** The epoch's loss and accuracy; the per-batch results are used up. */
  private epochLogs(): { names: string[]; values: tf.Scalar[] } {
    const { loss, accuracy } = averageBatches(this.batchLosses, this.batchCorrect, this.batchSizes);
    this.batchLosses = [];
    this.batchCorrect = [];
    this.batchSizes = [];
    return accuracy ? { names: ['loss', 'accuracy'], values: [loss, accuracy] } : { names: ['loss'], values: [loss] };
  }

  /** Closes the epoch; returns a Spanish reason when a callback stopped training. */
  private async endEpoch(): Promise<string | null> {
    const { names, values } = this.epochLogs();
    if (this.validation) {
      const val = this.evaluateOn(this.validation);
      names.push('val_loss');
      values.push(val.loss);
      if (val.accuracy) {
        names.push('val_accuracy');
        values.push(val.accuracy);
      }
    }
    const params = this.spec.watchParams ? flatten(this.model.getWeights()) : null;
    let histograms: tf.Tensor1D | null = null;
    if (this.spec.histograms) {
      const drawn = histogramTensor(this.model);
      this.histogramLayers = drawn.layers;
      histograms = drawn.values;
    }
    const now = performance.now();
    let state: PendingEpoch['state'] = null;
    if (GPU_BACKENDS.includes(this.info.backend.name) && now - this.lastCheckpoint >= checkpointInterval(this.stateSize())) {
      this.lastCheckpoint = now;
      state = { tensor: packState(this.model, this.optimizer), iterations: this.optimizer.iterations, learningRate: this.optimizer.learningRate };
    }
    this.pending.push({ epoch: this.epoch + 1, names, values, params, histograms, state });
    this.epoch += 1;
    this.batchInEpoch = 0;

    if (!this.needsEpochLogs) return null;
    await this.readBack();
    if (this.status !== 'training') return null;
    const ctx = this.callbackContext();
    const logs = this.history[this.history.length - 1].logs;
    this.callbacks.forEach((c) => c.onEpochEnd?.(this.epoch - 1, logs, ctx));
    this.optimizer.learningRate = ctx.learningRate;
    if (!ctx.stopTraining) return null;
    return this.callbacks.map((c) => c.report?.()).filter(Boolean).join(' ') || 'Parada temprana.';
  }

  /** Loss (and accuracy) over a whole dataset in inference mode, on the device. */
  evaluateOn(dataset: Dataset): { loss: tf.Scalar; accuracy: tf.Scalar | null } {
    const losses: tf.Scalar[] = [];
    const correct: tf.Scalar[] = [];
    const sizes: number[] = [];
    for (const selection of epochBatches(null, dataset.size, this.spec.batchSize ?? dataset.size)) {
      const batch = dataset.take(selection);
      const prediction = tf.tidy(() => this.model.apply(batch.x, { training: false }) as tf.Tensor);
      losses.push(this.loss(batch.y, prediction));
      if (this.withAccuracy) correct.push(correctCount(this.spec.loss, batch.y, prediction));
      sizes.push(batch.x.shape[0]);
      prediction.dispose();
      disposeBatch(batch);
    }
    return averageBatches(losses, correct, sizes);
  }

  /**
   * The model on the official test set, image by image, in inference mode; null while
   * training or when the data has no test set.
   */
  async evaluateTest(): Promise<Evaluation | null> {
    const test = this.test;
    if (!test || this.status === 'training' || this.preparing) return null;
    // Cached activations inside a base can be big per sample: those go in training-size batches.
    const batchSize = this.transfer ? (this.spec.batchSize ?? 32) : Math.max(this.spec.batchSize ?? 0, 500);
    const losses: tf.Scalar[] = [];
    const sizes: number[] = [];
    const outputs: tf.Tensor[] = [];
    for (const selection of epochBatches(null, test.size, batchSize)) {
      const batch = test.take(selection);
      tf.tidy(() => {
        const probabilities = this.model.apply(batch.x, { training: false }) as tf.Tensor2D;
        losses.push(tf.keep(this.loss(batch.y, probabilities)));
        outputs.push(tf.keep(tf.concat([tf.cast(tf.argMax(probabilities, -1), 'float32'), tf.max(probabilities, -1)])));
      });
      sizes.push(batch.x.shape[0]);
      disposeBatch(batch);
    }
    const { loss } = averageBatches(losses, [], sizes);
    const joined = tf.tidy(() => tf.concat([tf.reshape(loss, [1]), ...outputs]));
    const data = (await joined.data()) as Float32Array;
    tf.dispose([loss, joined, ...outputs]);
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

  /** RGB bytes of the transfer task's held-out images (the evaluation's gallery). */
  heldOutImages(indices: number[]): { side: number; images: Uint8Array[] } | null {
    return this.transfer?.heldOutImages(indices) ?? null;
  }

  /** Saves the model (topology and weights) with a tfjs IO handler or URL (indexeddb://…). */
  async saveModel(destination: string | tf.io.IOHandler): Promise<void> {
    await this.model.save(destination);
  }

  /**
   * Replaces the weights with those of a saved model of the same architecture; the run
   * pauses there, so training goes on from the loaded weights.
   */
  async loadWeights(source: string | tf.io.IOHandler): Promise<void> {
    if (this.status === 'training') throw new Error('Pausa el entrenamiento antes de cargar un modelo.');
    const loaded = await tf.loadLayersModel(source);
    try {
      const incoming = loaded.getWeights();
      const current = this.model.getWeights();
      const shape = (ws: tf.Tensor[]) => ws.map((w) => `[${w.shape.join('×')}]`).join(' ');
      if (incoming.length !== current.length || incoming.some((w, i) => !tf.util.arraysEqual(w.shape, current[i].shape))) {
        throw new Error(`El modelo guardado tiene otra arquitectura (pesos ${shape(incoming)}) que la configurada (${shape(current)}).`);
      }
      this.model.setWeights(incoming);
    } finally {
      loaded.dispose();
    }
    if (this.status === 'idle') this.status = 'paused';
    this.message = 'Pesos cargados: el entrenamiento sigue desde ellos.';
    this.params = this.spec.watchParams ? await this.readWeights() : this.params;
    this.emit(true);
  }

  /**
   * Reads every pending epoch in one transfer, records it, and ends the run as diverged
   * if a loss stopped being finite.
   */
  private async readBack(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    const partial = this.batchLosses.length > 0 && this.batches.length > 1 ? this.epochSoFar() : null;
    if (pending.length > 0 || partial) {
      // One op for every logged number, one more to join them to weights and checkpoints.
      const logged = tf.stack([...pending.flatMap((p) => p.values), ...(partial ?? [])]);
      const predicted = pending.length > 0 && this.watchInputs ? this.predictWatched() : null;
      const parts = [logged, ...pending.flatMap(pendingTensors), ...(predicted ? [predicted] : [])];
      const flat = parts.length === 1 ? logged : tf.concat(parts);
      let data: Float32Array;
      try {
        // A lost WebGPU device may never answer; the watch ends the wait.
        data = (await Promise.race([flat.data(), this.watch.whenLost])) as Float32Array;
      } finally {
        tf.dispose([flat, ...parts, ...pending.flatMap((p) => p.values), ...(partial ?? [])]);
      }
      // A lost WebGL context reads back zeros: never trust a read from a dead backend.
      const lost = this.watch.lost();
      if (lost) throw new Error(lost);
      let offset = logged.size;
      let logOffset = 0;
      for (const p of pending) {
        const logs: Logs = {};
        p.names.forEach((name, i) => (logs[name] = data[logOffset + i]));
        logOffset += p.names.length;
        const record: EpochRecord = { epoch: p.epoch, logs };
        if (p.params) {
          record.params = this.splitParams(data.subarray(offset, offset + p.params.size));
          offset += p.params.size;
          this.params = record.params;
        }
        if (p.histograms) {
          record.histograms = readHistograms(this.histogramLayers, data.subarray(offset, offset + p.histograms.size));
          offset += p.histograms.size;
        }
        if (p.state) {
          const values = data.slice(offset, offset + p.state.tensor.size);
          offset += p.state.tensor.size;
          this.checkpoint = { epoch: p.epoch, iterations: p.state.iterations, learningRate: p.state.learningRate, values };
        }
        this.history.push(record);
        if (!Number.isFinite(logs.loss) && this.status !== 'diverged') this.diverge(p.epoch, logs.loss);
      }
      if (predicted) this.predictions = Array.from(data.subarray(data.length - predicted.size));
      this.progress = partial
        ? { batch: this.batchSizes.length, loss: data[logOffset], accuracy: partial.length > 1 ? data[logOffset + 1] : null }
        : null;
    } else if (this.batchLosses.length === 0) {
      this.progress = null;
    }
    this.measureSpeed();
  }

  /** Running means of the epoch in progress; its per-batch tensors stay for the epoch's end. */
  private epochSoFar(): tf.Scalar[] {
    return tf.tidy(() => {
      const seen = this.batchSizes.reduce((a, b) => a + b, 0);
      const loss = tf.div(tf.sum(tf.mul(tf.stack(this.batchLosses), tf.tensor1d(this.batchSizes))), seen) as tf.Scalar;
      return this.batchCorrect.length > 0 ? [loss, tf.div(sumScalars(this.batchCorrect), seen) as tf.Scalar] : [loss];
    });
  }

  /**
   * Samples per second over windows of at least a quarter second (shorter ones are
   * timer noise), smoothed; a run shorter than that reports its whole average at the end.
   */
  private measureSpeed(): void {
    const now = performance.now();
    const elapsed = (now - this.lastRead) / 1000;
    const finishing = this.pauseRequested || this.stopRequested || this.epoch >= this.epochLimit;
    if (this.samplesSinceRead === 0 || elapsed <= 0) return;
    if (elapsed < 0.25 && !(finishing && this.samplesPerSecond === null)) return;
    const rate = this.samplesSinceRead / elapsed;
    this.samplesPerSecond = this.samplesPerSecond === null ? rate : 0.7 * this.samplesPerSecond + 0.3 * rate;
    this.samplesSinceRead = 0;
    this.lastRead = now;
  }

  private splitParams(flat: Float32Array): number[][] {
    const out: number[][] = [];
    let offset = 0;
    for (const size of weightSizes(this.spec.model as MlpSpec)) {
      out.push(Array.from(flat.subarray(offset, offset + size)));
      offset += size;
    }
    return out;
  }

  private diverge(epoch: number, loss: number): void {
    const what = Number.isNaN(loss) ? 'NaN (ya no es un número)' : 'infinita';
    const lr = this.optimizer.learningRate;
    this.status = 'diverged';
    this.message =
      `La pérdida se volvió ${what} en la época ${epoch}. ` +
      `La tasa de aprendizaje (η = ${formatEs(lr)}) es demasiado grande: cada paso salta más allá del mínimo, ` +
      'los parámetros crecen sin control y los números se desbordan. Baja la tasa de aprendizaje y reinicia.';
    this.emit(true);
  }

  private emit(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.lastUpdate < (this.options.eventIntervalMs ?? 16)) return;
    this.lastUpdate = now;
    const start = this.sentHistory;
    this.sentHistory = this.history.length;
    this.options.onUpdate?.(this.describe(start));
  }

  /** The whole state, with the full history (for a UI that connects late). */
  snapshot(): TrainerUpdate {
    return this.describe(0);
  }

  private describe(historyStart: number): TrainerUpdate {
    return {
      backend: this.info.backend,
      historyStart,
      history: this.history.slice(historyStart),
      status: this.status,
      message: this.message,
      epoch: this.epoch,
      epochs: this.epochLimit,
      batch: this.batchInEpoch,
      batchesPerEpoch: this.batches.length || 1,
      params: this.params,
      initialLogs: this.initialLogs,
      predictions: this.predictions,
      progress: this.progress,
      samplesPerSecond: this.samplesPerSecond,
      learningRate: this.optimizer.learningRate,
      tensorCount: tf.memory().numTensors,
      trainableCount: this.info.trainableCount,
      phases: this.phases.slice(),
    };
  }
}

function validateFineTune(plan: FineTunePlan, blocks: number): void {
  if (!Number.isInteger(plan.unfreeze) || plan.unfreeze < 1 || plan.unfreeze > blocks) {
    throw new EngineInputError(`El número de bloques que descongelar debe ser un entero entre 1 y ${blocks} (recibido: ${String(plan.unfreeze).replace('.', ',')}).`);
  }
  if (typeof plan.learningRate !== 'number' || !Number.isFinite(plan.learningRate) || plan.learningRate <= 0) {
    throw new EngineInputError(`La tasa de aprendizaje de la fase 2 debe ser un número mayor que 0 (recibido: ${String(plan.learningRate).replace('.', ',')}).`);
  }
  if (!Number.isInteger(plan.epochs) || plan.epochs < 1 || plan.epochs > 1_000_000) {
    throw new EngineInputError(`Las épocas de la fase 2 deben ser un número entero entre 1 y 1.000.000 (recibido: ${String(plan.epochs).replace('.', ',')}).`);
  }
}

/** The vectors a pending epoch carries besides its logged scalars. */
function pendingTensors(p: PendingEpoch): tf.Tensor1D[] {
  return [p.params, p.histograms, p.state?.tensor].filter((t): t is tf.Tensor1D => !!t);
}

/**
 * Per-batch results averaged as Keras does: losses weighted by batch size, correct counts
 * summed, both over all samples. A single batch's loss comes back untouched, so toy runs
 * match the notebooks bit for bit. The per-batch tensors are used up.
 */
function averageBatches(
  losses: tf.Scalar[],
  correct: tf.Scalar[],
  sizes: number[],
): { loss: tf.Scalar; accuracy: tf.Scalar | null } {
  const seen = sizes.reduce((a, b) => a + b, 0);
  const loss =
    losses.length === 1
      ? losses[0]
      : tf.tidy(() => tf.div(tf.sum(tf.mul(tf.stack(losses), tf.tensor1d(sizes))), seen) as tf.Scalar);
  const accuracy = correct.length > 0 ? tf.tidy(() => tf.div(sumScalars(correct), seen) as tf.Scalar) : null;
  if (losses.length > 1) tf.dispose(losses);
  tf.dispose(correct);
  return { loss, accuracy };
}

/**
 * The sum of many scalars. Not tf.addN: on WebGPU it binds one buffer per input, and past
 * the adapter's limit (8 on SwiftShader) the whole submission fails and every result read
 * with it is garbage. Stacking goes through concat, which splits its inputs to fit.
 */
function sumScalars(values: tf.Scalar[]): tf.Scalar {
  return tf.sum(tf.stack(values));
}

function disposeBatch(batch: Batch): void {
  if (!batch.owned) return;
  batch.x.dispose();
  batch.y.dispose();
}

