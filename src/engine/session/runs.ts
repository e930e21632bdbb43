import type { LoadProgress } from '../cifar10/load';
import { inspectFirstLayer, type FirstLayerView } from '../firstLayer';
import { session as say } from '../messages';
import { exportModel, savedModelSource, withMetadata, type ExportedModel, type SavedMetadata } from '../persistence';
import type { RunSpec } from '../spec';
import { throttleProgress } from '../throttle';
import type { StepTrace } from '../trace';
import { Trainer, type Evaluation, type FineTunePlan, type TrainerInfo, type TrainerUpdate } from '../trainer';
import type { BackendGuard } from './backendGuard';
import type { Datasets } from './datasets';

/**
 * The runs of one worker, in numbered slots so several can share the worker and its data
 * (the optimizer race trains three side by side); a widget with one run uses slot 0. Each
 * control goes to the slot's Trainer, which alone decides status and message.
 */
export class Runs {
  private trainers = new Map<number, Trainer>();
  /** Each slot's spec, for the tools that read what a run's model is. */
  private specs = new Map<number, RunSpec>();

  constructor(
    private readonly datasets: Datasets,
    private readonly guard: BackendGuard,
  ) {}

  /** True while any slot holds a run (its model lives on the active backend). */
  get active(): boolean {
    return this.trainers.size > 0;
  }

  /** Replaces any run in the slot with a new one; throws a Spanish message on bad input. */
  async create(
    spec: RunSpec,
    onUpdate: (update: TrainerUpdate) => void,
    slot = 0,
    onProgress?: (progress: LoadProgress) => void,
  ): Promise<{ info: TrainerInfo; snapshot: TrainerUpdate }> {
    await this.dispose(slot);
    const sources = await this.datasets.sourcesFor(spec);
    // Creating activates the run's backend: never in the middle of a tool's switch, and
    // the slot is filled before the next tool may look whether a run is active.
    return this.guard.serialise(async () => {
      const trainer = await Trainer.create(spec, { onUpdate, sources, onProgress: onProgress && throttleProgress(onProgress) });
      this.trainers.set(slot, trainer);
      this.specs.set(slot, spec);
      return { info: trainer.info, snapshot: trainer.snapshot() };
    });
  }

  start(slot = 0): Promise<void> {
    return this.current(slot).start();
  }

  pause(slot = 0): void {
    this.current(slot).pause();
  }

  step(unit: 'batch' | 'epoch', slot = 0): Promise<void> {
    return this.current(slot).step(unit);
  }

  /** One update with every intermediate number, for the step-by-step view. */
  traceStep(slot = 0): Promise<StepTrace | null> {
    return this.current(slot).traceStep();
  }

  stop(slot = 0): Promise<void> {
    return this.current(slot).stop();
  }

  reset(seed?: number, slot = 0): Promise<void> {
    return this.current(slot).reset(seed);
  }

  evaluateTest(slot = 0): Promise<Evaluation | null> {
    return this.current(slot).evaluateTest();
  }

  /** Transfer runs: unfreeze the top blocks and get ready to go on (phase 2). */
  fineTune(plan: FineTunePlan, slot = 0): Promise<void> {
    return this.current(slot).fineTune(plan);
  }

  /** Transfer runs: RGB bytes of held-out images, for the predictions gallery. */
  heldOutImages(indices: number[], slot = 0): { side: number; images: Uint8Array[] } | null {
    return this.current(slot).heldOutImages(indices);
  }

  /** CNN runs: the first Conv2D's learned filters and what they make of test image `index`. */
  async firstLayer(index: number, slot = 0): Promise<FirstLayerView> {
    const trainer = this.current(slot);
    const model = this.specs.get(slot)?.model;
    if (model?.kind !== 'cnn') throw new Error(say.firstLayerOnlyCnn);
    // The Reshape in front has no weights: the first two are the first Conv2D's kernel and bias.
    const [[kernel, bias], [image]] = await Promise.all([trainer.readWeights(), this.datasets.testImages([index])]);
    return inspectFirstLayer(model, kernel, bias, image);
  }

  /** Keeps the model in this browser's IndexedDB under `key` (with `metadata` in its model.json). */
  saveToBrowser(key: string, slot = 0, metadata?: SavedMetadata): Promise<void> {
    const url = `indexeddb://${key}`;
    return this.current(slot).saveModel(metadata ? withMetadata(url, metadata) : url);
  }

  /** The model in the tfjs format, for the page to offer as downloads. */
  exportModel(slot = 0, metadata?: SavedMetadata): Promise<ExportedModel> {
    const trainer = this.current(slot);
    return exportModel({ save: (handler) => trainer.saveModel(metadata ? withMetadata(handler, metadata) : handler) });
  }

  /** Weights from this browser's IndexedDB, or from model.json plus its weights files. */
  async loadWeights(from: { key: string } | { files: File[] }, slot = 0): Promise<void> {
    const trainer = this.current(slot);
    return trainer.loadWeights(await savedModelSource(from));
  }

  /** Ends the run in one slot, or every run. */
  async dispose(slot?: number): Promise<void> {
    const slots = slot === undefined ? [...this.trainers.keys()] : [slot];
    for (const s of slots) {
      await this.trainers.get(s)?.dispose();
      this.trainers.delete(s);
      this.specs.delete(s);
    }
  }

  private current(slot = 0): Trainer {
    const trainer = this.trainers.get(slot);
    if (!trainer) throw new Error(say.noRun);
    return trainer;
  }
}
