import * as Comlink from 'comlink';
import { useState } from 'react';
import { BACKEND_LABELS, type BackendSpeed, MIN_TRAIN_IMAGES, type RunSpec } from '../../engine/protocol';
import { formatInteger, formatNumber } from '../../ui/format';
import { openEngineWorker } from '../useEngineSession';

/** Images in the comparison's epoch: the smallest training set, past start-up costs yet short to wait for. */
const COMPARISON_IMAGES = MIN_TRAIN_IMAGES;

/**
 * Trains one short epoch of the current network on every backend, in a worker of its own
 * (switching backends there leaves the main run untouched), and shows samples per second.
 */
export function BackendComparison({ spec }: { spec: RunSpec | null }) {
  const [state, setState] = useState<{ running: boolean; results: BackendSpeed[] | null; error: string | null }>({
    running: false,
    results: null,
    error: null,
  });
  const run = async () => {
    if (!spec) return;
    setState({ running: true, results: null, error: null });
    const { remote, close } = openEngineWorker();
    try {
      await remote.loadCifar10(
        new URL('data/cifar10/', document.baseURI).href,
        Comlink.proxy(() => {}),
        1,
      );
      const results = await remote.compareBackends(spec, COMPARISON_IMAGES);
      setState({ running: false, results, error: null });
    } catch (error) {
      setState({ running: false, results: null, error: error instanceof Error ? error.message : String(error) });
    } finally {
      close();
    }
  };
  const fastest = Math.max(...(state.results ?? []).map((r) => r.samplesPerSecond ?? 0));
  return (
    <div className="backend-comparison">
      <button type="button" data-testid="compare-backends" disabled={!spec || state.running} onClick={() => void run()}>
        {state.running ? 'Comparando motores…' : `Comparar motores (una época de ${formatInteger(COMPARISON_IMAGES)} imágenes)`}
      </button>
      {state.error ? (
        <p className="message message-error" role="alert">
          {state.error}
        </p>
      ) : null}
      {state.results ? (
        <table className="report" data-testid="backend-speeds">
          <caption>La misma red y los mismos datos en cada motor</caption>
          <thead>
            <tr>
              <th scope="col">Motor</th>
              <th scope="col">Muestras por segundo</th>
              <th scope="col">Frente al más rápido</th>
            </tr>
          </thead>
          <tbody>
            {state.results.map((r) => (
              <tr key={r.backend} data-testid={`speed-${r.backend}`} data-value={r.samplesPerSecond ?? ''}>
                <th scope="row">{BACKEND_LABELS[r.backend]}</th>
                <td>{r.samplesPerSecond === null ? `no disponible: ${r.detail}` : formatNumber(r.samplesPerSecond, 1)}</td>
                <td>{r.samplesPerSecond === null ? '—' : `${formatNumber((r.samplesPerSecond / fastest) * 100, 0)} %`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
