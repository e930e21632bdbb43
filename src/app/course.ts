/** The course outline: order, Spanish titles and what each lesson covers (from BRIEF.md). */
export interface LessonInfo {
  slug: string;
  title: string;
  summary: string;
  /** What the lesson covers; shown while the lesson is not written yet. */
  topics: string[];
}

export const LESSONS: readonly LessonInfo[] = [
  {
    slug: 'perdida',
    title: 'Pérdida: cuánto se equivoca el modelo',
    summary: 'Parámetros, función de pérdida y error cuadrático medio con la recta y = 2x + 1.',
    topics: [
      'Parámetros θ: pesos y sesgos',
      'La pérdida L(θ) mide cuánto se equivoca el modelo',
      'Error cuadrático medio (MSE) para regresión',
      'Entropía cruzada binaria y categórica',
      'Widget: una neurona aprende la recta y = 2x + 1',
    ],
  },
  {
    slug: 'gradiente',
    title: 'Gradiente y descenso del gradiente',
    summary: 'El gradiente señala hacia dónde sube la pérdida; bajamos en sentido contrario.',
    topics: [
      'El gradiente ∇θL y la dirección de máximo crecimiento',
      'La regla de actualización θ ← θ − η ∇θL',
      'La tasa de aprendizaje η: demasiado pequeña o demasiado grande',
      'El bucle de cuatro pasos: propagación hacia delante, pérdida, propagación hacia atrás, actualización',
      'Época, lote y tamaño de lote',
      'Widget: la superficie de pérdida de y = wx + b con el camino del descenso',
    ],
  },
  {
    slug: 'backprop',
    title: 'Retropropagación (backpropagation)',
    summary: 'La regla de la cadena lleva el error desde la salida hasta cada peso.',
    topics: [
      'La regla de la cadena desde la salida hasta cada peso',
      'La derivada de ReLU: las neuronas inactivas no pasan gradiente',
      'La sigmoide para una salida binaria',
      'Widget: la neurona de la puerta AND',
      'Widget: clasificador de puntos en el plano, con el gradiente de cada parámetro',
    ],
  },
  {
    slug: 'softmax',
    title: 'Softmax y entropía cruzada',
    summary: 'De logits a probabilidades, y un gradiente sorprendentemente simple: ŷ − y.',
    topics: [
      'Softmax convierte los logits en probabilidades',
      'Entropía cruzada categórica con etiquetas one-hot',
      'El gradiente en los logits: ∂L/∂zᵢ = ŷᵢ − yᵢ',
      'Widget: logits que se pueden arrastrar, comprobados con diferenciación automática',
    ],
  },
  {
    slug: 'cifar10',
    title: 'Un perceptrón multicapa en CIFAR-10',
    summary: 'Optimizadores, regularización y callbacks entrenando con imágenes reales.',
    topics: [
      'El conjunto CIFAR-10: 60.000 imágenes en color de 32×32 y 10 clases',
      'Un MLP de 6.305.802 parámetros con Dropout',
      'Optimizadores: SGD, Momentum, Adam y RMSprop',
      'Regularización L1/L2, Dropout y normalización por lotes',
      'Callbacks: parada temprana, programación de la tasa de aprendizaje y mejores pesos',
      'Sobreajuste, matriz de confusión y métricas por clase',
      'Widget: entrenar el MLP en el navegador',
    ],
  },
  {
    slug: 'transferencia',
    title: 'Aprendizaje por transferencia con EfficientNet',
    summary: 'Reutilizar una red preentrenada: congelar, entrenar una cabeza nueva y ajustar.',
    topics: [
      'Convoluciones: filtros, mapas de características y paso (stride)',
      'Max pooling 2×2 con paso 2 y aplanado',
      'Por qué transfieren las bases preentrenadas (VGG16, ResNet50, InceptionV3, EfficientNet)',
      'Congelar la base y entrenar una cabeza nueva',
      'Ajuste fino: descongelar poco a poco con una tasa de aprendizaje pequeña',
      'Widget: clasificar cuatro clases de CIFAR-10 y tus propias imágenes',
    ],
  },
];

export function lessonIndex(slug: string): number {
  return LESSONS.findIndex((l) => l.slug === slug);
}
