import type { BackendPreference, RunSpec } from '../../engine/protocol';

/** Exercise A (BRIEF.md): four points on y = 2x + 1. */
export const RECTA_X = [1, 2, 3, 4];
export const RECTA_Y = [3, 5, 7, 9];

/** The notebook's run: its random start, lr 0.1 and epochs 0…50 (51 updates). */
export const NOTEBOOK_RUN = { w0: 1.3552873, b0: 0.00364656, lr: 0.1, epochs: 51 } as const;

/** The run as the notebook does it: MSE, plain gradient descent, full batch, one update per epoch. */
export function rectaSpec(
  o: { w0: number; b0: number; lr: number; epochs: number; backend: BackendPreference } = { ...NOTEBOOK_RUN, backend: 'auto' },
): RunSpec {
  return {
    model: { kind: 'mlp', inputShape: [1], outputUnits: 1, outputActivation: 'linear', initialWeights: [[o.w0], [o.b0]] },
    data: { kind: 'inline', x: RECTA_X.map((x) => [x]), y: RECTA_Y.map((y) => [y]) },
    loss: 'mse',
    optimizer: { name: 'sgd', learningRate: o.lr },
    epochs: o.epochs,
    seed: 0,
    backend: o.backend,
    watchParams: true,
  };
}
