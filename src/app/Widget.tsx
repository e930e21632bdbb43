import { Suspense } from 'react';
import { Link } from 'react-router-dom';
import { WIDGETS } from '../widgets/registry';
import { SettingsStoreContext, type SettingsStore } from '../widgets/urlState';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { ActivationPlot } from '../ui/ActivationPlot';
// Question mounts WidgetBody from this module: a cycle that is safe because it is only used when rendering.
import { Question } from './question/Question';

export interface WidgetProps {
  /** Key in WIDGETS, e.g. "recta". */
  name: string;
}

/**
 * A live widget embedded in a lesson: `<Widget name="recta" />` in MDX.
 * Each widget gets its own error boundary so a failure stays inside its frame.
 */
export function Widget({ name }: WidgetProps) {
  const entry = Object.hasOwn(WIDGETS, name) ? WIDGETS[name] : undefined;
  if (!entry) {
    return (
      <div className="error-panel widget-frame" role="alert">
        <p className="error-title">No existe ningún widget llamado «{name}».</p>
      </div>
    );
  }
  const { title } = entry;
  return (
    <figure className="widget-frame" aria-label={title}>
      <figcaption className="widget-caption">
        <span className="widget-title">{title}</span>
        <Link className="widget-fullscreen" to={`/lab/${name}`}>
          Pantalla completa
        </Link>
      </figcaption>
      {/* Several widgets share a lesson's URL: each keeps its settings to itself. */}
      <WidgetBody name={name} settings="widget" />
    </figure>
  );
}

/** The widget itself, loaded lazily, inside its own error boundary, with its settings kept in `settings`. */
export function WidgetBody({ name, settings }: WidgetProps & { settings: SettingsStore }) {
  const { title, Component } = WIDGETS[name];
  return (
    <ErrorBoundary what={`el widget «${title}»`}>
      <Suspense fallback={<p className="loading">Cargando el widget…</p>}>
        <SettingsStoreContext value={settings}>
          <Component />
        </SettingsStoreContext>
      </Suspense>
    </ErrorBoundary>
  );
}

/** Components available inside every MDX lesson. */
export const MDX_COMPONENTS = { Widget, ActivationPlot, Question };
