import * as tf from '@tensorflow/tfjs';
import type { BackendWatch } from '../backends';
import { EngineInputError } from '../errors';
import { readTogether } from '../fit/read';
import { invalidSpec, quantity, race as say, training } from '../messages';
import { createOptimizer, type Optimizer } from '../optimizers';
import { RACER_NAMES, type RaceReport, type RaceSpec, type RacerName, type RacerReport, type StepDetail } from './types';

/*
 * The optimizer race: one neuron ŷ = w·x + b per optimizer, trained by full-batch gradient
 * descent on the MSE with the engine's Keras-exact optimizers, all stepped together so their
 * paths over the (w, b) plane are comparable update by update. Each advance reads every
 * racer's losses, points and last-step state back in one transfer.
 */

interface Racer {
  name: RacerName;
  w: tf.Variable;
  b: tf.Variable;
  optimizer: Optimizer;
  diverged: RacerReport['diverged'];
}

/** What one racer left on the device in one advance, for the combined read. */
interface Pending {
  /** Per update: [loss before, w after, b after]. */
  rows: tf.Tensor[];
  /** [gradient, step, ...slots], each a [w, b] pair; empty if the racer did not move. */
  detail: tf.Tensor[];
  slotNames: string[];
}

const finitePair = (v: unknown) => Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number' && Number.isFinite(n));

function fail(message: string): never {
  throw new EngineInputError(message);
}

/** Checks a race before anything is built (the same rules as a run's, where they apply). */
export function validateRaceSpec(spec: RaceSpec): void {
  const { x, y } = spec;
  if (!Array.isArray(x) || !Array.isArray(y) || x.length === 0) fail(invalidSpec.noData);
  if (x.length !== y.length) fail(invalidSpec.inputsVsLabels(x.length, y.length));
  if (![...x, ...y].every((v) => typeof v === 'number' && Number.isFinite(v))) fail(invalidSpec.inputWidth(1));
  if (!finitePair(spec.start)) fail(say.start);
  const names = spec.racers.map((r) => r.name);
  if (names.length === 0 || new Set(names).size !== names.length || !names.every((n) => RACER_NAMES.includes(n))) fail(say.racers);
  for (const { optimizer } of spec.racers) {
    const lr = optimizer.learningRate;
    if (lr !== undefined && !(typeof lr === 'number' && Number.isFinite(lr) && lr > 0))
      fail(invalidSpec.positiveNumber(quantity.learningRate, lr));
    const momentum = optimizer.name === 'adam' ? undefined : optimizer.momentum;
    if (momentum !== undefined && !(momentum >= 0 && momentum < 1)) fail(invalidSpec.fraction(quantity.momentum, momentum));
  }
}

/** A trainable scalar; the variable keeps its own copy, so the initial tensor can go. */
function scalarVariable(value: number): tf.Variable {
  const initial = tf.scalar(value);
  const variable = tf.variable(initial);
  initial.dispose();
  return variable;
}

export class Race {
  /** Updates so far (full batch: one per epoch). */
  epoch = 0;

  private constructor(
    private readonly x: tf.Tensor1D,
    private readonly y: tf.Tensor1D,
    private readonly racers: Racer[],
    private readonly watch: BackendWatch,
  ) {}

  /** Builds the race on the active backend; `watch` tells a read when that backend is lost. */
  static create(spec: RaceSpec, watch: BackendWatch): Race {
    validateRaceSpec(spec);
    const racers = spec.racers.map(({ name, optimizer }) => {
      const w = scalarVariable(spec.start[0]);
      const b = scalarVariable(spec.start[1]);
      return { name, w, b, optimizer: createOptimizer(optimizer, [w, b]), diverged: null };
    });
    return new Race(tf.tensor1d(spec.x), tf.tensor1d(spec.y), racers, watch);
  }

  /** The MSE of ŷ = w·x + b, as Keras's loss 'mse' computes it for one output. */
  private loss(w: tf.Tensor, b: tf.Tensor): tf.Scalar {
    return tf.mean(tf.square(tf.sub(tf.add(tf.mul(this.x, w), b), this.y)));
  }

