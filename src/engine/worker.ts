/// <reference lib="webworker" />
/**
 * The engine inside a dedicated Web Worker, so training never blocks the page.
 * Comlink carries the calls; one worker serves one widget.
 */
import * as Comlink from 'comlink';
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

// The binaries are bundled with the site; tfjs must never fetch them from a CDN.
configureWasm({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

export class EngineSession {
  private trainer: Trainer | null = null;

  /** Replaces any current run with a new one; throws a Spanish message on bad input. */
  async create(
    spec: RunSpec,
    onUpdate: (update: TrainerUpdate) => void,
  ): Promise<{ info: TrainerInfo; snapshot: TrainerUpdate }> {
    await this.dispose();
    const trainer = await Trainer.create(spec, { onUpdate });
    this.trainer = trainer;
    return { info: trainer.info, snapshot: trainer.snapshot() };
  }

  start(): Promise<void> {
    return this.current().start();
  }

  pause(): void {
    this.current().pause();
  }

  step(unit: 'batch' | 'epoch'): Promise<void> {
    return this.current().step(unit);
  }

  /** One update with every intermediate number, for the step-by-step view. */
  traceStep(): Promise<StepTrace | null> {
    return this.current().traceStep();
  }

  stop(): Promise<void> {
    return this.current().stop();
  }

  reset(seed?: number): Promise<void> {
    return this.current().reset(seed);
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

  async dispose(): Promise<void> {
    await this.trainer?.dispose();
    this.trainer = null;
  }

  private current(): Trainer {
    if (!this.trainer) throw new Error('No hay ningún entrenamiento preparado.');
    return this.trainer;
  }
}

Comlink.expose(new EngineSession());
