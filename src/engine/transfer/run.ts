import * as tf from '@tensorflow/tfjs';
import { Augmenter } from '../augment';
import type { LoadProgress } from '../cifar10/load';
import { countParams } from '../models';
import type { DataSources } from '../data';
import type { AugmentSpec, RunSpec, TransferSpec } from '../spec';
import { calibrateBatchNormalization } from '../efficientnet/calibrate';
import { AugmentedActivations } from './augmented';
import { cacheActivations, cacheBatchSize, type CachedDataset } from './cache';
import { cifar10Task, imageBatch, imageBytes, imageCount, userTask, type ImageSet, type ImageTask } from './images';
import {
  blockParams,
  buildTransferNetwork,
  disposeTransferNetwork,
  setBaseWeights,
  splitTransferNetwork,
  type TransferNetwork,
  type TransferSplit,
} from './model';

/** Training images a random base's BatchNormalization statistics are measured on (at most). */
const CALIBRATION_IMAGES = 256;

/** Where the experiment switched phase, for the chart's marker. */
export interface PhaseMark {
  /** Completed epochs when the phase began. */
  epoch: number;
  unfrozen: number;
  learningRate: number;
  /** The block whose input is cached (or the pooled features in phase 1). */
  cutName: string;
  /** Training images augmented: the frozen part runs on every batch and only validation is cached. */
  augmented: boolean;
}

export interface BlockInfo {
  name: string;
  /** Parameters that train once this block is unfrozen. */
  params: number;
}

export function imageTask(spec: RunSpec, sources: DataSources): ImageTask {
  const { data } = spec;
  if (data.kind === 'cifar10-classes') {
    if (!sources.cifar10) throw new Error('Los datos de CIFAR-10 no están cargados.');
    return cifar10Task(sources.cifar10, data.classes, data.train, data.validation);
  }
  if (data.kind === 'user-images') {
    if (!sources.userImages) throw new Error('No hay imágenes propias cargadas.');
    return userTask(sources.userImages);
  }
  throw new Error('Un modelo de transferencia necesita imágenes por clases.');
}

/** A random base's BatchNormalization statistics, measured on the first training images. */
async function calibrate(network: TransferNetwork, train: ImageSet, onProgress?: (p: LoadProgress) => void): Promise<void> {
  const images = Math.min(imageCount(train), CALIBRATION_IMAGES);
  const size = cacheBatchSize(network.resolution);
  const batches = Math.ceil(images / size);
  const report = (done: number) =>
    onProgress?.({
      fraction: done / images,
      label: `Midiendo las medias y varianzas de BatchNormalization de la base aleatoria: ${done} de ${images} imágenes`,
    });
  report(0);
  await calibrateBatchNormalization(
    network.model,
    batches,
    (i) => imageBatch(train, i * size, Math.min(images, (i + 1) * size), network.resolution),
    (done) => report(Math.min(images, done * size)),
  );
}

/**
 * The state of one transfer-learning experiment: the network, the split for the current
 * phase, and the cached activations the trainable part trains on (training images) and is
 * judged on (held-out images).
 */
export class TransferRun {
  private split!: TransferSplit;
  train!: CachedDataset | AugmentedActivations;
  validation!: CachedDataset;
  private disposed = false;

  private constructor(
    readonly network: TransferNetwork,
    readonly task: ImageTask,
    readonly blocks: BlockInfo[],
    private readonly seed: number,
    /** Batches per epoch, which an augmented phase seeds its draws by. */
    private readonly batchesPerEpoch: number,
  ) {}

  static async create(
    spec: RunSpec,
    sources: DataSources,
    unfrozen: number,
    augment: AugmentSpec | undefined,
    onProgress?: (p: LoadProgress) => void,
  ): Promise<TransferRun> {
    const model = spec.model as TransferSpec;
    const task = imageTask(spec, sources);
    let artifacts: tf.io.ModelArtifacts | undefined;
    if (model.weights === 'pretrained') {
      artifacts = sources.bases?.[model.base];
      if (!artifacts) throw new Error('Los pesos preentrenados de la base no están cargados.');
    }
    const network = buildTransferNetwork(model, spec.seed);
    try {
      if (artifacts) setBaseWeights(network, artifacts);
      else await calibrate(network, task.train, onProgress);
      const sizes = blockParams(network);
      const batches = Math.ceil(imageCount(task.train) / (spec.batchSize ?? 32));
      const run = new TransferRun(
        network,
        task,
        network.blocks.map((b, i) => ({ name: b.name, params: sizes[i] })),
        spec.seed,
        batches,
      );
      await run.setPhase(unfrozen, augment, onProgress);
      return run;
    } catch (error) {
      disposeTransferNetwork(network);
      throw error;
    }
  }

  get unfrozen(): number {
    return this.split.unfrozen;
  }

  /** Whether this phase's training batches are augmented (AugmentedActivations). */
  get augmented(): boolean {
    return this.train instanceof AugmentedActivations;
  }

  get cutName(): string {
    return this.split.cutName;
  }

  /** The part that trains, on the cached activations. */
  get trainable(): tf.LayersModel {
    return this.split.trainable;
  }

  /** Parameters of the whole network, and those that train now. */
  counts(): { total: number; trainable: number } {
    return countParams(this.network.model);
  }

  /**
   * Freezes all but the top `k` blocks and caches the activations at the new cut (the
   * layers above it keep their current weights: phase 2 goes on from phase 1's head).
   * With augmentation (a phase-2 plan's: phase 1 always trains on its cache of features, the
   * fast feature extraction of Chollet's book; augmenting there would run the whole base on
   * every image every epoch, ten times slower), the training images go through the frozen
   * part batch by batch, each one augmented. Validation is never augmented: it stays cached.
   */
  async setPhase(k: number, augment: AugmentSpec | undefined, onProgress?: (p: LoadProgress) => void): Promise<void> {
    this.disposeCaches();
    this.split = splitTransferNetwork(this.network, k);
    const { train, validation, classes } = this.task;
    const total = imageCount(train) + imageCount(validation);
    const what =
      this.split.unfrozen === 0
        ? 'Calculando los rasgos de la base congelada'
        : `Calculando las activaciones a la entrada de ${this.split.cutName}`;
    const report = (done: number) => onProgress?.({ fraction: done / total, label: `${what}: ${done} de ${total} imágenes` });
    report(0);
    const resolution = this.network.resolution;
    const augmenter = this.split.unfrozen > 0 ? Augmenter.create(augment, this.seed) : null;
    if (augmenter) {
      this.train = new AugmentedActivations(this.split.frozen, train, resolution, classes, augmenter, this.batchesPerEpoch);
      report(imageCount(train));
    } else {
      this.train = await cacheActivations(this.split.frozen, train, resolution, classes, report);
    }
    this.validation = await cacheActivations(this.split.frozen, validation, resolution, classes, (n) => report(imageCount(train) + n));
  }

  /** RGB bytes of held-out images, as the task holds them. */
  heldOutImages(indices: readonly number[]): { side: number; images: Uint8Array[] } {
    const set: ImageSet = this.task.validation;
    return { side: set.side, images: imageBytes(set, indices) };
  }

  private disposeCaches(): void {
    this.train?.dispose();
    this.validation?.dispose();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeCaches();
    disposeTransferNetwork(this.network);
  }
}
