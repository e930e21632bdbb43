import type { Activation, EpochRecord, LossName, MlpSpec, RunSpec } from '../../engine/protocol';
import { printInterval } from '../../widgets/NotebookPrints';
import { float, list, num, type Program, type Step } from '../program';

/**
 * The toy exercises (A, B, C and the points playground) as the notebooks write them: the
 * data as constants, the parameters as tf.Variable from the run's own start, and the
 * four-step loop (forward pass, loss, GradientTape, assign_sub), one full-batch update per
 * epoch, printing the loss computed before the update and the parameters after it. A network
 * with hidden layers (seeded, not given a start) is a Keras Sequential trained by the same loop.
 */

export interface ToyText {
  title: string;
  /** One Spanish sentence on the data. */
  data: string;
}

/** What the toy loops can run: inline data, an MLP, plain gradient descent. */
function parts(spec: RunSpec) {
  if (spec.data.kind !== 'inline' || spec.model.kind !== 'mlp' || spec.optimizer.name !== 'sgd') {
    throw new Error('A toy program needs inline data, an MLP and plain SGD');
  }
  const y = spec.data.y.map((v) => (typeof v === 'number' ? [v] : v));
  return { model: spec.model, x: spec.data.x, y, lr: spec.optimizer.learningRate ?? 0.01 };
}

const PY_ACTIVATION: Record<Activation, (z: string) => string> = {
  linear: (z) => z,
  relu: (z) => `tf.nn.relu(${z})`,
  sigmoid: (z) => `tf.sigmoid(${z})`,
  tanh: (z) => `tf.tanh(${z})`,
  gelu: (z) => `tf.nn.gelu(${z})`,
  softmax: (z) => `tf.nn.softmax(${z})`,
};
const JS_ACTIVATION: Record<Activation, (z: string) => string> = {
  linear: (z) => z,
  relu: (z) => `tf.relu(${z})`,
  sigmoid: (z) => `tf.sigmoid(${z})`,
  tanh: (z) => `tf.tanh(${z})`,
  gelu: (z) => `tf.layers.activation({ activation: 'gelu' }).apply(${z})`,
  softmax: (z) => `tf.softmax(${z})`,
};

/** The loss as the notebooks compute it (Keras's own classes for the cross-entropies). */
const PY_LOSS: Record<LossName, { setup: string | null; call: string }> = {
  mse: { setup: null, call: 'tf.reduce_mean(tf.square(y - y_pred))' },
  binary_crossentropy: { setup: 'loss_fn = tf.keras.losses.BinaryCrossentropy()', call: 'loss_fn(y, y_pred)' },
  categorical_crossentropy: { setup: 'loss_fn = tf.keras.losses.CategoricalCrossentropy()', call: 'loss_fn(y, y_pred)' },
  sparse_categorical_crossentropy: { setup: 'loss_fn = tf.keras.losses.SparseCategoricalCrossentropy()', call: 'loss_fn(y, y_pred)' },
};
const JS_LOSS: Record<LossName, string> = {
  mse: 'tf.mean(tf.square(y.sub(yPred)))',
  binary_crossentropy: 'tf.metrics.binaryCrossentropy(y, yPred).mean()',
  categorical_crossentropy: 'tf.metrics.categoricalCrossentropy(y, yPred).mean()',
  sparse_categorical_crossentropy: 'tf.metrics.sparseCategoricalCrossentropy(y, yPred).mean()',
};

/** The line exercise's scalar form: ŷ = w·x + b with w and b scalars, as notebook A writes it. */
const isLine = (m: MlpSpec) =>
  m.inputShape[0] === 1 && m.outputUnits === 1 && m.outputActivation === 'linear' && !m.hidden?.length && m.initialWeights !== undefined;

const classifier = (spec: RunSpec) => spec.loss !== 'mse';

/** One neuron started from given values (the notebooks' tf.Variable form); otherwise a seeded network. */
const isSingle = (m: MlpSpec) => !m.hidden?.length && m.initialWeights !== undefined;

function dataStep(spec: RunSpec, text: ToyText): Step {
  const { x, y, model } = parts(spec);
  const code = isLine(model)
    ? [
        `x = tf.constant(${list(
          x.map((r) => r[0]),
          float,
        )})`,
        `y = tf.constant(${list(
          y.map((r) => r[0]),
          float,
        )})`,
      ]
    : [`X = tf.constant(${list(x, float)})`, `y = tf.constant(${list(y, float)})`];
  return { explain: `## Los datos\n\n${text.data}`, code: ['import tensorflow as tf', '', ...code].join('\n') };
}

