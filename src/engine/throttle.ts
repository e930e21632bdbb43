import type { LoadProgress } from './cifar10/load';
import type { BackendName } from './spec';

/**
 * How often messages cross from the engine to the page. Each message costs a structured
 * clone and a React render, and on a GPU each read-back drains the device's queue, so
 * runs and downloads speak at a steady pace instead of per batch or per chunk.
 */

/** A run's default: about one update per animation frame. */
export const UPDATE_INTERVAL_MS = 16;

/** Progress of long loads (downloads report per chunk): at most ten times a second. */
export const PROGRESS_INTERVAL_MS = 100;

/** Reading results back drains a GPU's queue (measured: ten reads a second cost a tenth of a tiny model's speed on WebGL). */
const GPU_READ_INTERVAL_MS = 250;

/**
 * How often a run reads results back and updates the page: every `requested` ms on the
 * CPU, where a read is free; at most four times a second on a GPU, as often as charts redraw.
 */
export function updateInterval(backend: BackendName, requested = UPDATE_INTERVAL_MS): number {
  return backend === 'webgpu' || backend === 'webgl' ? Math.max(requested, GPU_READ_INTERVAL_MS) : requested;
}

/** Passes the first and last reports of a load and at most one per `PROGRESS_INTERVAL_MS` between them. */
export function throttleProgress(onProgress: (progress: LoadProgress) => void): (progress: LoadProgress) => void {
  let last = 0;
  return (progress) => {
    const now = performance.now();
    if (now - last < PROGRESS_INTERVAL_MS && progress.fraction < 1 && progress.fraction > 0) return;
    last = now;
    onProgress(progress);
  };
}
