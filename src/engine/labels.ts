import type { BackendName } from './spec';

/** Spanish names for the UI. No tfjs here, so the page can import it without the engine. */
export const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU (JavaScript)',
};