function parameterStep(spec: RunSpec): Step {
  const { model, lr } = parts(spec);
  const hidden = model.hidden ?? [];
  const common = [`lr = ${num(lr)}`, `epochs = ${spec.epochs}`];
  const loss = PY_LOSS[spec.loss].setup;
  if (hidden.length === 0 && model.initialWeights) {
    const [kernel, bias] = model.initialWeights;
    const inputs = model.inputShape[0];
    const vars = isLine(model)
      ? [`w = tf.Variable(${float(kernel[0])})`, `b = tf.Variable(${float(bias[0])})`]
      : [
          // The kernel is stored row-major: inputs × outputs.
          `w = tf.Variable(${list(
            Array.from({ length: inputs }, (_, i) => kernel.slice(i * model.outputUnits, (i + 1) * model.outputUnits)),
            float,
          )})`,
          `b = tf.Variable(${list(bias, float)})`,
        ];
    return {
      explain:
        '## Los parámetros de partida\n\nLos mismos valores iniciales que el laboratorio (los del enlace), como `tf.Variable` de float32, y la tasa de aprendizaje η.',
      code: [...vars, ...common, ...(loss ? [loss] : [])].join('\n'),
    };
  }
  const layers = [
    `    tf.keras.Input(shape=(${model.inputShape[0]},)),`,
    ...hidden.map((h) => `    tf.keras.layers.Dense(${h.units}, activation='${h.activation}'),`),
    `    tf.keras.layers.Dense(${model.outputUnits}, activation='${model.outputActivation}'),`,
  ];
  return {
    explain: `## La red\n\n${hidden.length} capas ocultas y la salida. Sus pesos iniciales salen de la semilla: Keras y el navegador sortean distinto, así que las cifras no coincidirán una a una, aunque el aprendizaje sea el mismo.`,
    code: [
      `tf.keras.utils.set_random_seed(${spec.seed})`,
      ...common,
      'model = tf.keras.Sequential([',
      ...layers,
      '])',
      'optimizer = tf.keras.optimizers.SGD(learning_rate=lr)',
      ...(loss ? [loss] : []),
    ].join('\n'),
  };
}

/** Python: the predicted class of each row of probabilities `p`. */
const pyPredicted = (model: MlpSpec, p: string) => (model.outputUnits > 1 ? `tf.argmax(${p}, axis=1)` : `tf.round(${p})`);

function loopStep(spec: RunSpec): Step {
  const { model } = parts(spec);
  const every = printInterval(spec.epochs);
  const single = isSingle(model);
  const activate = PY_ACTIVATION[model.outputActivation];
  const forward = isLine(model) ? 'w * x + b' : single ? activate('tf.matmul(X, w) + b') : 'model(X)';
  const params = single ? '[w, b]' : 'model.trainable_variables';
  const update = single
    ? [
        '    dw, db = tape.gradient(loss, [w, b])  # 3. gradientes',
        '    w.assign_sub(lr * dw)  # 4. actualización',
        '    b.assign_sub(lr * db)',
      ]
    : [
        `    grads = tape.gradient(loss, ${params})  # 3. gradientes`,
        `    optimizer.apply_gradients(zip(grads, ${params}))  # 4. actualización`,
      ];
  const truth = model.outputUnits > 1 ? 'tf.argmax(y, axis=1)' : 'y';
  const shown = isLine(model)
    ? ', w = {w.numpy():.7f}, b = {b.numpy():.7f}'
    : single
      ? ', w = {w.numpy().ravel()}, b = {b.numpy()}'
      : classifier(spec)
        ? `, accuracy = {tf.reduce_mean(tf.cast(tf.equal(${pyPredicted(model, 'y_pred')}, ${truth}), tf.float32)).numpy():.4f}`
        : '';
  const code = [
    'for epoch in range(epochs):',
    '    with tf.GradientTape() as tape:',
    `        y_pred = ${forward}  # 1. pasada hacia delante`,
    `        loss = ${PY_LOSS[spec.loss].call}  # 2. pérdida`,
    ...update,
    `    if epoch % ${every} == 0:`,
    `        print(f'Epoch {epoch}: loss = {loss.numpy():.4f}${shown}')`,
  ];
  if (classifier(spec)) code.push('', `print('Predicciones:', ${pyPredicted(model, forward)}.numpy().ravel())`);
  return {
    explain: `## El bucle de entrenamiento\n\nCada época hace los cuatro pasos: pasada hacia delante, pérdida, gradientes con \`GradientTape\` y actualización. Cada ${every} épocas imprime la pérdida calculada **antes** de actualizar y los parámetros **después**, como el laboratorio en su tabla.`,
    code: code.join('\n'),
  };
}

