import { Link } from 'react-router-dom';
import { LESSONS } from '../course';
import { MDX_PAGES } from '../lessons';
import { WIDGETS } from '../../widgets/registry';
import { pageTitle } from '../title';

/** The course index: lessons in order, the glossary and every widget's lab. */
export function HomePage() {
  return (
    <div className="home">
      <title>{pageTitle()}</title>
      <section className="intro prose">
        <h1>Laboratorio de redes neuronales</h1>
        <p>
          Aprende cómo se entrena una red neuronal mirándola aprender. Cada lección explica una idea y trae un laboratorio en vivo: la red
          entrena aquí, en tu navegador, y puedes pararla, cambiarla y repetirla.
        </p>
      </section>

      <section aria-labelledby="lecciones">
        <h2 id="lecciones">Lecciones</h2>
        <ol className="lesson-list">
          {LESSONS.map((lesson, i) => (
            <li key={lesson.slug}>
              <Link to={`/leccion/${lesson.slug}`} className="lesson-card">
                <span className="lesson-number" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="lesson-text">
                  <span className="lesson-title">{lesson.title}</span>
                  <span className="lesson-summary">{lesson.summary}</span>
                  {MDX_PAGES[lesson.slug] ? null : <span className="lesson-pending">En preparación</span>}
                </span>
              </Link>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="consulta">
        <h2 id="consulta">Para consultar</h2>
        <ul className="link-list">
          <li>
            <Link to="/glosario">Glosario</Link>: los términos del curso en una frase.
          </li>
        </ul>
      </section>

      <section aria-labelledby="laboratorios">
        <h2 id="laboratorios">Laboratorios a pantalla completa</h2>
        <p className="prose">Cada laboratorio por separado, a todo el ancho, para proyectarlo en clase.</p>
        <ul className="link-list">
          {Object.entries(WIDGETS).map(([name, w]) => (
            <li key={name}>
              <Link to={`/lab/${name}`}>{w.title}</Link>: {w.summary}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
