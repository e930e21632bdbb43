import type { RaceSpec } from '../../engine/protocol';
import { jsOptimizer, pyOptimizer } from '../optimizers';
import { float, list, num, type Program } from '../program';

/**
 * The loss-surface lab: the neuron ŷ = w·x + b started at the same (w, b) and trained by each
 * racing optimizer, each with its own η, for the same epochs. Keras's optimizers step the
 * tf.Variable pair with apply_gradients inside the notebooks' GradientTape loop.
 */
export function raceProgram(spec: RaceSpec, epochs: number): Program {
  const [w0, b0] = spec.start;
  return {
    title: 'La superficie de pérdida y la carrera de optimizadores',
    intro:
      '# La superficie de pérdida y la carrera de optimizadores\n\nLa neurona ŷ = w·x + b aprende y = 2x + 1 desde el mismo punto de partida con cada optimizador de la carrera del laboratorio, cada uno con su tasa de aprendizaje. Los optimizadores de Keras son los mismos que usa el navegador: las pérdidas finales deben coincidir con las del laboratorio hasta la precisión de float32.',
    steps: [
      {
        explain: '## Los datos\n\nLos puntos de la superficie elegida, todos sobre la recta y = 2x + 1.',
        code: [
          'import tensorflow as tf',
          '',
          `x = tf.constant(${list(spec.x, float)})`,
          `y = tf.constant(${list(spec.y, float)})`,
          `epochs = ${epochs}`,
        ].join('\n'),
      },
      {
        explain:
          '## Un entrenamiento\n\nEl bucle de los cuadernos: pasada hacia delante, pérdida MSE, gradientes con `GradientTape` y el paso que da el optimizador. Cada corredor parte del mismo (w, b).',
        code: [
          'def train(optimizer):',
          `    w = tf.Variable(${float(w0)})`,
          `    b = tf.Variable(${float(b0)})`,
          '    losses = []',
          '    for epoch in range(epochs):',
          '        with tf.GradientTape() as tape:',
          '            loss = tf.reduce_mean(tf.square(y - (w * x + b)))',
          '        grads = tape.gradient(loss, [w, b])',
          '        optimizer.apply_gradients(zip(grads, [w, b]))',
          '        losses.append(float(loss))',
          '    return w, b, losses',
        ].join('\n'),
      },
      {
        explain: '## La carrera\n\nLos optimizadores del laboratorio, con sus tasas de aprendizaje.',
        code: [
          'optimizers = {',
          ...spec.racers.map((r) => `    '${r.name}': ${pyOptimizer(r.optimizer, 'tf.keras')},`),
          '}',
          'for name, optimizer in optimizers.items():',
          '    w, b, losses = train(optimizer)',
          "    print(f'{name}: loss = {losses[-1]:.6f}, w = {w.numpy():.6f}, b = {b.numpy():.6f}')",
        ].join('\n'),
      },
    ],
    tfjs: [
      "import * as tf from '@tensorflow/tfjs';",
      '',
      `const x = tf.tensor1d(${list(spec.x)});`,
      `const y = tf.tensor1d(${list(spec.y)});`,
      `const epochs = ${epochs};`,
      '',
      'function train(optimizer) {',
      `  const w = tf.variable(tf.scalar(${num(w0)}));`,
      `  const b = tf.variable(tf.scalar(${num(b0)}));`,
      '  let loss;',
      '  for (let epoch = 0; epoch < epochs; epoch++) {',
      '    loss = optimizer.minimize(() => tf.mean(tf.square(y.sub(w.mul(x).add(b)))), true, [w, b]);',
      '  }',
      '  return { w: w.dataSync()[0], b: b.dataSync()[0], loss: loss.dataSync()[0] };',
      '}',
      '',
      ...spec.racers.map((r) => `console.log('${r.name}', train(${jsOptimizer(r.optimizer)}));`),
      '',
    ].join('\n'),
    // Several runs, not one: the lab shows each racer's final loss on its path.
    compare: { browser: () => ({}), colab: () => [] },
  };
}
