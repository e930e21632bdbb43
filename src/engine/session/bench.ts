import { probeBackends, type BackendInfo } from '../backends';
import { session as say } from '../messages';
import type { RunSpec } from '../spec';
import { Trainer } from '../trainer';
import type { BackendGuard } from './backendGuard';
import type { Datasets } from './datasets';

/** One backend's speed on the same short epoch; null with the reason when it could not run. */
export interface BackendSpeed {
  backend: BackendInfo['name'];
  samplesPerSecond: number | null;
  detail: string | null;
}

/**
 * Trains one short epoch of `spec` on `images` CIFAR-10 images on every usable backend in
 * turn and measures samples per second. It moves tfjs's global backend from one to the
 * next, so it needs a worker without runs.
 */
export function compareBackends(spec: RunSpec, images: number, datasets: Datasets, guard: BackendGuard): Promise<BackendSpeed[]> {
  return guard.exclusive(async () => {
    const data = await datasets.loadedCifar10();
    const results: BackendSpeed[] = [];
    for (const info of await probeBackends()) {
      if (!info.available) {
        results.push({ backend: info.name, samplesPerSecond: null, detail: info.detail });
        continue;
      }
      const run: RunSpec = {
        ...spec,
        data: { kind: 'cifar10', train: images },
        validationSplit: 0,
        epochs: 1,
        callbacks: [],
        histograms: false,
        backend: info.name,
      };
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
  }, say.benchNeedsOwnWorker);
}
