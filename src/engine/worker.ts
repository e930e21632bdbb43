/// <reference lib="webworker" />
/**
 * The engine inside a dedicated Web Worker, so training never blocks the page. Comlink
 * carries the calls; one worker serves one widget. This file only composes the session's
 * parts and exposes their methods under the names the page calls; each part documents its
 * own (src/engine/session):
 * - datasets: CIFAR-10, the transfer bases' weights and the student's own images, loaded once;
 * - runs: the training runs in numbered slots, their controls, saving and loading models;
 * - classifier: a saved transfer model judging new photos ("Usar mi modelo", ../transfer/classifier.ts);
 * - tools: convolution and softmax, computed without a run;
 * - race: the optimizer race on a loss surface, advanced by the page a few updates at a time;
 * - bench and capabilities: how fast each backend trains, and what `auto` would pick;
 * - backendGuard: the one gate through which all of them change tfjs's global backend.
 */
import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { configureWasm } from './backends';
import { savedModelSource, type ExportedModel } from './persistence';
import type { BackendPreference, RunSpec } from './spec';
import { BackendGuard } from './session/backendGuard';
import { compareBackends, type BackendSpeed } from './session/bench';
import { capabilities } from './session/capabilities';
import { Datasets } from './session/datasets';
import { Runs } from './session/runs';
import { SavedClassifier } from './transfer/classifier';
import { RaceTrack } from './session/race';
import { Tools } from './session/tools';

// The binaries are bundled with the site; tfjs must never fetch them from a CDN.
configureWasm({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

/** Everything the page can ask one worker; run controls take a slot, 0 unless the widget runs several. */
export class EngineSession {
  private readonly datasets = new Datasets();
  private readonly guard: BackendGuard = new BackendGuard(() => this.runs.active || this.race.active);
  private readonly runs = new Runs(this.datasets, this.guard);
  private readonly tools = new Tools(this.guard);
  private readonly race = new RaceTrack(this.guard);
  private readonly classifier = new SavedClassifier();

  // Data shared by the worker's runs.
  cifar10Availability(...args: Parameters<Datasets['cifar10Availability']>) {
    return this.datasets.cifar10Availability(...args);
  }
  loadCifar10(...args: Parameters<Datasets['loadCifar10']>) {
    return this.datasets.loadCifar10(...args);
  }
  testImages(...args: Parameters<Datasets['testImages']>) {
    return this.datasets.testImages(...args);
  }
  loadBase(...args: Parameters<Datasets['loadBase']>) {
    return this.datasets.loadBase(...args);
  }
  convertBaseFile(...args: Parameters<Datasets['convertBaseFile']>) {
    return this.datasets.convertBaseFile(...args);
  }
  setUserImages(...args: Parameters<Datasets['setUserImages']>) {
    return this.datasets.setUserImages(...args);
  }

  // Runs, their controls, and their models in and out.
  create(...args: Parameters<Runs['create']>) {
    return this.runs.create(...args);
  }
  start(...args: Parameters<Runs['start']>) {
    return this.runs.start(...args);
  }
  pause(...args: Parameters<Runs['pause']>) {
    return this.runs.pause(...args);
  }
  step(...args: Parameters<Runs['step']>) {
    return this.runs.step(...args);
  }
  traceStep(...args: Parameters<Runs['traceStep']>) {
    return this.runs.traceStep(...args);
  }
  stop(...args: Parameters<Runs['stop']>) {
    return this.runs.stop(...args);
  }
  reset(...args: Parameters<Runs['reset']>) {
    return this.runs.reset(...args);
  }
  evaluateTest(...args: Parameters<Runs['evaluateTest']>) {
    return this.runs.evaluateTest(...args);
  }
  fineTune(...args: Parameters<Runs['fineTune']>) {
    return this.runs.fineTune(...args);
  }
  firstLayer(...args: Parameters<Runs['firstLayer']>) {
    return this.runs.firstLayer(...args);
  }
  heldOutImages(...args: Parameters<Runs['heldOutImages']>) {
    return this.runs.heldOutImages(...args);
  }
  saveToBrowser(...args: Parameters<Runs['saveToBrowser']>) {
    return this.runs.saveToBrowser(...args);
  }
  loadWeights(...args: Parameters<Runs['loadWeights']>) {
    return this.runs.loadWeights(...args);
  }
  dispose(...args: Parameters<Runs['dispose']>) {
    return this.runs.dispose(...args);
  }

  /** The weights cross to the page moved, not copied. */
  async exportModel(...args: Parameters<Runs['exportModel']>): Promise<ExportedModel> {
    const exported = await this.runs.exportModel(...args);
    return Comlink.transfer(exported, [exported.weights]);
  }

  // A saved transfer model on new photos.
  // On the backend of the widget's run when there is one (the page passes it), so neither moves the other.
  loadClassifier(from: { key: string } | { files: File[] }, preference: BackendPreference) {
    return this.guard.withBackend(preference, SavedClassifier.needs, async () => this.classifier.load(await savedModelSource(from)));
  }
  classify(images: Uint8Array, side: number, preference: BackendPreference) {
    return this.guard.withBackend(preference, SavedClassifier.needs, async () => ({
      probabilities: await this.classifier.classify(images, side),
    }));
  }

  // Tools, the backend comparison and what this browser offers.
  convolve(...args: Parameters<Tools['convolve']>) {
    return this.tools.convolve(...args);
  }
  inspectSoftmax(...args: Parameters<Tools['inspectSoftmax']>) {
    return this.tools.inspectSoftmax(...args);
  }
  paramCount(...args: Parameters<Tools['paramCount']>) {
    return this.tools.paramCount(...args);
  }

  // The optimizer race on a loss surface.
  createRace(...args: Parameters<RaceTrack['create']>) {
    return this.race.create(...args);
  }
  advanceRace(...args: Parameters<RaceTrack['advance']>) {
    return this.race.advance(...args);
  }
  disposeRace() {
    this.race.dispose();
  }
  compareBackends(spec: RunSpec, images: number): Promise<BackendSpeed[]> {
    return compareBackends(spec, images, this.datasets, this.guard);
  }
  capabilities() {
    return capabilities();
  }
}

Comlink.expose(new EngineSession());
