/// <reference lib="webworker" />
/**
 * The engine inside a dedicated Web Worker, so training never blocks the page.
 * Comlink carries the calls; one worker serves one widget.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import {
  activateBackend,
  chooseBackend,
  configureWasm,
  probeBackends,
  Trainer,
  type BackendChoice,
  type BackendInfo,
  type BackendPreference,
  type RunSpec,
  type StepTrace,
  type TrainerInfo,
  type TrainerUpdate,
} from '.';
import { inspectSoftmax, type SoftmaxInspection } from './softmax';
import { IMAGE_BYTES } from './cifar10/classes';
import { loadCifar10, type Cifar10Data, type LoadProgress } from './cifar10/load';
import { featureMaps, type FeatureMaps, type Padding } from './convolution';
import type { Evaluation, FineTunePlan } from './trainer';
import type { DataSources } from './data';
import type { TransferBase } from './spec';
import type { UserImages } from './transfer/images';
import { cacheModelFiles, loadModelWeights, MissingWeightsError } from './transfer/weights';
import { modelFiles } from './efficientnet/files';
import { EngineInputError } from './errors';

/** One backend's speed on the same short epoch; null with the reason when it could not run. */
export interface BackendSpeed {
  backend: BackendInfo['name'];
  samplesPerSecond: number | null;
  detail: string | null;
}

/** Which weights a transfer base holds in this worker, and where they came from. */
export type BaseWeights =
  | {
      status: 'ready';
      base: TransferBase;
      /** 'network': downloaded now; 'cache': this browser's copy; 'file': a .h5 the student converted just now. */
      origin: 'network' | 'cache' | 'file';
      /** The model.json's userDefinedMetadata: `weights` ('imagenet', 'cifar10-6'), `source`, … */
      metadata: Record<string, unknown>;
      bytes: number;
    }
  | { status: 'missing'; base: TransferBase; message: string };

const BASE_NAMES: Record<TransferBase, string> = { b0: 'EfficientNetB0', b3: 'EfficientNetB3', mini: 'EfficientNet mini' };

/** Progress crosses to the page at most ten times a second (downloads report per chunk). */
function throttle(onProgress: (progress: LoadProgress) => void): (progress: LoadProgress) => void {
  let last = 0;
  return (progress) => {
    const now = performance.now();
    if (now - last < 100 && progress.fraction < 1 && progress.fraction > 0) return;
    last = now;
    onProgress(progress);
  };
}

