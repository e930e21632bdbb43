import type { BackendPreference, OptimizerSpec } from '../spec';

/**
 * The optimizer race on a loss surface, as plain data: what the page asks for and what the
 * engine answers. No tfjs here, so protocol.ts may re-export it to the page.
 */

/** The contenders, as the URL names them (`optimizadores=sgd,momentum,rmsprop,adam`). */
export type RacerName = 'sgd' | 'momentum' | 'rmsprop' | 'adam';
export const RACER_NAMES: readonly RacerName[] = ['sgd', 'momentum', 'rmsprop', 'adam'];

/**
 * Several copies of the neuron ŷ = w·x + b, one per optimizer, from the same start on the same
 * points, with the MSE as loss: each copy's path over the (w, b) plane is one racer's.
 */
export interface RaceSpec {
  x: number[];
  y: number[];
  /** Where every racer starts: (w₀, b₀). */
  start: [number, number];
  racers: { name: RacerName; optimizer: OptimizerSpec }[];
  backend?: BackendPreference;
}

/** One racer's last update in full, per parameter [w, b]: the numbers behind the step panel. */
export interface StepDetail {
  /** Updates applied so far (Keras's `iterations`), t in the formulas. */
  iteration: number;
  gradient: [number, number];
  /** θ after minus θ before: the step the optimizer took. */
  step: [number, number];
  /** The optimizer's state after the update, by Keras's slot names (see Optimizer.inspect). */
  slots: Record<string, [number, number]>;
}

/** What one racer did in one advance. */
export interface RacerReport {
  name: RacerName;
  /** The loss before each update (what Keras logs for the epoch and the notebooks print). */
  losses: number[];
  /** (w, b) after each update. */
  points: [number, number][];
  /** Set once its loss stops being finite, in the notebooks' epoch numbering; it then stays where it was. */
  diverged: { epoch: number; message: string } | null;
  /** Its last update, or null if it has not moved in this advance. */
  last: StepDetail | null;
}

export interface RaceReport {
  /** Updates each racer has had (the epochs so far: full batch, one update per epoch). */
  epoch: number;
  racers: RacerReport[];
  tensorCount: number;
}
