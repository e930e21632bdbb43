import * as tf from '@tensorflow/tfjs';
import type { OptimizerSpec } from './spec';

/**
 * Optimizers with Keras's names, defaults and update formulas (TF ≥ 2.11 / Keras 3),
 * written out here rather than borrowed from tfjs, whose Adam places ε differently.
 * Slot variables are created up front so the tensor count is stable from the first step.
 */
export interface Optimizer {
  readonly name: OptimizerSpec['name'];
  learningRate: number;
  /** Applies one update; `grads[i]` belongs to `variables[i]`. Does not dispose grads. */
  apply(grads: tf.Tensor[]): void;
  /** Number of updates applied so far (Keras's `iterations`); restored with a checkpoint. */
  iterations: number;
  /** The slot variables (momenta, moving averages), in a fixed order, for checkpoints. */
  readonly slots: readonly tf.Variable[];
  dispose(): void;
}

export const OPTIMIZER_DEFAULTS = {
  sgd: { learningRate: 0.01, momentum: 0, nesterov: false },
  adam: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  rmsprop: { learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7 },
} as const;

type Config<N extends OptimizerSpec['name']> = { -readonly [K in keyof (typeof OPTIMIZER_DEFAULTS)[N]]: (typeof OPTIMIZER_DEFAULTS)[N][K] extends boolean ? boolean : number };

function slots(variables: tf.Variable[], count: number): tf.Variable[][] {
  return variables.map((v) =>
    Array.from({ length: count }, () => {
      // A variable keeps its own handle on the data; the initial zeros can go.
      const zeros = tf.zerosLike(v);
      const slot = tf.variable(zeros, false);
      zeros.dispose();
      return slot;
    }),
  );
}

abstract class BaseOptimizer implements Optimizer {
  abstract readonly name: OptimizerSpec['name'];
  iterations = 0;
  protected readonly state: tf.Variable[][];

  constructor(
    protected readonly variables: tf.Variable[],
    public learningRate: number,
    slotCount: number,
  ) {
    this.state = slots(variables, slotCount);
  }

  apply(grads: tf.Tensor[]): void {
    this.iterations += 1;
    tf.tidy(() => this.variables.forEach((v, i) => this.update(v, grads[i], this.state[i])));
  }

  protected abstract update(variable: tf.Variable, grad: tf.Tensor, slots: tf.Variable[]): void;

  get slots(): readonly tf.Variable[] {
    return this.state.flat();
  }

  dispose(): void {
    this.state.flat().forEach((s) => s.dispose());
  }
}

/** θ ← θ − η·g; with momentum m ← μ·m − η·g, θ ← θ + m (Nesterov: θ ← θ + μ·m − η·g). */
class Sgd extends BaseOptimizer {
  readonly name = 'sgd' as const;
  private readonly momentum: number;
  private readonly nesterov: boolean;
  constructor(variables: tf.Variable[], c: Config<'sgd'>) {
    super(variables, c.learningRate, c.momentum > 0 ? 1 : 0);
    this.momentum = c.momentum;
    this.nesterov = c.nesterov;
  }

  protected update(v: tf.Variable, g: tf.Tensor, [m]: tf.Variable[]): void {
    const lr = tf.scalar(this.learningRate);
    if (this.momentum === 0) {
      v.assign(tf.sub(v, tf.mul(lr, g)));
      return;
    }
    const mNew = tf.sub(tf.mul(m, this.momentum), tf.mul(g, lr));
    m.assign(mNew);
    v.assign(
      this.nesterov
        ? tf.add(v, tf.sub(tf.mul(mNew, this.momentum), tf.mul(g, lr)))
        : tf.add(v, mNew),
    );
  }
}

/**
 * m ← m + (g − m)(1 − β1); v ← v + (g² − v)(1 − β2);
 * θ ← θ − α·m / (√v + ε) with α = η·√(1 − β2ᵗ) / (1 − β1ᵗ).
 */
class Adam extends BaseOptimizer {
  readonly name = 'adam' as const;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  constructor(variables: tf.Variable[], c: Config<'adam'>) {
    super(variables, c.learningRate, 2);
    this.beta1 = c.beta1;
    this.beta2 = c.beta2;
    this.epsilon = c.epsilon;
  }

  protected update(v: tf.Variable, g: tf.Tensor, [m, s]: tf.Variable[]): void {
    const t = this.iterations;
    const alpha =
      (this.learningRate * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
    m.assign(tf.add(m, tf.mul(tf.sub(g, m), 1 - this.beta1)));
    s.assign(tf.add(s, tf.mul(tf.sub(tf.square(g), s), 1 - this.beta2)));
    v.assign(tf.sub(v, tf.div(tf.mul(m, alpha), tf.add(tf.sqrt(s), this.epsilon))));
  }
}

/**
 * s ← ρ·s + (1 − ρ)·g²; step = η·g / √(s + ε);
 * θ ← θ − step, or with momentum m ← μ·m + step, θ ← θ − m.
 */
class RmsProp extends BaseOptimizer {
  readonly name = 'rmsprop' as const;
  private readonly rho: number;
  private readonly momentum: number;
  private readonly epsilon: number;
  constructor(variables: tf.Variable[], c: Config<'rmsprop'>) {
    super(variables, c.learningRate, c.momentum > 0 ? 2 : 1);
    this.rho = c.rho;
    this.momentum = c.momentum;
    this.epsilon = c.epsilon;
  }

  protected update(v: tf.Variable, g: tf.Tensor, [s, m]: tf.Variable[]): void {
    s.assign(tf.add(tf.mul(s, this.rho), tf.mul(tf.square(g), 1 - this.rho)));
    const step = tf.div(tf.mul(g, this.learningRate), tf.sqrt(tf.add(s, this.epsilon)));
    if (this.momentum > 0) {
      m.assign(tf.add(tf.mul(m, this.momentum), step));
      v.assign(tf.sub(v, m));
    } else {
      v.assign(tf.sub(v, step));
    }
  }
}

/** Keras's defaults for every setting the spec leaves out. */
function config<N extends OptimizerSpec['name']>(name: N, spec: OptimizerSpec): Config<N> {
  const given = Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined));
  return { ...OPTIMIZER_DEFAULTS[name], ...given } as Config<N>;
}

export function createOptimizer(spec: OptimizerSpec, variables: tf.Variable[]): Optimizer {
  switch (spec.name) {
    case 'sgd':
      return new Sgd(variables, config('sgd', spec));
    case 'adam':
      return new Adam(variables, config('adam', spec));
    case 'rmsprop':
      return new RmsProp(variables, config('rmsprop', spec));
  }
}
