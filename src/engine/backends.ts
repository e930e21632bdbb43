import * as tf from '@tensorflow/tfjs';
// Side-effect imports register the extra backends with tfjs.
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { BACKEND_LABELS } from './labels';
import { backends as say } from './messages';
import { BACKEND_NAMES, type BackendName, type BackendPreference } from './spec';

/** What this runtime offers for one backend, in words a student can read. */
export interface BackendInfo {
  name: BackendName;
  available: boolean;
  /** True when the "GPU" is a software rasteriser (SwiftShader, llvmpipe…). */
  software: boolean;
  /** Adapter or renderer description, or why the backend is missing. */
  detail: string;
}

export interface BackendChoice {
  name: BackendName;
  reason: string;
}

/** What the auto choice needs to know about the model. */
export interface ModelNeeds {
  params: number;
  convolution: boolean;
}

/** Below this many parameters, per-operation dispatch dominates and the CPU wins. */
export const TINY_MODEL_PARAMS = 10_000;

const SOFTWARE_PATTERN = /swiftshader|llvmpipe|lavapipe|software|basic render/i;

/** The WASM binaries ship with the site; the app passes their bundled URLs here. */
export function configureWasm(paths: Record<string, string>): void {
  setWasmPaths(paths);
}

type GpuLike = {
  requestAdapter(): Promise<{
    info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
    isFallbackAdapter?: boolean;
  } | null>;
};

async function probeWebGpu(): Promise<BackendInfo> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) {
    return { name: 'webgpu', available: false, software: false, detail: say.noWebGpu };
  }
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) {
      return { name: 'webgpu', available: false, software: false, detail: say.noAdapter };
    }
    const info = adapter.info ?? {};
    const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
    const software = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || SOFTWARE_PATTERN.test(text);
    return { name: 'webgpu', available: true, software, detail: text || say.unnamedAdapter };
  } catch (error) {
    return { name: 'webgpu', available: false, software: false, detail: say.adapterFailed(error) };
  }
}

function probeWebGl(): BackendInfo {
  const Offscreen = (globalThis as { OffscreenCanvas?: new (w: number, h: number) => { getContext(kind: string): unknown } })
    .OffscreenCanvas;
  if (!Offscreen) {
    return { name: 'webgl', available: false, software: false, detail: say.noWebGl };
  }
  const gl = new Offscreen(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
  if (!gl) {
    return { name: 'webgl', available: false, software: false, detail: say.noWebGl2 };
  }
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { name: 'webgl', available: true, software: SOFTWARE_PATTERN.test(renderer), detail: renderer };
}

function probeWasm(): BackendInfo {
  const available = typeof WebAssembly === 'object';
  return {
    name: 'wasm',
    available,
    software: false,
    detail: available ? say.wasm : say.noWasm,
  };
}

let probed: Promise<BackendInfo[]> | null = null;

/**
 * What each backend looks like in this runtime (browser, worker or Node). Asked once: the
 * answer does not change while the page lives, and asking opens a GPU adapter and a context.
 */
export function probeBackends(): Promise<BackendInfo[]> {
  probed ??= probe();
  return probed;
}

async function probe(): Promise<BackendInfo[]> {
  const inBrowser =
    typeof (globalThis as { navigator?: unknown }).navigator === 'object' &&
    typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== 'string';
  const webgl: BackendInfo = inBrowser ? probeWebGl() : { name: 'webgl', available: false, software: false, detail: say.nodeWebGl };
  return [await probeWebGpu(), webgl, probeWasm(), { name: 'cpu', available: true, software: false, detail: say.cpu }];
}

/**
 * Picks a backend. An explicit, available choice is honoured (even a software GPU: the
 * student asked for it); 'auto' weighs the model: tiny models go to the CPU, real ones to
 * a hardware GPU, then WebAssembly, then a software GPU.
 */
export function chooseBackend(preference: BackendPreference, backends: BackendInfo[], needs: ModelNeeds): BackendChoice {
  const info = (name: BackendName) => backends.find((b) => b.name === name)!;
  const usable = (name: BackendName) => info(name).available && !(name === 'wasm' && needs.convolution);

  if (preference !== 'auto') {
    if (usable(preference)) {
      const b = info(preference);
      const note = b.software ? say.softwareNote : '';
      return { name: preference, reason: say.chosen(BACKEND_LABELS[preference], b.detail, note) };
    }
    const why = preference === 'wasm' && needs.convolution ? say.wasmConvolution : info(preference).detail;
    const fallback = chooseBackend('auto', backends, needs);
    return { name: fallback.name, reason: say.refused(BACKEND_LABELS[preference], why, fallback.reason) };
  }

  if (needs.params <= TINY_MODEL_PARAMS) {
    return { name: 'cpu', reason: say.autoTiny(needs.params) };
  }
  for (const name of ['webgpu', 'webgl'] as const) {
    if (usable(name) && !info(name).software) {
      return { name, reason: say.autoGpu(BACKEND_LABELS[name], info(name).detail) };
    }
  }
  if (usable('wasm')) {
    return { name: 'wasm', reason: say.autoWasm };
  }
  for (const name of ['webgl', 'webgpu'] as const) {
    if (usable(name)) {
      return { name, reason: say.autoSoftware(BACKEND_LABELS[name], info(name).detail) };
    }
  }
  return { name: 'cpu', reason: say.autoCpu };
}

/** How the active GPU backend reports that it died; CPU backends never do. */
export interface BackendWatch {
  /** Spanish reason once the backend is lost, else null. */
  lost(): string | null;
  /** Settles when the backend is lost, so a read that would hang can be abandoned. */
  whenLost: Promise<string>;
}

/**
 * Watches the active backend: WebGPU announces loss through `device.lost`, WebGL through
 * its canvas's `webglcontextlost` event and `isContextLost()` (reads from a lost context
 * return zeros, so callers must ask after reading).
 */
export function watchBackend(name: BackendName): BackendWatch {
  const backend = tf.backend() as unknown as {
    device?: { lost: Promise<{ message?: string; reason?: string }> };
    gpgpu?: { gl: WebGLRenderingContext };
  };
  if (name === 'webgpu' && backend.device) {
    let reason: string | null = null;
    const whenLost = backend.device.lost.then((info) => {
      reason = say.webGpuLost(info.message || info.reason);
      return reason;
    });
    return { lost: () => reason, whenLost };
  }
  if (name === 'webgl' && backend.gpgpu) {
    const gl = backend.gpgpu.gl;
    const reason = say.webGlLost;
    // tfjs's async reads poll a fence that never signals on a lost context: the event ends them.
    const whenLost = new Promise<string>((resolve) =>
      (gl as unknown as { canvas: EventTarget }).canvas.addEventListener('webglcontextlost', () => resolve(reason), { once: true }),
    );
    return { lost: () => (gl.isContextLost() ? reason : null), whenLost };
  }
  return { lost: () => null, whenLost: new Promise(() => {}) };
}

/** Activates a backend, failing loudly (in Spanish) if tfjs cannot initialise it. */
export async function activateBackend(name: BackendName): Promise<void> {
  if (tf.getBackend() === name) return;
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(say.cannotStart(BACKEND_LABELS[name]));
  await tf.ready();
}

export function isBackendName(value: string): value is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(value);
}
