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
  /**
   * What the optimizer keeps for `variables[index]`, by Keras's slot names (`momentum`,
   * `velocity`), plus Adam's bias-corrected `mHat` and `vHat` once it has stepped: copies the
   * caller disposes, so reading changes nothing (the optimizer race's step panel).
   */
  inspect(index: number): Record<string, tf.Tensor>;
  dispose(): void;
}

export const OPTIMIZER_DEFAULTS = {
  sgd: { learningRate: 0.01, momentum: 0, nesterov: false },
  adam: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  rmsprop: { learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7 },
} as const;

type Config<N extends OptimizerSpec['name']> = {
  -readonly [K in keyof (typeof OPTIMIZER_DEFAULTS)[N]]: (typeof OPTIMIZER_DEFAULTS)[N][K] extends boolean ? boolean : number;
};

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

type Name = OptimizerSpec['name'];
type Scalars = Record<string, tf.Scalar>;

abstract class BaseOptimizer<N extends Name> implements Optimizer {
  abstract readonly name: N;
  iterations = 0;
  learningRate: number;
  protected readonly state: tf.Variable[][];
  private readonly constants = new Map<string, { value: number; tensor: tf.Scalar }>();

  constructor(
    protected readonly variables: tf.Variable[],
    protected readonly config: Config<N>,
    slotCount: number,
  ) {
    this.learningRate = config.learningRate as number;
    this.state = slots(variables, slotCount);
    this.refresh();
  }

  apply(grads: tf.Tensor[]): void {
    this.iterations += 1;
    const k = this.refresh();
    tf.tidy(() => this.variables.forEach((v, i) => this.update(v, grads[i], this.state[i], k)));
  }

  /** The numbers an update multiplies by, this step (learning rate, β…). */
  protected abstract scalars(): Record<string, number>;

  protected abstract update(variable: tf.Variable, grad: tf.Tensor, slots: tf.Variable[], k: Scalars): void;

  abstract inspect(index: number): Record<string, tf.Tensor>;

  /**
   * Keeps those numbers on the device between steps and re-uploads one only when it
   * changes: a fresh scalar per operation is what makes small models slow on a GPU.
   */
  private refresh(): Scalars {
    const out: Scalars = {};
    for (const [key, value] of Object.entries(this.scalars())) {
      let cached = this.constants.get(key);
      if (cached?.value !== value) {
        cached?.tensor.dispose();
        cached = { value, tensor: tf.keep(tf.scalar(value)) };
        this.constants.set(key, cached);
      }
      out[key] = cached.tensor;
    }
    return out;
  }

  get slots(): readonly tf.Variable[] {
    return this.state.flat();
  }

  dispose(): void {
    this.state.flat().forEach((s) => s.dispose());
    this.constants.forEach((c) => c.tensor.dispose());
    this.constants.clear();
  }
}

/** θ ← θ − η·g; with momentum m ← μ·m − η·g, θ ← θ + m (Nesterov: θ ← θ + μ·m − η·g). */
class Sgd extends BaseOptimizer<'sgd'> {
  readonly name = 'sgd' as const;
  constructor(variables: tf.Variable[], c: Config<'sgd'>) {
    super(variables, c, c.momentum > 0 ? 1 : 0);
  }

  protected scalars() {
    return { lr: this.learningRate, momentum: this.config.momentum };
  }

  protected update(v: tf.Variable, g: tf.Tensor, [m]: tf.Variable[], k: Scalars): void {
    if (this.config.momentum === 0) {
      v.assign(tf.sub(v, tf.mul(k.lr, g)));
      return;
    }
    const mNew = tf.sub(tf.mul(m, k.momentum), tf.mul(g, k.lr));
    m.assign(mNew);
    v.assign(this.config.nesterov ? tf.add(v, tf.sub(tf.mul(mNew, k.momentum), tf.mul(g, k.lr))) : tf.add(v, mNew));
  }

  inspect(index: number): Record<string, tf.Tensor> {
    return this.config.momentum > 0 ? { momentum: this.state[index][0].clone() } : {};
  }
}

/**
 * m ← m + (g − m)(1 − β1); v ← v + (g² − v)(1 − β2);
 * θ ← θ − α·m / (√v + ε) with α = η·√(1 − β2ᵗ) / (1 − β1ᵗ).
 */
class Adam extends BaseOptimizer<'adam'> {
  readonly name = 'adam' as const;
  constructor(variables: tf.Variable[], c: Config<'adam'>) {
    super(variables, c, 2);
  }

  protected scalars() {
    const { beta1, beta2, epsilon } = this.config;
    const t = Math.max(this.iterations, 1);
    const alpha = (this.learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    return { alpha, oneMinusBeta1: 1 - beta1, oneMinusBeta2: 1 - beta2, epsilon };
  }

  protected update(v: tf.Variable, g: tf.Tensor, [m, s]: tf.Variable[], k: Scalars): void {
    m.assign(tf.add(m, tf.mul(tf.sub(g, m), k.oneMinusBeta1)));
    s.assign(tf.add(s, tf.mul(tf.sub(tf.square(g), s), k.oneMinusBeta2)));
    v.assign(tf.sub(v, tf.div(tf.mul(m, k.alpha), tf.add(tf.sqrt(s), k.epsilon))));
  }

  /** m̂ = m / (1 − β1ᵗ) and v̂ = v / (1 − β2ᵗ) for the t updates so far: the textbook's form of the same step. */
  inspect(index: number): Record<string, tf.Tensor> {
    const [m, v] = this.state[index];
    const t = this.iterations;
    const { beta1, beta2 } = this.config;
    if (t === 0) return { momentum: m.clone(), velocity: v.clone() };
    return tf.tidy(() => ({ momentum: m.clone(), velocity: v.clone(), mHat: tf.div(m, 1 - beta1 ** t), vHat: tf.div(v, 1 - beta2 ** t) }));
  }
}

/**
 * s ← ρ·s + (1 − ρ)·g²; step = η·g / √(s + ε);
 * θ ← θ − step, or with momentum m ← μ·m + step, θ ← θ − m.
 */
class RmsProp extends BaseOptimizer<'rmsprop'> {
  readonly name = 'rmsprop' as const;
  constructor(variables: tf.Variable[], c: Config<'rmsprop'>) {
    super(variables, c, c.momentum > 0 ? 2 : 1);
  }

  protected scalars() {
    const { rho, momentum, epsilon } = this.config;
    return { lr: this.learningRate, rho, oneMinusRho: 1 - rho, momentum, epsilon };
  }

  protected update(v: tf.Variable, g: tf.Tensor, [s, m]: tf.Variable[], k: Scalars): void {
    s.assign(tf.add(tf.mul(s, k.rho), tf.mul(tf.square(g), k.oneMinusRho)));
    const step = tf.div(tf.mul(g, k.lr), tf.sqrt(tf.add(s, k.epsilon)));
    if (this.config.momentum > 0) {
      m.assign(tf.add(tf.mul(m, k.momentum), step));
      v.assign(tf.sub(v, m));
    } else {
      v.assign(tf.sub(v, step));
    }
  }

  inspect(index: number): Record<string, tf.Tensor> {
    const [s, m] = this.state[index];
    return this.config.momentum > 0 ? { velocity: s.clone(), momentum: m.clone() } : { velocity: s.clone() };
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
