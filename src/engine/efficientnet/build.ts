import * as tf from '@tensorflow/tfjs';
import {
  BASELINE_STAGES,
  DROP_CONNECT_RATE,
  IMAGENET_MEAN,
  IMAGENET_STDDEV,
  SE_RATIO,
  VARIANTS,
  roundFilters,
  roundRepeats,
  type EfficientNetScaling,
  type EfficientNetVariant,
} from './config';
import { ChannelRescaling, KerasBatchNormalization, Normalization } from './layers';

/**
 * EfficientNet without its classification top (Keras's include_top=False), with Keras's
 * layer and weight names so the official ImageNet files map one to one. The model takes
 * 0–255 RGB pixels and returns the last feature map (7×7×1280 for B0 at 224×224).
 */

export interface EfficientNetOptions {
  /** A Keras variant, or a custom scaling (a small network to train from scratch). */
  variant: EfficientNetVariant | EfficientNetScaling;
  /** Height, width, channels; the variant's resolution by default. */
  inputShape?: [number, number, number];
  /** Seeds the initial weights: the same seed gives the same network. */
  seed?: number;
}

/** A unit of freezing: `stem`, `block1a`, `block1b`, …, `top`, with its layers' names. */
export interface EfficientNetBlock {
  name: string;
  layers: string[];
}

export interface EfficientNet {
  model: tf.LayersModel;
  /** In network order, from the input side. */
  blocks: EfficientNetBlock[];
  scaling: EfficientNetScaling;
}

type Tensor = tf.SymbolicTensor;

