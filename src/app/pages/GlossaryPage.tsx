import { Suspense } from 'react';
import { MDX_PAGES } from '../lessons';
import { MDX_COMPONENTS } from '../Widget';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { pageTitle } from '../title';

/** #/glosario — renders lessons/glosario.mdx. */
export function GlossaryPage() {
  const Content = MDX_PAGES['glosario'];
  return (
    <article className="lesson">
      <title>{pageTitle('Glosario')}</title>
      {Content ? (
        <ErrorBoundary what="el glosario">
          <Suspense fallback={<p className="loading">Cargando el glosario…</p>}>
            <div className="prose lesson-body">
              <Content components={MDX_COMPONENTS} />
            </div>
          </Suspense>
        </ErrorBoundary>
      ) : (
        <div className="prose">
          <h1>Glosario</h1>
          <p>El glosario todavía no está escrito.</p>
        </div>
      )}
    </article>
  );
}
