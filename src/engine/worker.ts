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
import type { Evaluation } from './trainer';

/** One backend's speed on the same short epoch; null with the reason when it could not run. */
export interface BackendSpeed {
  backend: BackendInfo['name'];
  samplesPerSecond: number | null;
  detail: string | null;
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

  /**
   * Downloads, checks and decodes CIFAR-10 once per worker (later calls reuse it) and
   * reports progress; a failed load can be retried.
   */
  async loadCifar10(baseUrl: string, onProgress: (progress: LoadProgress) => void, trainFiles = 5): Promise<{ train: number; test: number }> {
    // Progress crosses to the page at most ten times a second (the download reports per chunk).
    let last = 0;
    const throttled = (progress: LoadProgress) => {
      const now = performance.now();
      if (now - last < 100 && progress.fraction < 1) return;
      last = now;
      onProgress(progress);
    };
    this.cifar10 ??= loadCifar10((name) => fetch(new URL(name, baseUrl)), throttled, trainFiles);
    try {
      const data = await this.cifar10;
      return { train: data.trainLabels.length, test: data.testLabels.length };
    } catch (error) {
      this.cifar10 = null;
      throw error;
    }
  }

  /** Replaces any run in the slot with a new one; throws a Spanish message on bad input. */
  async create(
    spec: RunSpec,
    onUpdate: (update: TrainerUpdate) => void,
    slot = 0,
  ): Promise<{ info: TrainerInfo; snapshot: TrainerUpdate }> {
    await this.trainers.get(slot)?.dispose();
    this.trainers.delete(slot);
    const sources = spec.data.kind === 'cifar10' ? { cifar10: await this.loadedCifar10() } : {};
    const trainer = await Trainer.create(spec, { onUpdate, sources });
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
