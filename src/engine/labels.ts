import type { BackendName, LossName } from './spec';

/** Spanish names for the UI. No tfjs here, so the page can import it without the engine. */
export const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU (JavaScript)',
};

export const LOSS_LABELS: Record<LossName, string> = {
  mse: 'error cuadrático medio (MSE)',
  binary_crossentropy: 'entropía cruzada binaria',
  categorical_crossentropy: 'entropía cruzada categórica',
  sparse_categorical_crossentropy: 'entropía cruzada categórica (etiquetas enteras)',
};
