import { float, list, num, type Program } from '../program';

/**
 * The two labs that do not train a run, each computed once by the engine: softmax with its
 * cross-entropy and gradient (lesson 4), and one 3×3 convolution with ReLU and max pooling.
 * Neither has epochs, so their notebooks compare nothing at the end.
 */

const NOTHING_TO_COMPARE: Program['compare'] = { browser: () => ({}), colab: () => [] };

/** Lesson 4: the logits, softmax, the cross-entropy and its gradient ŷ − y checked against GradientTape. */
export function softmaxProgram(o: { logits: number[]; target: number; lr: number }): Program {
  const n = o.logits.length;
  return {
    title: 'Softmax y entropía cruzada',
    intro:
      '# Softmax y entropía cruzada\n\nLos logits del laboratorio pasan por softmax; la entropía cruzada compara las probabilidades con la clase correcta, y su gradiente respecto a los logits es ŷ − y. Aquí se comprueba con `GradientTape`, como en el navegador.',
    steps: [
      {
        explain: '## Los logits y la clase correcta\n\nLos mismos valores que el laboratorio; `y` es la clase correcta en *one-hot*.',
        code: [
          'import tensorflow as tf',
          '',
          `z = tf.Variable([${list(o.logits, float)}])`,
          `y = tf.one_hot([${o.target}], depth=${n})`,
          `lr = ${num(o.lr)}`,
        ].join('\n'),
      },
      {
        explain:
          '## Softmax, pérdida y gradiente\n\nLa entropía cruzada categórica de Keras, L = −Σ yᵢ log ŷᵢ, y su gradiente por diferenciación automática frente a la fórmula ŷ − y.',
        code: [
          'loss_fn = tf.keras.losses.CategoricalCrossentropy()',
          'with tf.GradientTape() as tape:',
          '    p = tf.nn.softmax(z)',
          '    loss = loss_fn(y, p)',
          'autodiff = tape.gradient(loss, z)',
          '',
          "print('Probabilidades:', p.numpy().ravel())",
          "print('Pérdida:', loss.numpy())",
          "print('ŷ − y:', (p - y).numpy().ravel())",
          "print('GradientTape:', autodiff.numpy().ravel())",
          "print('Diferencia máxima:', tf.reduce_max(tf.abs(autodiff - (p - y))).numpy())",
        ].join('\n'),
      },
      {
        explain: '## Un paso de descenso\n\nEl botón «Descender» del laboratorio: z ← z − η·∇L. La probabilidad de la clase correcta sube.',
        code: [
          'z.assign_sub(lr * autodiff)',
          "print('Logits nuevos:', z.numpy().ravel())",
          "print('Probabilidades nuevas:', tf.nn.softmax(z).numpy().ravel())",
        ].join('\n'),
      },
    ],
    tfjs: [
      "import * as tf from '@tensorflow/tfjs';",
      '',
      `const z = tf.tensor2d([${list(o.logits)}]);`,
      `const y = tf.oneHot(tf.tensor1d([${o.target}], 'int32'), ${n}).toFloat();`,
      `const lr = ${num(o.lr)};`,
      'const loss = (logits) => tf.metrics.categoricalCrossentropy(y, tf.softmax(logits)).mean();',
      '',
      'const p = tf.softmax(z);',
      '// tf.grad: the gradient of the loss with respect to the logits (what GradientTape computes).',
      'const autodiff = tf.grad(loss)(z);',
      "console.log('Probabilidades:', p.arraySync()[0]);",
      "console.log('Pérdida:', loss(z).arraySync());",
      "console.log('ŷ − y:', p.sub(y).arraySync()[0]);",
      "console.log('Gradiente (autodiff):', autodiff.arraySync()[0]);",
      "console.log('Logits tras un paso:', z.sub(autodiff.mul(lr)).arraySync()[0]);",
      '',
    ].join('\n'),
    compare: NOTHING_TO_COMPARE,
  };
}

