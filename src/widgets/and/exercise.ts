import type { BackendPreference } from '../../engine/protocol';
import { binaryClassifierSpec } from '../binaryClassifier';
import { planeGrid } from '../puntos/datasets';

/** Exercise B (BRIEF.md): the AND gate. */
export const AND_X = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
export const AND_Y = [0, 0, 0, 1];

/** The notebook's random start, lr 0.1 and 2000 epochs. */
export const AND_NOTEBOOK = { w0: [1.0883665, -0.92451656], b0: 0, lr: 0.1, epochs: 2000 } as const;

/** The square drawn around the four inputs, and the cells of its probability map. */
export const AND_DOMAIN: [number, number] = [-0.5, 1.5];
export const AND_GRID_SIZE = 40;
const AND_GRID = planeGrid(AND_DOMAIN, AND_GRID_SIZE);

export function andSpec(o: { w0: readonly number[]; b0: number; lr: number; epochs: number; backend: BackendPreference }) {
  return binaryClassifierSpec({
    x: AND_X,
    y: AND_Y,
    w0: [...o.w0],
    b0: o.b0,
    lr: o.lr,
    epochs: o.epochs,
    backend: o.backend,
    seed: 0,
    watchInputs: AND_X,
    watchActivations: AND_GRID,
  });
}
