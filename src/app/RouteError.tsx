import { useRouteError } from 'react-router-dom';

/** Last-resort page when a route itself throws (widget errors are caught closer, in Widget). */
export function RouteError() {
  const error = useRouteError();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <main className="site-main">
      <div className="prose error-panel" role="alert">
        <h1>Algo ha fallado</h1>
        <p>No se ha podido mostrar esta página.</p>
        <p className="error-message">{message}</p>
        <p>
          {/* A full reload to the index clears whatever state broke the page. */}
          <a href="./">Volver al índice</a>
        </p>
      </div>
    </main>
  );
}
