import * as tf from '@tensorflow/tfjs';
import { EngineInputError } from './errors';
import type { LossFn } from './losses';
import { withPenalties, type Penalties } from './regularizers';
import type { Activation, MlpSpec, ModelSpec } from './spec';

/**
 * One update of a stack of Dense layers, written out the way the backpropagation lesson
 * explains it: for every layer z = a_prev·W + b and a = f(z) on the way forward, the loss,
 * then ∂L/∂a, ∂L/∂z, ∂L/∂W and ∂L/∂b on the way back. The trainer updates the weights with
 * exactly these gradients, so the numbers shown are the numbers used.
 */

export interface LayerTrace {
  activation: Activation;
  /** Rows are samples. */
  input: number[][];
  kernel: number[][];
  bias: number[];
  z: number[][];
  a: number[][];
  gradA: number[][];
  gradZ: number[][];
  gradKernel: number[][];
  gradBias: number[];
  /** After the optimizer's update. */
  newKernel: number[][];
  newBias: number[];
}

export interface StepTrace {
  /** Index of the update, counting from 0 as the notebooks print it. */
  step: number;
  learningRate: number;
  optimizer: string;
  y: number[][];
  loss: number;
  layers: LayerTrace[];
}

/** Tensors of a traced update, kept until they are read back in one go. */
export interface PendingTrace {
  step: number;
  learningRate: number;
  optimizer: string;
  activations: Activation[];
  y: tf.Tensor;
  loss: tf.Scalar;
  /** Per layer, in this order: input, kernel, bias, z, a, gradA, gradZ, gradKernel, gradBias. */
  layers: tf.Tensor[][];
  /** Per layer: new kernel and new bias, taken after the update. */
  updated: tf.Tensor[][];
}

/** Only plain Dense stacks have the z/a structure the trace shows. */
export function assertTraceable(spec: ModelSpec): asserts spec is MlpSpec {
  if (spec.kind !== 'mlp') throw new EngineInputError('El paso detallado solo está disponible para redes de capas densas.');
  if ((spec.hidden ?? []).some((l) => l.batchNorm || (l.dropout ?? 0) > 0)) {
    throw new EngineInputError('El paso detallado solo está disponible para capas densas sin Dropout ni BatchNormalization.');
  }
}

function activationFn(name: Activation): (z: tf.Tensor) => tf.Tensor {
  switch (name) {
    case 'linear':
      return (z) => z;
    case 'relu':
      return tf.relu;
    case 'sigmoid':
      return tf.sigmoid;
    case 'tanh':
      return tf.tanh;
    case 'softmax':
      return (z) => tf.softmax(z);
    case 'gelu':
      // As tfjs-layers computes it (exact gelu, x·Φ(x)), so the trace matches the model.
      return (z) => tf.mul(z, tf.mul(0.5, tf.add(1, tf.erf(tf.div(z, Math.sqrt(2))))));
  }
}

/** Activation of every Dense layer, input to output. */
export function denseActivations(spec: MlpSpec): Activation[] {
  return [...(spec.hidden ?? []).map((l) => l.activation), spec.outputActivation];
}

/**
 * Forward and backward pass of one batch. `weights` are kernel, bias, kernel, bias, … in
 * Keras order. Returns the loss, the gradients of the weights (to update with) and the
 * layer-by-layer tensors. Gradients with respect to z and a come from adding zeros to them
 * and differentiating with respect to those zeros: same graph, no second derivation.
 */
export function traceBatch(
  weights: tf.Tensor[],
  activations: Activation[],
  x: tf.Tensor,
  y: tf.Tensor,
  loss: LossFn,
  penalties: Penalties | null = null,
): { loss: tf.Scalar; grads: tf.Tensor[]; layers: tf.Tensor[][] } {
  const count = activations.length;
  const fns = activations.map(activationFn);
  const forward = (ws: tf.Tensor[], zeros: tf.Tensor[]) => {
    const steps: { input: tf.Tensor; z: tf.Tensor; a: tf.Tensor }[] = [];
    let h = x;
    for (let i = 0; i < count; i++) {
      let z = tf.add(tf.matMul(h, ws[2 * i]), ws[2 * i + 1]);
      if (zeros.length) z = tf.add(z, zeros[2 * i]);
      let a = fns[i](z);
      if (zeros.length) a = tf.add(a, zeros[2 * i + 1]);
      steps.push({ input: h, z, a });
      h = a;
    }
    // Kernel regularization (Keras's compute_loss total) on the kernels being traced, so
    // the gradients shown are the ones the optimizer applies.
    const dataLoss = loss(y, h);
    const kernels = ws.filter((_, j) => j % 2 === 0);
    return { steps, loss: penalties ? withPenalties(dataLoss, penalties(kernels)) : dataLoss };
  };
  return tf.tidy(() => {
    const { steps } = forward(weights, []);
    const zeros = steps.flatMap((s) => [tf.zerosLike(s.z), tf.zerosLike(s.a)]);
    const { value, grads } = tf.valueAndGrads((...args: tf.Tensor[]) => forward(args.slice(0, 2 * count), args.slice(2 * count)).loss)([
      ...weights,
      ...zeros,
    ]);
    // Clones: the trace is freed after reading; the variables, the batch and the gradients
    // the optimizer uses have their own lives.
    const layers = steps.map((s, i) => [
      tf.clone(s.input),
      tf.clone(weights[2 * i]),
      tf.clone(weights[2 * i + 1]),
      s.z,
      s.a,
      grads[2 * count + 2 * i + 1],
      grads[2 * count + 2 * i],
      tf.clone(grads[2 * i]),
      tf.clone(grads[2 * i + 1]),
    ]);
    return { loss: value as tf.Scalar, grads: grads.slice(0, 2 * count), layers };
  });
}

function rows(t: tf.Tensor, data: Float32Array | Int32Array): number[][] {
  const [n, m] = t.rank === 2 ? t.shape : [1, t.size];
  return Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * m, (i + 1) * m)));
}

function traceTensors(p: PendingTrace): tf.Tensor[] {
  return [p.y, p.loss, ...p.layers.flat(), ...p.updated.flat()];
}

/** Frees a pending trace that will not be read. */
export function disposeTrace(p: PendingTrace): void {
  tf.dispose(traceTensors(p));
}

/** Reads a pending trace back as plain numbers and frees its tensors. */
export async function readTrace(p: PendingTrace): Promise<StepTrace> {
  const all = traceTensors(p);
  const flat = tf.tidy(() => tf.concat(all.map((t) => tf.reshape(tf.cast(t, 'float32'), [-1]))));
  const data = (await flat.data()) as Float32Array;
  flat.dispose();
  let offset = 0;
  const next = (t: tf.Tensor) => {
    const part = data.subarray(offset, offset + t.size);
    offset += t.size;
    return rows(t, part);
  };
  const y = next(p.y);
  const loss = next(p.loss)[0][0];
  const layers = p.layers.map((ts, i): LayerTrace => {
    const [input, kernel, bias, z, a, gradA, gradZ, gradKernel, gradBias] = ts.map(next);
    return {
      activation: p.activations[i],
      input,
      kernel,
      bias: bias[0],
      z,
      a,
      gradA,
      gradZ,
      gradKernel,
      gradBias: gradBias[0],
      newKernel: [],
      newBias: [],
    };
  });
  p.updated.forEach(([kernel, bias], i) => {
    layers[i].newKernel = next(kernel);
    layers[i].newBias = next(bias)[0];
  });
  tf.dispose(all);
  return { step: p.step, learningRate: p.learningRate, optimizer: p.optimizer, y, loss, layers };
}
