import { Suspense } from 'react';
import { Link, useParams } from 'react-router-dom';
import { LESSONS, lessonIndex } from '../course';
import { MDX_PAGES } from '../lessons';
import { MDX_COMPONENTS } from '../Widget';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { NotFoundPage } from './NotFoundPage';
import { pageTitle } from '../title';

/** #/leccion/:slug — the compiled MDX lesson, with prev/next. */
export function LessonPage() {
  const { slug = '' } = useParams();
  const index = lessonIndex(slug);
  if (index < 0) return <NotFoundPage />;
  const lesson = LESSONS[index];
  const Content = MDX_PAGES[slug];
  if (!Content) return <NotFoundPage />;

  return (
    <article className="lesson" key={slug}>
      <title>{pageTitle(lesson.title)}</title>
      <p className="lesson-kicker">
        Lección {index + 1} de {LESSONS.length}
      </p>
      <ErrorBoundary what="esta lección">
        <Suspense fallback={<p className="loading">Cargando la lección…</p>}>
          <div className="prose lesson-body">
            <Content components={MDX_COMPONENTS} />
          </div>
        </Suspense>
      </ErrorBoundary>
      <LessonNav index={index} />
    </article>
  );
}

function LessonNav({ index }: { index: number }) {
  const prev = index > 0 ? LESSONS[index - 1] : undefined;
  const next = index < LESSONS.length - 1 ? LESSONS[index + 1] : undefined;
  return (
    <nav className="lesson-nav" aria-label="Lecciones anterior y siguiente">
      {prev ? (
        <Link to={`/leccion/${prev.slug}`} rel="prev" className="lesson-nav-prev">
          <span className="lesson-nav-label">← Anterior</span>
          <span className="lesson-nav-title">{prev.title}</span>
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link to={`/leccion/${next.slug}`} rel="next" className="lesson-nav-next">
          <span className="lesson-nav-label">Siguiente →</span>
          <span className="lesson-nav-title">{next.title}</span>
        </Link>
      ) : (
        <Link to="/glosario" className="lesson-nav-next">
          <span className="lesson-nav-label">Para terminar →</span>
          <span className="lesson-nav-title">Glosario</span>
        </Link>
      )}
    </nav>
  );
}
