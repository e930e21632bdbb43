import { createHashRouter } from 'react-router-dom';
import { Layout } from './Layout';
import { RouteError } from './RouteError';
import { HomePage } from './pages/HomePage';
import { LessonPage } from './pages/LessonPage';
import { GlossaryPage } from './pages/GlossaryPage';
import { LabPage } from './pages/LabPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { AboutPage } from './pages/AboutPage';

// Hash routing: GitHub Pages serves static files under /<repo>/ with no URL rewrites.
export const router = createHashRouter([
  {
    path: '/',
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'leccion/:slug', element: <LessonPage /> },
      { path: 'glosario', element: <GlossaryPage /> },
      { path: 'acerca', element: <AboutPage /> },
      { path: 'lab/:widget', element: <LabPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
