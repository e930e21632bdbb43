import { ProgressBar } from '../ui/ProgressBar';
import type { Cifar10State } from './useCifar10';

/**
 * CIFAR-10 on its way: a progress bar while it downloads and decodes, a Spanish error with a
 * retry button when it fails (with `fallback`, what still works without it), nothing once ready.
 */
export function DatasetStatus({ state, retry, fallback = '' }: { state: Cifar10State; retry: () => void; fallback?: string }) {
  if (state.status === 'loading')
    return <ProgressBar fraction={state.progress.fraction} label={state.progress.label} testId="data-progress" />;
  if (state.status === 'ready') return null;
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