function tfjsProgram(spec: RunSpec): string {
  const { model, x, y, lr } = parts(spec);
  const every = printInterval(spec.epochs);
  const line = isLine(model);
  const single = isSingle(model);
  const out: string[] = ["import * as tf from '@tensorflow/tfjs';", '', `const lr = ${num(lr)};`, `const epochs = ${spec.epochs};`];
  if (line) {
    out.push(`const x = tf.tensor1d(${list(x.map((r) => r[0]))});`, `const y = tf.tensor1d(${list(y.map((r) => r[0]))});`);
  } else {
    out.push(`const X = tf.tensor2d(${list(x)});`, `const y = tf.tensor2d(${list(y)});`);
  }
  let forward: string;
  if (single) {
    const [kernel, bias] = model.initialWeights!;
    const inputs = model.inputShape[0];
    out.push(
      line
        ? `const w = tf.variable(tf.scalar(${num(kernel[0])}));`
        : `const w = tf.variable(tf.tensor2d(${list(kernel)}, [${inputs}, ${model.outputUnits}]));`,
      line ? `const b = tf.variable(tf.scalar(${num(bias[0])}));` : `const b = tf.variable(tf.tensor1d(${list(bias)}));`,
    );
    forward = line ? 'w.mul(x).add(b)' : JS_ACTIVATION[model.outputActivation]('tf.matMul(X, w).add(b)');
  } else {
    out.push('const model = tf.sequential();');
    (model.hidden ?? []).forEach((h, i) =>
      out.push(
        `model.add(tf.layers.dense({ units: ${h.units}, activation: '${h.activation}'${i === 0 ? `, inputShape: [${model.inputShape[0]}]` : ''} }));`,
      ),
    );
    out.push(`model.add(tf.layers.dense({ units: ${model.outputUnits}, activation: '${model.outputActivation}' }));`);
    out.push('const optimizer = tf.train.sgd(lr);');
    forward = 'model.apply(X)';
  }
  out.push('');
  const lossJs = JS_LOSS[spec.loss];
  out.push(
    'for (let epoch = 0; epoch < epochs; epoch++) {',
    '  tf.tidy(() => {',
    '    // tf.variableGrads: the loss and its gradient with respect to each variable (what GradientTape does).',
    '    const { value: loss, grads } = tf.variableGrads(() => {',
    `      const yPred = ${forward};`,
    `      return ${lossJs};`,
    '    });',
  );
  if (single) {
    out.push('    w.assign(w.sub(grads[w.name].mul(lr)));', '    b.assign(b.sub(grads[b.name].mul(lr)));');
  } else {
    out.push('    optimizer.applyGradients(grads);');
  }
  out.push(
    `    if (epoch % ${every} === 0) console.log(\`Epoch \${epoch}: loss = \${loss.dataSync()[0].toFixed(4)}\`, ${single ? 'w.arraySync(), b.arraySync()' : "''"});`,
    '  });',
    '}',
  );
  return out.join('\n') + '\n';
}

/** The browser's last epoch as the loop prints it: its loss and the parameters after it. */
function browserNumbers(spec: RunSpec) {
  const { model } = parts(spec);
  const single = isSingle(model);
  return (record: EpochRecord): Record<string, number> => {
    const numbers: Record<string, number> = { loss: record.logs.loss };
    if (single && record.params) {
      const [kernel, bias] = record.params;
      if (isLine(model)) Object.assign(numbers, { w: kernel[0], b: bias[0] });
      else {
        kernel.forEach((v, i) => (numbers[`w${i + 1}`] = v));
        numbers.b = bias[0];
      }
    }
    return numbers;
  };
}

/** Colab's numbers after its loop: the last printed loss and the parameters as they ended. */
function colabNumbers(spec: RunSpec): string[] {
  const { model } = parts(spec);
  const single = isSingle(model);
  const names: string[] = ["'loss': float(loss)"];
  if (single && isLine(model)) names.push("'w': float(w.numpy())", "'b': float(b.numpy())");
  else if (single) {
    for (let i = 0; i < model.inputShape[0] * model.outputUnits; i++) names.push(`'w${i + 1}': float(w.numpy().ravel()[${i}])`);
    names.push("'b': float(b.numpy()[0])");
  }
  return [`colab = {${names.join(', ')}}`];
}

/** The program of a toy run, from the spec the widget trains (its own spec builder's output). */
export function toyProgram(spec: RunSpec, text: ToyText): Program {
  const { model } = parts(spec);
  const single = isSingle(model);
  return {
    title: text.title,
    intro: `# ${text.title}\n\nEl mismo entrenamiento que el laboratorio, escrito como lo escriben los cuadernos del curso: descenso del gradiente con \`GradientTape\`, un paso por época con todos los datos.${single ? ' Con los mismos valores iniciales, Colab debe imprimir los mismos números que el navegador, hasta la precisión de float32.' : ''}`,
    steps: [dataStep(spec, text), parameterStep(spec), loopStep(spec)],
    tfjs: tfjsProgram(spec),
    compare: { browser: browserNumbers(spec), colab: () => colabNumbers(spec) },
  };
}
