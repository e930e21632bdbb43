import type * as tf from '@tensorflow/tfjs';
import type { LoadProgress } from '../cifar10/load';
import { loadData, type Dataset, type DataSources, type LabelledDataset } from '../data';
import { fineTune as say } from '../messages';
import { buildModel, countParams } from '../models';
import type { OptimizerSpec, PlainModelSpec, RunSpec } from '../spec';
import type { BlockInfo, PhaseMark } from '../transfer/run';
import { TransferSource } from '../transfer/source';
import type { FineTunePlan } from './types';

/**
 * Where a run's model and data come from. A plain run builds its model and loads its data;
 * a transfer run (../transfer/source.ts) trains the top of a network on cached activations
 * and can change phase. The loop and the Trainer see only this.
 */
export interface RunSource {
  /** The model that trains. */
  readonly model: tf.LayersModel;
  /** What a saved copy holds when that is more than `model`: a transfer run's whole network, pixels in. */
  readonly wholeModel?: tf.LayersModel;
  readonly train: Dataset;
  readonly validation: Dataset | null;
  /** Judged sample by sample after training (confusion matrix, gallery). */
  readonly test: LabelledDataset | null;
  /** Batch size for that judgement. */
  readonly testBatchSize: number;
  /** The optimizer settings of the current phase. */
  readonly optimizerSpec: OptimizerSpec;
  /** Where each phase began; empty for a run with a single phase. */
  readonly phases: readonly PhaseMark[];
  /** The blocks phase 2 can unfreeze, from the input side. */
  readonly blocks?: BlockInfo[];
  /** Parameters of the whole network, and those that train now. */
  counts(): { total: number; trainable: number };
  /** RGB bytes of held-out images, for the evaluation's gallery. */
  heldOutImages(indices: number[]): { side: number; images: Uint8Array[] } | null;
  /** Refuses, in Spanish, a phase-2 plan this run cannot follow. */
  checkFineTune(plan: FineTunePlan): void;
  /** Enters phase 2 at `epoch`: what trains, and the data it trains on, change. */
  fineTune(plan: FineTunePlan, epoch: number): Promise<void>;
  /** Builds model and data on the active backend, in the current phase (again after a backend move). */
  build(): Promise<void>;
  /** Frees model and data. */
  dispose(): void;
}

export interface SourceOptions {
  sources?: DataSources;
  onProgress?: (progress: LoadProgress) => void;
}

/** The run's source, built on the active backend in its first phase. */
export async function openSource(spec: RunSpec, options: SourceOptions): Promise<RunSource> {
  const sources = options.sources ?? {};
  if (spec.model.kind === 'transfer') return TransferSource.open(spec, sources, options.onProgress);
  const source = new PlainSource(spec, spec.model, sources);
  await source.build();
  return source;
}

/** A model built from its spec, trained on data loaded from its spec: one phase. */
class PlainSource implements RunSource {
  model!: tf.LayersModel;
  train!: Dataset;
  validation: Dataset | null = null;
  test: LabelledDataset | null = null;
  readonly phases: PhaseMark[] = [];
  readonly optimizerSpec: OptimizerSpec;
  /** Small samples: big batches judge fastest. */
  readonly testBatchSize: number;

  constructor(
    private readonly spec: RunSpec,
    private readonly modelSpec: PlainModelSpec,
    private readonly sources: DataSources,
  ) {
    this.optimizerSpec = spec.optimizer;
    this.testBatchSize = Math.max(spec.batchSize ?? 0, 500);
  }

  async build(): Promise<void> {
    const { spec } = this;
    this.model = buildModel(this.modelSpec, spec.seed);
    const data = loadData(spec.data, spec.validationSplit ?? 0, spec.loss === 'sparse_categorical_crossentropy', this.sources);
    this.train = data.train;
    this.validation = data.validation;
    this.test = data.test;
  }

  counts(): { total: number; trainable: number } {
    return countParams(this.model);
  }

  heldOutImages(): null {
    return null;
  }

  checkFineTune(): void {
    throw new Error(say.onlyTransfer);
  }

  async fineTune(): Promise<void> {
    this.checkFineTune();
  }

  dispose(): void {
    this.model.dispose();
    this.train.dispose();
    this.validation?.dispose();
    this.test?.dispose();
  }
}
