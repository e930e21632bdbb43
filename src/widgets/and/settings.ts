import { BACKEND_FIELD, type Fields } from '../urlState';
import { AND_NOTEBOOK } from './exercise';

/**
 * Exercise B's knobs, starting from the notebook's run: the neuron's start, η and epochs.
 * They are exactly what `andSpec` (exercise.ts) takes, so the values are the run's spec as
 * they are.
 */
export const AND_FIELDS = {
  w0: { kind: 'vector', label: 'Pesos iniciales', default: [...AND_NOTEBOOK.w0], length: 2, labels: ['w₁ inicial', 'w₂ inicial'] },
  b0: { kind: 'number', label: 'b inicial', default: AND_NOTEBOOK.b0 },
  lr: { kind: 'number', label: 'Tasa de aprendizaje η', default: AND_NOTEBOOK.lr, min: 0, exclusiveMin: true, max: 1e12 },
  epochs: { kind: 'number', label: 'Épocas', default: AND_NOTEBOOK.epochs, integer: true, min: 1, max: 1_000_000 },
  backend: BACKEND_FIELD,
} satisfies Fields;