  /** The loss at the start, where every racer is. */
  async startLoss(): Promise<number> {
    const { w, b } = this.racers[0];
    const loss = tf.tidy(() => this.loss(w, b));
    const [value] = await loss.data();
    loss.dispose();
    return value;
  }

  /** `steps` updates of every racer still in the race, read back together. */
  async advance(steps: number): Promise<RaceReport> {
    if (!Number.isInteger(steps) || steps < 1 || steps > 10_000) fail(invalidSpec.integerBetween(quantity.epochs, 10_000, steps));
    const first = this.epoch;
    const pending = this.racers.map((r) => (r.diverged ? null : this.run(r, steps)));
    this.epoch += steps;
    const requests = pending.map((p) => (p ? [...p.rows, ...p.detail] : []));
    const values = await readTogether(requests, this.watch);
    return {
      epoch: this.epoch,
      racers: this.racers.map((r, i) => this.report(r, pending[i], values[i], first)),
      tensorCount: tf.memory().numTensors,
    };
  }

  /** Runs `steps` updates of one racer, each as the course's GradientTape loop does: loss, gradients, apply. */
  private run(r: Racer, steps: number): Pending {
    const rows: tf.Tensor[] = [];
    let before: tf.Tensor | null = null;
    let grads: tf.Tensor[] = [];
    for (let i = 0; i < steps; i++) {
      const last = i === steps - 1;
      if (last) before = tf.stack([r.w, r.b]);
      const { value, grads: named } = tf.variableGrads(() => this.loss(r.w, r.b), [r.w, r.b]);
      const g = [named[r.w.name], named[r.b.name]];
      r.optimizer.apply(g);
      rows.push(tf.stack([value, r.w, r.b]));
      value.dispose();
      if (last) grads = g;
      else tf.dispose(g);
    }
    const state = [0, 1].map((i) => r.optimizer.inspect(i));
    const slotNames = Object.keys(state[0]);
    const detail = tf.tidy(() => [
      tf.stack(grads),
      tf.sub(tf.stack([r.w, r.b]), before!),
      ...slotNames.map((n) => tf.stack([state[0][n], state[1][n]])),
    ]);
    tf.dispose([before!, ...grads, ...state.flatMap((s) => Object.values(s))]);
    return { rows, detail, slotNames };
  }

  /** One racer's part of the read; the first loss that is not finite ends its race. */
  private report(r: Racer, pending: Pending | null, values: Float32Array[], first: number): RacerReport {
    if (!pending) return { name: r.name, losses: [], points: [], diverged: r.diverged, last: null };
    const rows = values.slice(0, pending.rows.length);
    const losses = rows.map((row) => row[0]);
    const points = rows.map((row) => [row[1], row[2]] as [number, number]);
    const bad = losses.findIndex((loss) => !Number.isFinite(loss));
    if (bad >= 0) {
      const noticed = first + losses.length - 1;
      r.diverged = { epoch: first + bad, message: training.diverged(first + bad, losses[bad], r.optimizer.learningRate, noticed) };
      // Past the first infinite loss nothing is a number worth drawing.
      return { name: r.name, losses: losses.slice(0, bad + 1), points: points.slice(0, bad), diverged: r.diverged, last: null };
    }
    const [gradient, step, ...slots] = values.slice(pending.rows.length).map((v) => [v[0], v[1]] as [number, number]);
    const last: StepDetail = {
      iteration: r.optimizer.iterations,
      gradient,
      step,
      slots: Object.fromEntries(pending.slotNames.map((n, i) => [n, slots[i]])),
    };
    return { name: r.name, losses, points, diverged: null, last };
  }

  dispose(): void {
    for (const r of this.racers) {
      r.optimizer.dispose();
      r.w.dispose();
      r.b.dispose();
    }
    this.x.dispose();
    this.y.dispose();
  }
}
