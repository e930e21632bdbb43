import { lazy, type ComponentType } from 'react';

/** A live widget as the shell sees it: shown inside lessons and full-screen at #/lab/<name>. */
export interface WidgetEntry {
  title: string;
  summary: string;
  /** Slug of the lesson that explains this widget. */
  lesson: string;
  /** Loaded on demand: charts and controls stay out of the first page load. */
  Component: ComponentType;
}

export const WIDGETS: Record<string, WidgetEntry> = {
  recta: {
    title: 'Una neurona aprende la recta y = 2x + 1',
    summary: 'Descenso del gradiente sobre w y b con la pérdida MSE, paso a paso.',
    lesson: 'perdida',
    Component: lazy(() => import('./recta/Recta').then((m) => ({ default: m.Recta }))),
  },
};
