import type { AugmentSpec, CnnSpec, MlpSpec, RegularizerSpec } from '../engine/protocol';
import { num } from './program';

/**
 * The layers of a Keras Sequential model that computes what the engine's MLP or CNN
 * computes (src/engine/models.ts), in the engine's order. One list serves the code panel
 * (Python and TF.js) and the `.weights.h5` export, whose group names Keras derives from the
 * class names: the file and the code can never disagree.
 */
export interface KerasLayer {
  /** Python, inside `keras.Sequential([...])`. */
  python: string;
  /** TF.js: `tf.layers.<fn>({ <config> })`; null where TF.js has no such layer (augmentation). */
  tfjs: { fn: string; config: string[] } | null;
  /** Keras's `naming.to_snake_case` of the class name: `Dense` → `dense`. */
  snake: string;
  /** Variables the layer saves, in Keras's order (a Dense kernel, then its bias). */
  variables: number;
}

/** The images the CIFAR-10 models take: 32×32 RGB. */
export const IMAGE_SHAPE = [32, 32, 3] as const;

function regularizer(spec: RegularizerSpec | undefined): { python: string; tfjs: string } | null {
  if (!spec) return null;
  // Keras 3's defaults: L1(l1=0.01), L2(l2=0.01), L1L2(l1=0.0, l2=0.0).
  switch (spec.name) {
    case 'l1':
      return { python: `regularizers.L1(l1=${num(spec.l1 ?? 0.01)})`, tfjs: `tf.regularizers.l1({ l1: ${num(spec.l1 ?? 0.01)} })` };
    case 'l2':
      return { python: `regularizers.L2(l2=${num(spec.l2 ?? 0.01)})`, tfjs: `tf.regularizers.l2({ l2: ${num(spec.l2 ?? 0.01)} })` };
    case 'l1_l2':
      return {
        python: `regularizers.L1L2(l1=${num(spec.l1 ?? 0)}, l2=${num(spec.l2 ?? 0)})`,
        tfjs: `tf.regularizers.l1l2({ l1: ${num(spec.l1 ?? 0)}, l2: ${num(spec.l2 ?? 0)} })`,
      };
  }
}

/** Keras's preprocessing layers in the engine's order; TF.js has none of them. */
export function augmentation(spec: AugmentSpec | undefined): KerasLayer[] {
  if (!spec) return [];
  const layer = (python: string, snake: string): KerasLayer => ({ python, tfjs: null, snake, variables: 0 });
  const out: KerasLayer[] = [];
  if (spec.flip) out.push(layer("layers.RandomFlip('horizontal')", 'random_flip'));
  if (spec.translate)
    out.push(layer(`layers.RandomTranslation(${num(spec.translate)}, ${num(spec.translate)}, fill_mode='reflect')`, 'random_translation'));
  if (spec.rotate) out.push(layer(`layers.RandomRotation(${num(spec.rotate)}, fill_mode='reflect')`, 'random_rotation'));
  if (spec.zoom) out.push(layer(`layers.RandomZoom(${num(spec.zoom)}, fill_mode='reflect')`, 'random_zoom'));
  return out;
}

function dense(units: number, activation: string, reg: ReturnType<typeof regularizer>, useBias = true): KerasLayer {
  const python = [`${units}`, `activation='${activation}'`, useBias ? '' : 'use_bias=False', reg ? `kernel_regularizer=${reg.python}` : '']
    .filter(Boolean)
    .join(', ');
  const config = [
    `units: ${units}`,
    `activation: '${activation}'`,
    useBias ? '' : 'useBias: false',
    reg ? `kernelRegularizer: ${reg.tfjs}` : '',
  ];
  return {
    python: `layers.Dense(${python})`,
    tfjs: { fn: 'dense', config: config.filter(Boolean) },
    snake: 'dense',
    variables: useBias ? 2 : 1,
  };
}