// The binaries are bundled with the site; tfjs must never fetch them from a CDN.
configureWasm({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

/**
 * Runs live in numbered slots so several can share one worker and its data (the optimizer
 * race trains three side by side); a widget with one run uses slot 0.
 */
export class EngineSession {
  private trainers = new Map<number, Trainer>();
  private cifar10: Promise<Cifar10Data> | null = null;
  /** Transfer learning: converted weights per base, and the student's own images. */
  private bases: NonNullable<DataSources['bases']> = {};
  private userImages: UserImages | null = null;

  /**
   * Downloads, checks and decodes CIFAR-10 once per worker (later calls reuse it) and
   * reports progress; a failed load can be retried.
   */
  async loadCifar10(baseUrl: string, onProgress: (progress: LoadProgress) => void, trainFiles = 5): Promise<{ train: number; test: number }> {
    this.cifar10 ??= loadCifar10((name) => fetch(new URL(name, baseUrl)), throttle(onProgress), trainFiles);
    try {
      const data = await this.cifar10;
      return { train: data.trainLabels.length, test: data.testLabels.length };
    } catch (error) {
      this.cifar10 = null;
      throw error;
    }
  }

  /**
   * Converted weights for a transfer base, from the site's own origin (model.json at
   * `modelUrl`) or this browser's cache, with progress. Absent weights are an answer, not
   * an error: the page then offers the offline base.
   */
  async loadBase(base: TransferBase, modelUrl: string, onProgress: (progress: LoadProgress) => void): Promise<BaseWeights> {
    try {
      const loaded = await loadModelWeights(modelUrl, BASE_NAMES[base], throttle(onProgress));
      this.bases[base] = loaded.artifacts;
      return { status: 'ready', base, origin: loaded.origin, metadata: loaded.metadata, bytes: loaded.bytes };
    } catch (error) {
      if (error instanceof MissingWeightsError) return { status: 'missing', base, message: error.message };
      throw error;
    }
  }

  /**
   * An official Keras file (efficientnetb0_notop.h5 or efficientnetb3_notop.h5) converted
   * here by the project's converter; kept in this browser's cache under the address the
   * site would serve those weights from (`modelUrls`), so it works offline from now on.
   */
  async convertBaseFile(bytes: Uint8Array, fileName: string, modelUrls: Record<'b0' | 'b3', string>): Promise<BaseWeights> {
    // Loaded on demand: the converter pulls in 4.8 MB of h5wasm.
    const { convertBaseFile } = await import('./transfer/baseFile');
    // Building the model to convert into needs some backend; a run's, if one is active already.
    await tf.ready();
    const { base, artifacts } = await convertBaseFile(bytes);
    const metadata = { weights: 'imagenet', source: fileName };
    artifacts.userDefinedMetadata = metadata;
    await cacheModelFiles(modelUrls[base], modelFiles(artifacts));
    this.bases[base] = artifacts;
    return { status: 'ready', base, origin: 'file', metadata, bytes: (artifacts.weightData as ArrayBuffer).byteLength };
  }

  /** The student's own images (decoded by the page) for runs with `user-images` data. */
  setUserImages(images: UserImages): void {
    if (images.images.length !== images.labels.length * images.side * images.side * 3) {
      throw new EngineInputError('Las imágenes propias no tienen el tamaño que dicen tener.');
    }
    this.userImages = images;
  }

  /** Replaces any run in the slot with a new one; throws a Spanish message on bad input. */
  async create(
    spec: RunSpec,
    onUpdate: (update: TrainerUpdate) => void,
    slot = 0,
    onProgress?: (progress: LoadProgress) => void,
  ): Promise<{ info: TrainerInfo; snapshot: TrainerUpdate }> {
    await this.trainers.get(slot)?.dispose();
    this.trainers.delete(slot);
    const sources = await this.sourcesFor(spec);
    const trainer = await Trainer.create(spec, { onUpdate, sources, onProgress: onProgress && throttle(onProgress) });
    this.trainers.set(slot, trainer);
    return { info: trainer.info, snapshot: trainer.snapshot() };
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

  /** Raw RGB bytes of official test images (galleries, the convolution widget). */
  async testImages(indices: number[]): Promise<Uint8Array[]> {
    const { testImages } = await this.loadedCifar10();
    return indices.map((i) => testImages.slice(i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES));
  }

  /** One 3×3 filter over a grey image, on the chosen backend (the convolution widget). */
  async convolve(
    gray: number[],
    side: number,
    kernel: number[],
    stride: 1 | 2,
    padding: Padding,
    preference: BackendPreference,
  ): Promise<FeatureMaps & { backend: BackendChoice }> {
    const backend = chooseBackend(preference, await probeBackends(), { params: 9, convolution: true });
    await activateBackend(backend.name);
    return { ...(await featureMaps(gray, side, kernel, stride, padding)), backend };
  }

  /** Keeps the model in this browser's IndexedDB under `key`. */
  saveToBrowser(key: string, slot = 0): Promise<void> {
    return this.current(slot).saveModel(`indexeddb://${key}`);
  }

  /** The model in the tfjs format, for the page to offer as downloads. */
  async exportModel(slot = 0): Promise<{ modelJson: string; weights: ArrayBuffer }> {
    let exported: { modelJson: string; weights: ArrayBuffer } | null = null;
    await this.current(slot).saveModel(
      tf.io.withSaveHandler(async (artifacts) => {
        const weights = tf.io.concatenateArrayBuffers(
          Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData ?? new ArrayBuffer(0)],
        );
        const modelJson = JSON.stringify({
          modelTopology: artifacts.modelTopology,
          format: artifacts.format,
          generatedBy: artifacts.generatedBy,
          convertedBy: artifacts.convertedBy,
          weightsManifest: [{ paths: ['./model.weights.bin'], weights: artifacts.weightSpecs }],
        });
        exported = { modelJson, weights };
        return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
      }),
    );
    return Comlink.transfer(exported!, [exported!.weights]);
  }

  /** Weights from this browser's IndexedDB, or from model.json plus its weights files. */
  async loadWeights(from: { key: string } | { files: File[] }, slot = 0): Promise<void> {
    const trainer = this.current(slot);
    if ('key' in from) {
      const saved = await tf.io.listModels();
      if (!saved[`indexeddb://${from.key}`]) throw new Error('No hay ningún modelo guardado en este navegador.');
      return trainer.loadWeights(`indexeddb://${from.key}`);
    }
    const json = from.files.find((f) => f.name.endsWith('.json'));
    if (!json) throw new Error('Falta el archivo model.json del modelo.');
    return trainer.loadWeights(tf.io.browserFiles([json, ...from.files.filter((f) => f !== json)]));
  }

  /**
   * Trains one short epoch of `spec` on every usable backend in turn and measures samples
   * per second. It switches tfjs's global backend, so it runs in a worker of its own.
   */
  async compareBackends(spec: RunSpec, images: number): Promise<BackendSpeed[]> {
    if (this.trainers.size > 0) throw new Error('La comparación de motores necesita un proceso de cálculo propio.');
    const data = await this.loadedCifar10();
    const backends = await probeBackends();
    const results: BackendSpeed[] = [];
    for (const info of backends) {
      if (!info.available) {
        results.push({ backend: info.name, samplesPerSecond: null, detail: info.detail });
        continue;
      }
      const run: RunSpec = { ...spec, data: { kind: 'cifar10', train: images }, validationSplit: 0, epochs: 1, callbacks: [], histograms: false, backend: info.name };
      let trainer: Trainer | null = null;
      try {
        trainer = await Trainer.create(run, { sources: { cifar10: data } });
        const started = performance.now();
        await trainer.start();
        const seconds = (performance.now() - started) / 1000;
        results.push({ backend: info.name, samplesPerSecond: images / seconds, detail: null });
      } catch (error) {
        results.push({ backend: info.name, samplesPerSecond: null, detail: error instanceof Error ? error.message : String(error) });
      } finally {
        await trainer?.dispose();
      }
    }
    return results;
  }

  /**
   * What this browser offers, and what `auto` would pick for a tiny model, the CIFAR-10
   * MLP and a convolutional network (for the capabilities page).
   */
  async capabilities(): Promise<{ backends: BackendInfo[]; choices: { model: string; choice: BackendChoice }[] }> {
    const backends = await probeBackends();
    const models = [
      { model: 'Una neurona (3 parámetros)', needs: { params: 3, convolution: false } },
      { model: 'El MLP de CIFAR-10 (6.305.802 parámetros)', needs: { params: 6_305_802, convolution: false } },
      { model: 'EfficientNetB0 con convoluciones (4.049.571 parámetros)', needs: { params: 4_049_571, convolution: true } },
    ];
    return { backends, choices: models.map(({ model, needs }) => ({ model, choice: chooseBackend('auto', backends, needs) })) };
  }

  /** Softmax, loss and both gradients for the softmax widget (no training run needed). */
  async inspectSoftmax(
    logits: number[],
    target: number,
    preference: BackendPreference,
  ): Promise<SoftmaxInspection & { backend: BackendChoice }> {
    const backend = chooseBackend(preference, await probeBackends(), { params: logits.length, convolution: false });
    await activateBackend(backend.name);
    return { ...(await inspectSoftmax(logits, target)), backend };
  }

  /** Ends the run in one slot, or every run. */
  async dispose(slot?: number): Promise<void> {
    const slots = slot === undefined ? [...this.trainers.keys()] : [slot];
    for (const s of slots) {
      await this.trainers.get(s)?.dispose();
      this.trainers.delete(s);
    }
  }

  private async sourcesFor(spec: RunSpec): Promise<DataSources> {
    const sources: DataSources = { bases: this.bases };
    if (spec.data.kind === 'cifar10' || spec.data.kind === 'cifar10-classes') sources.cifar10 = await this.loadedCifar10();
    if (this.userImages) sources.userImages = this.userImages;
    return sources;
  }

  private async loadedCifar10(): Promise<Cifar10Data> {
    if (!this.cifar10) throw new Error('Los datos de CIFAR-10 no están cargados.');
    return this.cifar10;
  }

  private current(slot: number): Trainer {
    const trainer = this.trainers.get(slot);
    if (!trainer) throw new Error('No hay ningún entrenamiento preparado.');
    return trainer;
  }
}

Comlink.expose(new EngineSession());
