import { formatInteger } from '../ui/format';
import { ProgressBar } from '../ui/ProgressBar';
import type { Cifar10State } from './useCifar10';
import './DatasetStatus.css';

const megabytes = (bytes: number) => `${formatInteger(bytes / 1e6)} MB`;
/** Kept bytes worth mentioning (not just the gallery's labels file). */
const MENTION_KEPT = 1e6;

/**
 * CIFAR-10 on its way: its size and a download button while it waits for the student's
 * word, a progress bar while it downloads and decodes, a Spanish error with a retry button
 * when it fails (with `fallback`, what still works without it), and once ready a short
 * line when it came from this browser's copy. `retry` is useCifar10's action.
 */
export function DatasetStatus({ state, retry, fallback = '' }: { state: Cifar10State; retry: () => void; fallback?: string }) {
  if (state.status === 'checking') return null;
  if (state.status === 'offer') {
    const partial = state.total - state.missing >= MENTION_KEPT;
    return (
      <div className="dataset-offer" data-testid="data-offer" data-value={state.missing}>
        <p>
          Para entrenar hacen falta las imágenes de CIFAR-10:{' '}
          {partial
            ? `faltan ${megabytes(state.missing)} de ${megabytes(state.total)}; el resto ya está en este navegador.`
            : `${megabytes(state.total)} de descarga.`}{' '}
          {state.keeps
            ? 'Se descargan una sola vez: este navegador las guarda para la próxima visita.'
            : 'Aquí el navegador no puede guardarlas (hace falta https): se descargarán en cada visita.'}
        </p>
        <button type="button" className="primary" data-testid="data-download" onClick={retry}>
          Descargar CIFAR-10 ({megabytes(state.missing)})
        </button>
      </div>
    );
  }
  if (state.status === 'loading')
    return <ProgressBar fraction={state.progress.fraction} label={state.progress.label} testId="data-progress" />;
  if (state.status === 'ready')
    return state.value.downloaded ? null : (
      <p className="hint" data-testid="data-kept">
        Imágenes de CIFAR-10 leídas de la copia de este navegador: no se ha descargado nada.
      </p>
    );
  return (
    <div className="message message-error" role="alert" data-testid="data-error">
      <p>
        No se pudieron cargar las imágenes de CIFAR-10. {state.message}
        {fallback ? ` ${fallback}` : ''}
      </p>
      <button type="button" data-testid="data-retry" onClick={retry}>
        Reintentar
      </button>
    </div>
  );
}
