import type { LoadProgress } from '../cifar10/load';
import type { DataSources } from '../data';
import { EngineInputError } from '../errors';
import type { RunSource } from '../fit/source';
import type { FineTunePlan } from '../fit/types';
import { fineTune as say } from '../messages';
import { OPTIMIZER_DEFAULTS } from '../optimizers';
import type { AugmentSpec, OptimizerSpec, RunSpec } from '../spec';
import { validateAugment } from '../validate';
import { TransferRun, type PhaseMark } from './run';

/**
 * A transfer run as the loop sees it: the part above the cut trains on cached activations,
 * and phase 2 moves the cut down (fineTune), with its own learning rate and phase mark.
 */
export class TransferSource implements RunSource {
  private run!: TransferRun;
  /** Top blocks unfrozen now: a rebuild after a backend move returns to this phase. */
  private unfrozen = 0;
  /** The current phase's augmentation (phase 2 only), for the same reason. */
  private augment: AugmentSpec | undefined;
  optimizerSpec: OptimizerSpec;
  readonly phases: PhaseMark[] = [];
  /** Cached activations inside a base can be big per sample: judged in training-size batches. */
  readonly testBatchSize: number;

  private constructor(
    private readonly spec: RunSpec,
    private readonly sources: DataSources,
    private readonly onProgress?: (progress: LoadProgress) => void,
  ) {
    this.optimizerSpec = spec.optimizer;
    this.testBatchSize = spec.batchSize ?? 32;
  }

  /** Phase 1: the base frozen, its pooled features cached. */
  static async open(spec: RunSpec, sources: DataSources, onProgress?: (progress: LoadProgress) => void): Promise<TransferSource> {
    const source = new TransferSource(spec, sources, onProgress);
    await source.build();
    source.phases.push(source.mark(0));
    return source;
  }

  async build(): Promise<void> {
    this.run = await TransferRun.create(this.spec, this.sources, this.unfrozen, this.augment, this.onProgress);
  }

  get model() {
    return this.run.trainable;
  }

  get wholeModel() {
    return this.run.network.model;
  }

  get train() {
    return this.run.train;
  }

  get validation() {
    return this.run.validation;
  }

  /** The held-out images are the transfer task's test set too (confusion matrix, gallery). */
  get test() {
    return this.run.validation;
  }

  get blocks() {
    return this.run.blocks;
  }

  counts(): { total: number; trainable: number } {
    return this.run.counts();
  }

  heldOutImages(indices: number[]): { side: number; images: Uint8Array[] } {
    return this.run.heldOutImages(indices);
  }

  checkFineTune(plan: FineTunePlan): void {
    const blocks = this.run.blocks.length;
    if (!Number.isInteger(plan.unfreeze) || plan.unfreeze < 1 || plan.unfreeze > blocks) {
      throw new EngineInputError(say.unfreeze(blocks, plan.unfreeze));
    }
    if (typeof plan.learningRate !== 'number' || !Number.isFinite(plan.learningRate) || plan.learningRate <= 0) {
      throw new EngineInputError(say.learningRate(plan.learningRate));
    }
    if (!Number.isInteger(plan.epochs) || plan.epochs < 1 || plan.epochs > 1_000_000) {
      throw new EngineInputError(say.epochs(plan.epochs));
    }
    if (plan.augment) validateAugment(plan.augment);
  }

  /**
   * Unfreezes the top `plan.unfreeze` blocks (BatchNormalization stays in inference mode)
   * and caches the activations at the input of the first unfrozen one; the layers above
   * keep their weights. The optimizer is made anew at the plan's learning rate, as Keras
   * does when the model is compiled again.
   */
  async fineTune(plan: FineTunePlan, epoch: number): Promise<void> {
    this.unfrozen = plan.unfreeze;
    this.augment = plan.augment;
    this.optimizerSpec = { ...this.spec.optimizer, learningRate: plan.learningRate };
    await this.run.setPhase(plan.unfreeze, plan.augment, this.onProgress);
    this.phases.push(this.mark(epoch));
  }

  dispose(): void {
    // Its models share layers; the run frees each weight and cache exactly once.
    this.run.dispose();
  }

  private mark(epoch: number): PhaseMark {
    const learningRate = this.optimizerSpec.learningRate ?? OPTIMIZER_DEFAULTS[this.optimizerSpec.name].learningRate;
    return { epoch, unfrozen: this.run.unfrozen, learningRate, cutName: this.run.cutName, augmented: this.run.augmented };
  }
}
