/** The course outline: order, Spanish titles and what each lesson covers (from BRIEF.md). */
export interface LessonInfo {
  slug: string;
  title: string;
  summary: string;
}

export const LESSONS: readonly LessonInfo[] = [
  {
    slug: 'perdida',
    title: 'Pérdida: cuánto se equivoca el modelo',
    summary: 'Parámetros, función de pérdida y error cuadrático medio con la recta y = 2x + 1.',
  },
  {
    slug: 'gradiente',
    title: 'Gradiente y descenso del gradiente',
    summary: 'El gradiente señala hacia dónde sube la pérdida; bajamos en sentido contrario.',
  },
  {
    slug: 'backprop',
    title: 'Retropropagación (backpropagation)',
    summary: 'La regla de la cadena lleva el error desde la salida hasta cada peso.',
  },
  {
    slug: 'softmax',
    title: 'Softmax y entropía cruzada',
    summary: 'De logits a probabilidades, y un gradiente sorprendentemente simple: ŷ − y.',
  },
  {
    slug: 'cifar10',
    title: 'Un perceptrón multicapa en CIFAR-10',
    summary: 'Optimizadores, regularización y callbacks entrenando con imágenes reales.',
  },
  {
    slug: 'transferencia',
    title: 'Aprendizaje por transferencia con EfficientNet',
    summary: 'Reutilizar una red preentrenada: congelar, entrenar una cabeza nueva y ajustar.',
  },
];

export function lessonIndex(slug: string): number {
  return LESSONS.findIndex((l) => l.slug === slug);
}