export interface ConvolutionRun {
  /** A CIFAR-10 test image, or null for the synthetic step (top half black, bottom white). */
  imageIndex: number | null;
  /** 3×3, row-major. */
  kernel: number[];
  stride: 1 | 2;
  padding: 'same' | 'valid';
}

/** One filter over one grey image: feature map, ReLU, 2×2 max pooling with stride 2. */
export function convolutionProgram(o: ConvolutionRun): Program {
  const rows = [0, 1, 2].map((r) => o.kernel.slice(r * 3, r * 3 + 3));
  const padding = o.padding.toUpperCase();
  const image =
    o.imageIndex === null
      ? [
          'import numpy as np',
          'import tensorflow as tf',
          '',
          '# The step: rows 0-15 black, rows 16-31 white.',
          'gray = np.zeros((32, 32), dtype=np.float32)',
          'gray[16:, :] = 1.0',
        ]
      : [
          'import numpy as np',
          'import tensorflow as tf',
          '',
          '(_, _), (x_test, _) = tf.keras.datasets.cifar10.load_data()',
          `rgb = x_test[${o.imageIndex}].astype(np.float32)`,
          '# Luminance (ITU-R BT.601), in [0, 1], as the lab computes it.',
          'gray = (0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]) / 255.0',
        ];
  return {
    title: 'Un filtro de convolución',
    intro:
      '# Un filtro de convolución\n\nUn filtro 3×3 recorre una imagen en grises y da un mapa de características; ReLU deja la parte positiva y el *max pooling* 2×2 con paso 2 lo reduce a la mitad. Las mismas operaciones que el laboratorio (`tf.nn.conv2d`, `tf.nn.relu`, `tf.nn.max_pool2d`).',
    steps: [
      {
        explain:
          o.imageIndex === null
            ? '## La imagen\n\nEl escalón sintético del laboratorio: 32×32, mitad de arriba negra y mitad de abajo blanca.'
            : `## La imagen\n\nLa imagen ${o.imageIndex} del conjunto de prueba de CIFAR-10 (el mismo orden que usa el laboratorio), pasada a grises.`,
        code: image.join('\n'),
      },
      {
        explain: `## El filtro\n\nLos nueve pesos del laboratorio, fila a fila; paso (*stride*) ${o.stride} y relleno (*padding*) «${o.padding}».`,
        code: [
          `kernel = np.array(${list(rows, float)}, dtype=np.float32)`,
          'x = gray[None, :, :, None]  # [lote, alto, ancho, canales]',
          'k = kernel[:, :, None, None]  # [alto, ancho, entrada, salida]',
        ].join('\n'),
      },
      {
        explain: '## Convolución, ReLU y max pooling',
        code: [
          `feature_map = tf.nn.conv2d(x, k, strides=${o.stride}, padding='${padding}')`,
          'activated = tf.nn.relu(feature_map)',
          "pooled = tf.nn.max_pool2d(activated, ksize=2, strides=2, padding='VALID')",
          "print('Mapa de características:', feature_map.shape[1:3])",
          "print('Tras el pooling:', pooled.shape[1:3])",
          'print(np.round(pooled.numpy()[0, :, :, 0], 3))',
        ].join('\n'),
      },
    ],
    tfjs: [
      "import * as tf from '@tensorflow/tfjs';",
      '',
      '// gray: the grey image as 32×32 numbers in [0, 1] (see the notebook for how it is made).',
      'const x = tf.tensor4d(gray, [1, 32, 32, 1]);',
      `const k = tf.tensor4d(${list(o.kernel)}, [3, 3, 1, 1]);`,
      `const featureMap = tf.conv2d(x, k, ${o.stride}, '${o.padding}');`,
      'const activated = tf.relu(featureMap);',
      "const pooled = tf.maxPool(activated, 2, 2, 'valid');",
      'pooled.squeeze().print();',
      '',
    ].join('\n'),
    compare: NOTHING_TO_COMPARE,
  };
}
