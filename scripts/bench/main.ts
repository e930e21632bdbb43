/**
 * The benchmark page: it owns one worker per backend and exposes `window.bench`, which the
 * Node runner (run.mjs) calls through Playwright. Nothing is timed here; the worker times.
 */
import * as Comlink from 'comlink';
import type { BackendName } from '../../src/engine';
import type { BenchWorker, RunArgs } from './worker';

let worker: Worker | null = null;
let api: Comlink.Remote<BenchWorker> | null = null;
/** Rejects when the worker dies (a failed module load or an uncaught error). */
let crashed: Promise<never> = new Promise(() => {});

function close(): void {
  api?.[Comlink.releaseProxy]();
  worker?.terminate();
  worker = null;
  api = null;
}

async function open(backend: BackendName) {
  close();
  const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  crashed = new Promise<never>((_, reject) => {
    w.addEventListener('error', (e) => reject(new Error(`bench worker failed: ${e.message || 'could not load'}`)));
  });
  crashed.catch(() => {});
  worker = w;
  api = Comlink.wrap<BenchWorker>(w);
  return Promise.race([api.init(backend), crashed]);
}

async function run(args: RunArgs) {
  if (!api) throw new Error('open a backend first');
  return Promise.race([api.run(args), crashed]);
}

/** The main thread's WebGPU adapter, in words (null when there is none). */
async function adapter(): Promise<{ ok: boolean; detail: string }> {
  type Info = { vendor?: string; architecture?: string; device?: string; description?: string };
  const gpu = (navigator as { gpu?: { requestAdapter(): Promise<{ info?: Info } | null> } }).gpu;
  if (!gpu) return { ok: false, detail: 'navigator.gpu is missing (WebGPU disabled in this browser)' };
  const a = await gpu.requestAdapter();
  if (!a) return { ok: false, detail: 'navigator.gpu.requestAdapter() returned null (no WebGPU adapter)' };
  const i = a.info ?? {};
  const detail = [i.vendor, i.architecture, i.device, i.description].filter(Boolean).join(' / ');
  return { ok: true, detail: detail || 'unnamed adapter' };
}

async function load(base: string, trainFiles: number) {
  if (!api) throw new Error('open a backend first');
  return Promise.race([api.load(base, trainFiles), crashed]);
}

async function transfer(modelUrl: string) {
  if (!api) throw new Error('open a backend first');
  return Promise.race([api.transfer(modelUrl), crashed]);
}

const bench = { open, run, load, transfer, close, adapter };
export type BenchPage = typeof bench;
(window as unknown as { bench: BenchPage }).bench = bench;
document.title += ' (ready)';
