import { lazy, Suspense } from 'react';
import type { ActivationName } from './activations';
import { ErrorBoundary } from './ErrorBoundary';

// Loaded with the lesson that shows it, not with the first page.
const ActivationChart = lazy(() => import('./ActivationChart'));

/**
 * `<ActivationPlot />` in MDX: sigmoid, tanh, ReLU and GELU with their derivatives, plotted
 * over [−4, 4]. `initial` picks the function shown first (ReLU by default).
 */
export function ActivationPlot({ initial }: { initial?: ActivationName }) {
  return (
    <ErrorBoundary what="la gráfica de activaciones">
      <Suspense fallback={<p className="loading">Cargando la gráfica…</p>}>
        <ActivationChart initial={initial} />
      </Suspense>
    </ErrorBoundary>
  );
}
