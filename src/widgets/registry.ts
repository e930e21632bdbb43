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
  superficie: {
    title: 'La superficie de pérdida y el descenso del gradiente',
    summary: 'El camino de (w, b) cuesta abajo, lento, bueno o divergente según η, y SGD contra Momentum, RMSprop y Adam.',
    lesson: 'gradiente',
    Component: lazy(() => import('./superficie/Superficie').then((m) => ({ default: m.Superficie }))),
  },
  and: {
    title: 'Una neurona aprende la puerta lógica AND',
    summary: 'Sigmoide y entropía cruzada binaria; cada gradiente a la vista, paso a paso.',
    lesson: 'backprop',
    Component: lazy(() => import('./and/AndGate').then((m) => ({ default: m.AndGate }))),
  },
  puntos: {
    title: 'Clasificar puntos en el plano',
    summary: 'Una neurona traza una recta; con capas ocultas, la frontera se curva.',
    lesson: 'backprop',
    Component: lazy(() => import('./puntos/Puntos').then((m) => ({ default: m.Puntos }))),
  },
  softmax: {
    title: 'Softmax y entropía cruzada',
    summary: 'Arrastra los logits; el gradiente ŷ − y, comprobado con diferenciación automática.',
    lesson: 'softmax',
    Component: lazy(() => import('./softmax/Softmax').then((m) => ({ default: m.Softmax }))),
  },
  cifar10: {
    title: 'Un MLP aprende CIFAR-10',
    summary: '60.000 imágenes reales, optimizadores en carrera y una evaluación honesta.',
    lesson: 'cifar10',
    Component: lazy(() => import('./cifar10/Cifar10').then((m) => ({ default: m.Cifar10 }))),
  },
  transfer: {
    title: 'Transferencia de aprendizaje con EfficientNet',
    summary: 'Una base preentrenada congelada, una cabeza nueva; luego se descongelan sus últimos bloques y se afina.',
    lesson: 'transferencia',
    Component: lazy(() => import('./transfer/Transfer').then((m) => ({ default: m.Transfer }))),
  },
  convolucion: {
    title: 'Un filtro de convolución',
    summary: 'Un filtro 3×3 recorre la imagen: mapa de características, ReLU y max pooling.',
    lesson: 'transferencia',
    Component: lazy(() => import('./convolucion/Convolucion').then((m) => ({ default: m.Convolucion }))),
  },
};
