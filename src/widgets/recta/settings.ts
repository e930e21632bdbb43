import { BACKEND_FIELD, type Fields } from '../urlState';
import { NOTEBOOK_RUN } from './exercise';

/**
 * Exercise A's knobs, starting from the notebook's run: the neuron's start, η and epochs.
 * They are exactly what `rectaSpec` (exercise.ts) takes, so the values are the run's spec
 * as they are. The loss surface trains the same neuron with the same knobs.
 */
export const RECTA_FIELDS = {
  w0: { kind: 'number', label: 'w inicial', default: NOTEBOOK_RUN.w0 },
  b0: { kind: 'number', label: 'b inicial', default: NOTEBOOK_RUN.b0 },
  lr: { kind: 'number', label: 'Tasa de aprendizaje η', default: NOTEBOOK_RUN.lr, min: 0, exclusiveMin: true, max: 1e12 },
  epochs: { kind: 'number', label: 'Épocas', default: NOTEBOOK_RUN.epochs, integer: true, min: 1, max: 100_000 },
  backend: BACKEND_FIELD,
} satisfies Fields;