function dropout(rate: number | undefined): KerasLayer[] {
  if (!rate) return [];
  return [
    { python: `layers.Dropout(${num(rate)})`, tfjs: { fn: 'dropout', config: [`rate: ${num(rate)}`] }, snake: 'dropout', variables: 0 },
  ];
}

const FLATTEN: KerasLayer = { python: 'layers.Flatten()', tfjs: { fn: 'flatten', config: [] }, snake: 'flatten', variables: 0 };

/** The model's layers after `keras.Input(shape=(32, 32, 3))`. */
export function kerasLayers(model: MlpSpec | CnnSpec, augment?: AugmentSpec): KerasLayer[] {
  const reg = regularizer(model.kernelRegularizer);
  const out = augmentation(augment);
  if (model.kind === 'cnn') {
    for (const c of model.conv) {
      const args = [
        `${c.filters}`,
        `${c.kernelSize}`,
        `activation='${c.activation}'`,
        reg ? `kernel_regularizer=${reg.python}` : '',
      ].filter(Boolean);
      const config = [
        `filters: ${c.filters}`,
        `kernelSize: ${c.kernelSize}`,
        `activation: '${c.activation}'`,
        reg ? `kernelRegularizer: ${reg.tfjs}` : '',
      ];
      out.push(
        {
          python: `layers.Conv2D(${args.join(', ')})`,
          tfjs: { fn: 'conv2d', config: config.filter(Boolean) },
          snake: 'conv2d',
          variables: 2,
        },
        { python: 'layers.MaxPooling2D(2)', tfjs: { fn: 'maxPooling2d', config: ['poolSize: 2'] }, snake: 'max_pooling2d', variables: 0 },
      );
    }
    out.push(FLATTEN);
    for (const h of model.hidden ?? []) out.push(dense(h.units, h.activation, reg), ...dropout(h.dropout));
  } else {
    out.push(FLATTEN);
    for (const h of model.hidden ?? []) {
      if (h.batchNorm) {
        // As the engine builds it: the affine map without bias, BatchNormalization, then the nonlinearity.
        out.push(
          dense(h.units, 'linear', reg, false),
          {
            python: 'layers.BatchNormalization()',
            tfjs: { fn: 'batchNormalization', config: [] },
            snake: 'batch_normalization',
            variables: 4,
          },
          {
            python: `layers.Activation('${h.activation}')`,
            tfjs: { fn: 'activation', config: [`activation: '${h.activation}'`] },
            snake: 'activation',
            variables: 0,
          },
        );
      } else out.push(dense(h.units, h.activation, reg));
      out.push(...dropout(h.dropout));
    }
  }
  out.push(dense(model.outputUnits, model.outputActivation, reg));
  return out;
}

/**
 * Each layer's path in a Keras 3 weights file, from the snake_case names of its class in
 * order: `layers/<snake>` with `_1`, `_2`… for repeats, as saving_lib's
 * `_save_container_state` names a Sequential's layers.
 */
export function kerasLayerPaths(snakes: readonly string[]): string[] {
  const used = new Map<string, number>();
  return snakes.map((snake) => {
    const count = used.get(snake);
    used.set(snake, count === undefined ? 0 : count + 1);
    return `layers/${count === undefined ? snake : `${snake}_${count + 1}`}`;
  });
}

/**
 * The TF.js lines that add the layers to `model`, the first with the input shape; layers
 * TF.js lacks become a comment saying so.
 */
export function tfjsLayerLines(layers: readonly KerasLayer[], inputShape: readonly number[]): string[] {
  const first = layers.findIndex((l) => l.tfjs !== null);
  return layers.map((l, i) => {
    if (!l.tfjs) return `// ${l.python}: TF.js has no such layer; the lab augments each batch with tf.image before the model.`;
    const config = i === first ? [`inputShape: [${inputShape.join(', ')}]`, ...l.tfjs.config] : l.tfjs.config;
    return `model.add(tf.layers.${l.tfjs.fn}(${config.length ? `{ ${config.join(', ')} }` : ''}));`;
  });
}
