import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
// The global stylesheet first: each widget's and src/ui part's own CSS must come after it.
import 'katex/dist/katex.min.css';
import './app/styles.css';
import { router } from './app/router';
import { handleStaleChunks } from './app/staleChunks';

// This module's URL carries the build's content hash: it tells one deploy from the next.
handleStaleChunks(import.meta.url);

const root = document.getElementById('root');
if (!root) throw new Error('Falta el elemento #root en index.html');

createRoot(root).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
