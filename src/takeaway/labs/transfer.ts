import type { AugmentSpec, EpochRecord, RunSpec, TransferBase } from '../../engine/protocol';
import { formatNumber } from '../../ui/format';
import { augmentation } from '../kerasLayers';
import { csvComparison, list, num, pyString, type Program, type Step } from '../program';
import { hasKerasTwin, TRANSFER_WEIGHTS_FILE } from '../kerasTransferWeights';

/**
 * Exercise E as Keras runs it: EfficientNetB0/B3 without its top, frozen and called with
 * training=False, the notebook's head, Adam; then the top blocks unfrozen (BatchNormalization
 * stays frozen and in inference mode) and a second fit with a small learning rate.
 */

export interface FineTune {
  /** Top blocks of the base that train in phase 2. */
  unfreeze: number;
  lr: number;
  epochs: number;
  /** Phase 2's augmentation of the training images (phase 1 trains on cached features, unaugmented). */
  augment?: AugmentSpec;
}

/** Keras's EfficientNet for each base; the mini base exists only in this lab, so its code uses B0. */
const KERAS_BASE: Record<TransferBase, { name: string; side: number }> = {
  b0: { name: 'EfficientNetB0', side: 224 },
  b3: { name: 'EfficientNetB3', side: 300 },
  mini: { name: 'EfficientNetB0', side: 224 },
};

function dataStep(spec: RunSpec, names: string[], side: number): Step {
  const head = ['import numpy as np', 'import keras', 'from keras import layers', '', `keras.utils.set_random_seed(${spec.seed})`];
  if (spec.data.kind === 'cifar10-classes') {
    const { classes, train, validation } = spec.data;
    return {
      explain: `## Los datos\n\nCuatro clases de CIFAR-10 (${names.join(', ')}): las primeras ${train} imágenes de entrenamiento de cada una, y para validar las primeras ${validation} de cada una del conjunto de prueba, como en el laboratorio. Las etiquetas van en *one-hot* (entropía cruzada categórica).`,
      code: [
        ...head,
        `classes = ${list(classes)}  # ${names.join(', ')}`,
        '(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()',
        '',
        'def first_of_each_class(x, y, per_class):',
        '    picked = [np.where(y.ravel() == c)[0][:per_class] for c in classes]',
        '    labels = np.concatenate([np.full(len(p), i) for i, p in enumerate(picked)])',
        '    return x[np.concatenate(picked)], keras.utils.to_categorical(labels, len(classes))',
        '',
        `x_tr, y_tr = first_of_each_class(x_train, y_train, ${train})`,
        `x_val, y_val = first_of_each_class(x_test, y_test, ${validation})`,
      ].join('\n'),
    };
  }
  return {
    explain: `## Los datos\n\nTus propias imágenes: sube a Colab una carpeta \`mis_imagenes\` con una subcarpeta por clase (${names.join(', ')}). Como en el laboratorio, una quinta parte de cada clase se aparta para validar.`,
    code: [
      ...head,
      'train_ds, val_ds = keras.utils.image_dataset_from_directory(',
      "    'mis_imagenes',",
      `    class_names=${JSON.stringify(names)},`,
      "    label_mode='categorical',",
      `    image_size=(${side}, ${side}),`,
      '    validation_split=0.2,',
      "    subset='both',",
      `    seed=${spec.seed},`,
      `    batch_size=${spec.batchSize ?? 32},`,
      ')',
    ].join('\n'),
  };
}

