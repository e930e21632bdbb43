import type { OptimizerSpec, RaceSpec, RacerName } from '../../engine/protocol';
import { NOTEBOOK_RUN, RECTA_X, RECTA_Y } from '../recta/exercise';

/**
 * The two tracks of the optimizer race. Both are the loss of the neuron ŷ = w·x + b fitting
 * points of y = 2x + 1 (minimum at w = 2, b = 1), so the engine trains the same model on both:
 * - `recta`: exercise A's points x = 1…4 and the notebook's start. Its valley is narrow and
 *   tilted (curvatures 16,7 and 0,30): plain descent crosses it once and crawls along the floor.
 * - `valle`: the same line on x = ±0,05, ±0,15, centred and close together. Moving w then barely
 *   changes the predictions, so the valley is long in w and steep in b (curvatures 0,025 and 2,
 *   80 times apart), lying along the axes. With η near its limit in b, SGD zigzags across while
 *   crawling along; momentum and the per-parameter scaling of RMSprop and Adam cut through
 *   (distill.pub, "Why Momentum Really Works").
 * The learning rates are picked so each path shows its character within the epochs given.
 */

export type SurfaceName = 'recta' | 'valle';

/** The part of the (w, b) plane drawn. */
export interface View {
  w: [number, number];
  b: [number, number];
}

export interface Surface {
  x: readonly number[];
  y: readonly number[];
  view: View;
  /** Width over height of the drawing: equal units on both axes for the recta, the valley stretched in b. */
  aspect: number;
  start: { w0: number; b0: number };
  epochs: number;
  /** η of each racer; SGD's is only the default of the `lr` field, which the student may change. */
  rates: Record<RacerName, number>;
}

const VALLEY_X = [-0.15, -0.05, 0.05, 0.15];

export const SURFACES: Record<SurfaceName, Surface> = {
  recta: {
    x: RECTA_X,
    y: RECTA_Y,
    // The notebook start (1,36; 0,004), the minimum (2; 1) in the middle, every racer's swings.
    view: { w: [1, 3], b: [-1 / 3, 7 / 3] },
    aspect: 3 / 4,
    start: { w0: NOTEBOOK_RUN.w0, b0: NOTEBOOK_RUN.b0 },
    epochs: NOTEBOOK_RUN.epochs,
    rates: { sgd: NOTEBOOK_RUN.lr, momentum: 0.02, rmsprop: 0.05, adam: 0.2 },
  },
  valle: {
    x: VALLEY_X,
    y: VALLEY_X.map((x) => 2 * x + 1),
    view: { w: [-4.5, 3.5], b: [-0.5, 3] },
    aspect: 4 / 3,
    start: { w0: -4, b0: 2.5 },
    epochs: 100,
    // SGD at 0,9 is just under its limit in b (2/2 = 1): each step overshoots the floor by 80 %.
    rates: { sgd: 0.9, momentum: 0.2, rmsprop: 0.1, adam: 0.2 },
  },
};

/** Keras's momentum for SGD, the usual 0.9. */
export const MOMENTUM = 0.9;

/** Each racer as Keras builds it: SGD, SGD(momentum=0.9), RMSprop and Adam with their defaults otherwise. */
export function racerOptimizer(name: RacerName, learningRate: number): OptimizerSpec {
  switch (name) {
    case 'sgd':
      return { name: 'sgd', learningRate };
    case 'momentum':
      return { name: 'sgd', learningRate, momentum: MOMENTUM };
    case 'rmsprop':
      return { name: 'rmsprop', learningRate };
    case 'adam':
      return { name: 'adam', learningRate };
  }
}

/** The race the settings describe: SGD at `lr`, the others at their surface's rates. */
export function raceSpec(o: {
  surface: SurfaceName;
  racers: readonly RacerName[];
  lr: number;
  w0: number;
  b0: number;
  backend?: RaceSpec['backend'];
}): RaceSpec {
  const { x, y, rates } = SURFACES[o.surface];
  return {
    x: [...x],
    y: [...y],
    start: [o.w0, o.b0],
    racers: o.racers.map((name) => ({ name, optimizer: racerOptimizer(name, name === 'sgd' ? o.lr : rates[name]) })),
    backend: o.backend,
  };
}
