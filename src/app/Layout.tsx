import { useEffect, type MouseEvent } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';

/** Page frame shared by every route: header, main content, footer. */
export function Layout() {
  const { pathname } = useLocation();
  // The lab route gets the full width for projection.
  const wide = pathname.startsWith('/lab/');

  // A new page starts at its top, as a normal link would.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);

  return (
    <div className="site">
      <a className="skip-link" href="#contenido" onClick={skipToContent}>
        Saltar al contenido
      </a>
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
          </nav>
        </div>
      </header>
      <main id="contenido" tabIndex={-1} className={wide ? 'site-main wide' : 'site-main'}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          Laboratorio de redes neuronales. Las redes entrenan en tu navegador con TensorFlow.js; ningún dato sale de tu
          equipo.
        </p>
      </footer>
    </div>
  );
}

// With a hash router, href="#contenido" would be read as a route; move focus by hand instead.
function skipToContent(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  const main = document.getElementById('contenido');
  main?.focus();
  main?.scrollIntoView();
}