export function transferProgram(spec: RunSpec, names: string[], fine: FineTune): Program {
  if (spec.model.kind !== 'transfer') throw new Error('Not a transfer run');
  const { name, side } = KERAS_BASE[spec.model.base];
  const own = spec.data.kind !== 'cifar10-classes';
  const lr = num(spec.optimizer.learningRate ?? 0.001);
  const batch = spec.batchSize ?? 32;
  const fitData = own
    ? 'train_ds, validation_data=val_ds'
    : `x_tr, y_tr, validation_data=(x_val, y_val), batch_size=${batch}, shuffle=True`;
  const total = spec.epochs + fine.epochs;
  const augment = augmentation(fine.augment);
  // Augmented batches in phase 2 only, as the lab does: a tf.data pipeline through the Random… layers.
  const augmentCode = augment.length
    ? [
        '',
        'import tensorflow as tf',
        '',
        'augment = keras.Sequential([',
        ...augment.map((l) => `    ${l.python},`),
        '])',
        own
          ? 'train_augmented = train_ds.map(lambda x, y: (augment(x, training=True), y))'
          : `train_augmented = tf.data.Dataset.from_tensor_slices((x_tr, y_tr)).shuffle(len(x_tr), seed=${spec.seed}).batch(${batch}).map(lambda x, y: (augment(x, training=True), y))`,
      ]
    : [];
  const fitData2 = augment.length ? `train_augmented, validation_data=${own ? 'val_ds' : '(x_val, y_val)'}` : fitData;
  const compile = (rate: string) => [
    'model.compile(',
    `    optimizer=keras.optimizers.Adam(learning_rate=${rate}),`,
    `    loss=${pyString(spec.loss)},`,
    "    metrics=['accuracy'],",
    ')',
  ];
  const steps: Step[] = [
    dataStep(spec, names, side),
    {
      explain: `## La base y la cabeza\n\n${name} con los pesos de ImageNet y sin su clasificador (\`include_top=False\`), congelada (\`trainable = False\`) y llamada con \`training=False\`, para que sus BatchNormalization usen siempre sus medias y varianzas (modo inferencia). Encima, la cabeza del cuaderno.${spec.model.base === 'mini' ? ' (La base «mini» del laboratorio solo existe en el navegador; aquí se usa EfficientNetB0.)' : ''}`,
      code: [
        `base = keras.applications.${name}(include_top=False, weights='imagenet', input_shape=(${side}, ${side}, 3))`,
        'base.trainable = False',
        '',
        own ? `inputs = keras.Input(shape=(${side}, ${side}, 3))` : 'inputs = keras.Input(shape=(32, 32, 3))',
        // EfficientNet takes 0–255 pixels and normalises them itself.
        own ? 'x = inputs' : `x = layers.Resizing(${side}, ${side})(inputs)`,
        'x = base(x, training=False)',
        'x = layers.GlobalAveragePooling2D()(x)',
        "x = layers.Dense(128, activation='relu')(x)",
        "x = layers.Dense(256, activation='relu')(x)",
        `outputs = layers.Dense(${spec.model.classes}, activation='softmax')(x)`,
        'model = keras.Model(inputs, outputs)',
        ...compile(lr),
        'model.summary()',
      ].join('\n'),
    },
    {
      explain: `## Fase 1: entrenar la cabeza\n\nSolo aprende la cabeza; la base congelada hace de extractor de características. ${spec.epochs} épocas con η = ${formatNumber(spec.optimizer.learningRate ?? 0.001)}.`,
      code: `history = model.fit(${fitData}, epochs=${spec.epochs}, callbacks=[keras.callbacks.CSVLogger('historial.csv')])`,
    },
    {
      explain: `## Fase 2: descongelar y afinar\n\nSe descongelan los ${fine.unfreeze} últimos bloques de la base (los bloques se reconocen por el prefijo del nombre de cada capa: \`stem\`, \`block1a\`…, \`top\`). Las BatchNormalization siguen congeladas y, como la base se llama con \`training=False\`, en modo inferencia. Se vuelve a compilar con una η pequeña (${formatNumber(fine.lr)}) y se sigue ${fine.epochs} épocas más.${augment.length ? ' Como en el laboratorio, en esta fase las imágenes de entrenamiento se aumentan (capas `Random…`).' : ''}`,
      code: [
        'blocks = []',
        'for layer in base.layers:',
        "    prefix = layer.name.split('_')[0]",
        "    if prefix.startswith(('stem', 'block', 'top')) and prefix not in blocks:",
        '        blocks.append(prefix)',
        `unfrozen = blocks[-${fine.unfreeze}:]`,
        '',
        'base.trainable = True',
        'for layer in base.layers:',
        "    layer.trainable = layer.name.split('_')[0] in unfrozen and not isinstance(layer, layers.BatchNormalization)",
        '',
        ...compile(num(fine.lr)),
        ...augmentCode,
        `history_2 = model.fit(${fitData2}, epochs=${total}, initial_epoch=${spec.epochs}, callbacks=[keras.callbacks.CSVLogger('historial.csv', append=True)])`,
      ].join('\n'),
    },
  ];

  // The lab's B0/B3 network downloads as Keras weights for this very model; the mini base has no Keras twin.
  if (hasKerasTwin(spec.model.base))
    steps.push({
      explain: `## Los pesos del navegador\n\nEl botón «Descargar pesos de Keras» del laboratorio da \`${TRANSFER_WEIGHTS_FILE}\`: la base ${name} y la cabeza tal como quedaron en el navegador tras las dos fases, en el formato de Keras 3. Súbelo a Colab y quita los \`#\` para cargarlo en este mismo modelo y evaluarlo.`,
      code: [`# model.load_weights('${TRANSFER_WEIGHTS_FILE}')`, `# print(model.evaluate(${own ? 'val_ds' : 'x_val, y_val'}))`].join('\n'),
    });

  const tfjs = [
    "import * as tf from '@tensorflow/tfjs';",
    '',
    `// The Keras ${name} weights converted to the TF.js layers format (the lab converts the official .h5 files).`,
    `const base = await tf.loadLayersModel('weights/${name.toLowerCase()}/model.json');`,
    'base.trainable = false;',
    '',
    `const input = tf.input({ shape: [${side}, ${side}, 3] });`,
    '// training: false keeps BatchNormalization in inference mode, also once unfrozen.',
    'let x = base.apply(input, { training: false });',
    'x = tf.layers.globalAveragePooling2d({}).apply(x);',
    "x = tf.layers.dense({ units: 128, activation: 'relu' }).apply(x);",
    "x = tf.layers.dense({ units: 256, activation: 'relu' }).apply(x);",
    `const output = tf.layers.dense({ units: ${spec.model.classes}, activation: 'softmax' }).apply(x);`,
    'const model = tf.model({ inputs: input, outputs: output });',
    '',
    `// xTrain: [n, ${side}, ${side}, 3] pixels 0-255; yTrain: one-hot [n, ${spec.model.classes}]; likewise xVal, yVal.`,
    `model.compile({ optimizer: tf.train.adam(${lr}), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });`,
    `await model.fit(xTrain, yTrain, { batchSize: ${batch}, epochs: ${spec.epochs}, validationData: [xVal, yVal], shuffle: true });`,
    '',
    `// Phase 2: the top ${fine.unfreeze} blocks train; BatchNormalization stays frozen.`,
    "const blocks = [...new Set(base.layers.map((l) => l.name.split('_')[0]).filter((p) => /^(stem|block|top)/.test(p)))];",
    `const unfrozen = blocks.slice(-${fine.unfreeze});`,
    'base.trainable = true;',
    "for (const layer of base.layers) layer.trainable = unfrozen.includes(layer.name.split('_')[0]) && layer.getClassName() !== 'BatchNormalization';",
    `model.compile({ optimizer: tf.train.adam(${num(fine.lr)}), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });`,
    `await model.fit(xTrain, yTrain, { batchSize: ${batch}, epochs: ${total}, initialEpoch: ${spec.epochs}, validationData: [xVal, yVal], shuffle: true });`,
    '',
  ].join('\n');

  return {
    title: 'Transferencia de aprendizaje con EfficientNet',
    intro: `# Transferencia de aprendizaje con EfficientNet\n\nEl entrenamiento del laboratorio en Keras 3: una base ${name} preentrenada y congelada, una cabeza nueva (fase 1), y después sus últimos bloques descongelados y afinados con una tasa de aprendizaje pequeña (fase 2). La cabeza empieza con pesos aleatorios distintos de los del navegador: las cifras serán parecidas, no idénticas.`,
    steps,
    tfjs,
    compare: csvComparison((record: EpochRecord) => record.logs),
  };
}
