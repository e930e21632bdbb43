import { Link } from 'react-router-dom';
import { pageTitle } from '../title';

/** Unknown route, lesson or widget. */
export function NotFoundPage() {
  return (
    <div className="prose not-found" data-testid="not-found">
      <title>{pageTitle('Página no encontrada')}</title>
      <h1>Página no encontrada</h1>
      <p>Esta dirección no corresponde a ninguna lección ni a ningún laboratorio.</p>
      <p>
        <Link to="/">Volver al índice del curso</Link>
      </p>
    </div>
  );
}