export function buildEfficientNet(options: EfficientNetOptions): EfficientNet {
  const scaling = typeof options.variant === 'string' ? VARIANTS[options.variant] : options.variant;
  const { widthCoefficient, depthCoefficient, resolution } = scaling;
  const inputShape = options.inputShape ?? [resolution, resolution, 3];
  let seed = options.seed ?? 0;
  // Keras's conv initialiser: He-style variance over the output fan, truncated normal.
  const convInit = () => tf.initializers.varianceScaling({ scale: 2, mode: 'fanOut', distribution: 'truncatedNormal', seed: seed++ });

  const blocks: EfficientNetBlock[] = [];
  /** Applies a layer and files its name under the block being built. */
  const apply = (layer: tf.layers.Layer, input: Tensor | Tensor[]): Tensor => {
    blocks[blocks.length - 1].layers.push(layer.name);
    return layer.apply(input) as Tensor;
  };
  const batchNorm = (x: Tensor, name: string) => apply(new KerasBatchNormalization({ name }), x);
  const swish = (x: Tensor, name: string) => apply(tf.layers.activation({ activation: 'swish', name }), x);
  /** Keras's correct_pad: the zero padding that makes a stride-2 'valid' conv act like TF's 'same'. */
  const padForStride2 = (x: Tensor, kernelSize: number, name: string) => {
    const [height, width] = [x.shape[1] as number, x.shape[2] as number];
    const half = Math.floor(kernelSize / 2);
    const padding: [[number, number], [number, number]] = [
      [half - (1 - (height % 2)), half],
      [half - (1 - (width % 2)), half],
    ];
    return apply(tf.layers.zeroPadding2d({ padding, name }), x);
  };
  const pointwise = (x: Tensor, filters: number, name: string) =>
    apply(tf.layers.conv2d({ filters, kernelSize: 1, padding: 'same', useBias: false, kernelInitializer: convInit(), name }), x);

  const input = tf.input({ shape: inputShape, name: 'input_1' });

  blocks.push({ name: 'stem', layers: [] });
  let x = apply(tf.layers.rescaling({ scale: 1 / 255, name: 'rescaling' }), input);
  // Keras's ImageNet files store the standard deviations as `variance` (TF issue 49930), so
  // Normalization divides by √σ and Keras adds a second 1/√σ rescaling to reach (x − μ)/σ.
  x = apply(new Normalization({ mean: IMAGENET_MEAN, variance: IMAGENET_STDDEV, name: 'normalization' }), x);
  x = apply(new ChannelRescaling({ scale: IMAGENET_STDDEV.map((s) => 1 / Math.sqrt(s)), name: 'rescaling_1' }), x);
  x = padForStride2(x, 3, 'stem_conv_pad');
  x = apply(
    tf.layers.conv2d({
      filters: roundFilters(32, widthCoefficient),
      kernelSize: 3,
      strides: 2,
      padding: 'valid',
      useBias: false,
      kernelInitializer: convInit(),
      name: 'stem_conv',
    }),
    x,
  );
  x = swish(batchNorm(x, 'stem_bn'), 'stem_activation');

  const totalBlocks = BASELINE_STAGES.reduce((n, stage) => n + roundRepeats(stage.repeats, depthCoefficient), 0);
  let blockIndex = 0;
  BASELINE_STAGES.forEach((stage, i) => {
    const repeats = roundRepeats(stage.repeats, depthCoefficient);
    const stageOut = roundFilters(stage.filtersOut, widthCoefficient);
    for (let j = 0; j < repeats; j++) {
      const name = `block${i + 1}${String.fromCharCode(97 + j)}`;
      blocks.push({ name, layers: [] });
      x = mbConv(x, {
        name: `${name}_`,
        filtersIn: j === 0 ? roundFilters(stage.filtersIn, widthCoefficient) : stageOut,
        filtersOut: stageOut,
        kernelSize: stage.kernelSize,
        strides: j === 0 ? stage.strides : 1,
        expandRatio: stage.expandRatio,
        // Stochastic depth grows linearly with the block's position in the network.
        dropRate: (DROP_CONNECT_RATE * blockIndex) / totalBlocks,
      });
      blockIndex++;
    }
  });

  blocks.push({ name: 'top', layers: [] });
  x = pointwise(x, roundFilters(1280, widthCoefficient), 'top_conv');
  x = swish(batchNorm(x, 'top_bn'), 'top_activation');

  const modelName = typeof options.variant === 'string' ? `efficientnet${options.variant}` : 'efficientnet';
  return { model: tf.model({ inputs: input, outputs: x, name: modelName }), blocks, scaling };

  /** The inverted residual block: expand, depthwise conv, squeeze-and-excitation, project. */
  function mbConv(
    inputs: Tensor,
    args: {
      name: string;
      filtersIn: number;
      filtersOut: number;
      kernelSize: number;
      strides: number;
      expandRatio: number;
      dropRate: number;
    },
  ): Tensor {
    const { name, filtersIn, filtersOut, kernelSize, strides, expandRatio, dropRate } = args;
    const filters = filtersIn * expandRatio;
    let y = inputs;
    if (expandRatio !== 1) {
      y = pointwise(y, filters, `${name}expand_conv`);
      y = swish(batchNorm(y, `${name}expand_bn`), `${name}expand_activation`);
    }
    if (strides === 2) y = padForStride2(y, kernelSize, `${name}dwconv_pad`);
    y = apply(
      tf.layers.depthwiseConv2d({
        kernelSize,
        strides,
        padding: strides === 2 ? 'valid' : 'same',
        useBias: false,
        depthwiseInitializer: convInit(),
        name: `${name}dwconv`,
      }),
      y,
    );
    y = swish(batchNorm(y, `${name}bn`), `${name}activation`);

    const filtersSe = Math.max(1, Math.floor(filtersIn * SE_RATIO));
    let se = apply(tf.layers.globalAveragePooling2d({ name: `${name}se_squeeze` }), y);
    se = apply(tf.layers.reshape({ targetShape: [1, 1, filters], name: `${name}se_reshape` }), se);
    se = apply(
      tf.layers.conv2d({
        filters: filtersSe,
        kernelSize: 1,
        padding: 'same',
        activation: 'swish',
        kernelInitializer: convInit(),
        name: `${name}se_reduce`,
      }),
      se,
    );
    se = apply(
      tf.layers.conv2d({
        filters,
        kernelSize: 1,
        padding: 'same',
        activation: 'sigmoid',
        kernelInitializer: convInit(),
        name: `${name}se_expand`,
      }),
      se,
    );
    y = apply(tf.layers.multiply({ name: `${name}se_excite` }), [y, se]);

    y = pointwise(y, filtersOut, `${name}project_conv`);
    y = batchNorm(y, `${name}project_bn`);
    if (strides === 1 && filtersIn === filtersOut) {
      if (dropRate > 0) {
        // One draw per sample drops the whole residual branch; tfjs fills the null from the input.
        const noiseShape = [null, 1, 1, 1] as unknown as number[];
        y = apply(tf.layers.dropout({ rate: dropRate, noiseShape, name: `${name}drop` }), y);
      }
      y = apply(tf.layers.add({ name: `${name}add` }), [y, inputs]);
    }
    return y;
  }
}
