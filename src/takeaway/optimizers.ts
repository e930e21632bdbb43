import type { OptimizerSpec } from '../engine/protocol';
import { num } from './program';

/*
 * A run's optimizer as code, with Keras's names and the spec's values (Keras's defaults where
 * the spec has none): shared by the CIFAR-10 fit and the optimizer race on the loss surface.
 */

/** `${module}.optimizers.Adam(learning_rate=…)`, with `module` the path Keras is imported under. */
export function pyOptimizer(o: OptimizerSpec, module = 'keras'): string {
  const lr = `learning_rate=${num(o.learningRate ?? (o.name === 'sgd' ? 0.01 : 0.001))}`;
  switch (o.name) {
    case 'sgd':
      return `${module}.optimizers.SGD(${[lr, o.momentum ? `momentum=${num(o.momentum)}` : '', o.nesterov ? 'nesterov=True' : ''].filter(Boolean).join(', ')})`;
    case 'adam':
      return `${module}.optimizers.Adam(${[lr, o.beta1 !== undefined ? `beta_1=${num(o.beta1)}` : '', o.beta2 !== undefined ? `beta_2=${num(o.beta2)}` : '', o.epsilon !== undefined ? `epsilon=${num(o.epsilon)}` : ''].filter(Boolean).join(', ')})`;
    case 'rmsprop':
      return `${module}.optimizers.RMSprop(${[lr, o.rho !== undefined ? `rho=${num(o.rho)}` : '', o.momentum ? `momentum=${num(o.momentum)}` : '', o.epsilon !== undefined ? `epsilon=${num(o.epsilon)}` : ''].filter(Boolean).join(', ')})`;
  }
}

/** The TF.js optimizer of the same name and learning rate (its other defaults match Keras's). */
export function jsOptimizer(o: OptimizerSpec): string {
  const lr = num(o.learningRate ?? (o.name === 'sgd' ? 0.01 : 0.001));
  if (o.name === 'sgd')
    return o.momentum ? `tf.train.momentum(${lr}, ${num(o.momentum)}${o.nesterov ? ', true' : ''})` : `tf.train.sgd(${lr})`;
  if (o.name === 'adam') return `tf.train.adam(${lr})`;
  return `tf.train.rmsprop(${lr})`;
}
