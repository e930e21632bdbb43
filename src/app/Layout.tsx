import { useEffect, useState, type MouseEvent } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { isShortcut } from '../ui/keys';
import { useEmbed } from './embed';
import { KeyboardHelp } from './KeyboardHelp';
import { ProjectorContext, useProjector } from './projector';
import './embed.css';

/** Page frame shared by every route: header, main content, footer (only the content when embedded). */
export function Layout() {
  const { pathname } = useLocation();
  // The lab route gets the full width for projection.
  const wide = pathname.startsWith('/lab/');

  const [projector, toggleProjector] = useProjector();
  const embed = useEmbed();
  const [help, setHelp] = useState(false);

  // A new page starts at its top, as a normal link would.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);

  // Keys for the whole page; the widgets take space, →, R and B themselves.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isShortcut(event)) return;
      if (event.key === '?') setHelp((open) => !open);
      else if (event.key.toLowerCase() === 'f') toggleFullscreen();
      else if (event.key.toLowerCase() === 'p') toggleProjector();
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [toggleProjector]);

  const content = (
    <main id="contenido" tabIndex={-1} className={wide ? 'site-main wide' : 'site-main'}>
      <Outlet />
    </main>
  );
  return (
    <ProjectorContext value={projector}>
      {embed ? (
        // Inside another site's iframe: that site has its own header; the widget is all we show.
        <div className="site embed">{content}</div>
      ) : (
        <div className="site">
          <a className="skip-link" href="#contenido" onClick={skipToContent}>
            Saltar al contenido
          </a>
          <SiteHeader projector={projector} toggleProjector={toggleProjector} openHelp={() => setHelp(true)} />
          {content}
          <footer className="site-footer">
            <p>
              Laboratorio de redes neuronales. Las redes entrenan en tu navegador con TensorFlow.js; ningún dato sale de tu equipo.{' '}
              <Link to="/acerca">Qué puede hacer este navegador</Link>. Datos: CIFAR-10 (Krizhevsky, 2009). Pesos ImageNet de EfficientNet:
              Keras Applications (Tan y Le, 2019; Apache 2.0). Código del laboratorio: licencia MIT.
            </p>
          </footer>
        </div>
      )}
      <KeyboardHelp open={help} onClose={() => setHelp(false)} />
    </ProjectorContext>
  );
}

function SiteHeader({ projector, toggleProjector, openHelp }: { projector: boolean; toggleProjector(): void; openHelp(): void }) {
  return (
    <header className="site-header">
      <div className="header-inner">
        <Link to="/" className="site-name">
          <img src="favicon.svg" alt="" width={28} height={28} />
          Laboratorio de redes neuronales
        </Link>
        <nav aria-label="Principal" className="site-nav">
          <NavLink to="/" end>
            Curso
          </NavLink>
          <NavLink to="/glosario">Glosario</NavLink>
          <button type="button" className="nav-button" aria-pressed={projector} onClick={toggleProjector} data-testid="projector-toggle">
            Proyector
          </button>
          <button type="button" className="nav-button" onClick={openHelp} aria-label="Atajos de teclado" data-testid="help-toggle">
            ?
          </button>
        </nav>
      </div>
    </header>
  );
}

/** F: the whole page full screen (the widget fills it on #/lab pages), F again to leave. */
function toggleFullscreen() {
  if (document.fullscreenElement) void document.exitFullscreen();
  else void document.documentElement.requestFullscreen?.().catch(() => undefined);
}

// With a hash router, href="#contenido" would be read as a route; move focus by hand instead.
function skipToContent(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  const main = document.getElementById('contenido');
  main?.focus();
  main?.scrollIntoView();
}
