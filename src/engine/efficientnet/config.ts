/**
 * EfficientNet's compound scaling as Keras defines it (keras/src/applications/efficientnet.py):
 * one baseline of seven MBConv stages, widened and deepened per variant.
 */

export type EfficientNetVariant = 'b0' | 'b1' | 'b2' | 'b3';

export interface EfficientNetScaling {
  widthCoefficient: number;
  depthCoefficient: number;
  /** Default input side in pixels. */
  resolution: number;
  /** Dropout Keras puts before its classifier; a caller building a new head may reuse it. */
  dropout: number;
}

export const VARIANTS: Record<EfficientNetVariant, EfficientNetScaling> = {
  b0: { widthCoefficient: 1.0, depthCoefficient: 1.0, resolution: 224, dropout: 0.2 },
  b1: { widthCoefficient: 1.0, depthCoefficient: 1.1, resolution: 240, dropout: 0.2 },
  b2: { widthCoefficient: 1.1, depthCoefficient: 1.2, resolution: 260, dropout: 0.3 },
  b3: { widthCoefficient: 1.2, depthCoefficient: 1.4, resolution: 300, dropout: 0.3 },
};

/** One MBConv stage of the baseline (B0) network. */
export interface StageArgs {
  kernelSize: number;
  repeats: number;
  filtersIn: number;
  filtersOut: number;
  expandRatio: number;
  strides: number;
}

export const BASELINE_STAGES: readonly StageArgs[] = [
  { kernelSize: 3, repeats: 1, filtersIn: 32, filtersOut: 16, expandRatio: 1, strides: 1 },
  { kernelSize: 3, repeats: 2, filtersIn: 16, filtersOut: 24, expandRatio: 6, strides: 2 },
  { kernelSize: 5, repeats: 2, filtersIn: 24, filtersOut: 40, expandRatio: 6, strides: 2 },
  { kernelSize: 3, repeats: 3, filtersIn: 40, filtersOut: 80, expandRatio: 6, strides: 2 },
  { kernelSize: 5, repeats: 3, filtersIn: 80, filtersOut: 112, expandRatio: 6, strides: 1 },
  { kernelSize: 5, repeats: 4, filtersIn: 112, filtersOut: 192, expandRatio: 6, strides: 2 },
  { kernelSize: 3, repeats: 1, filtersIn: 192, filtersOut: 320, expandRatio: 6, strides: 1 },
];

/** Squeeze-and-excitation keeps a quarter of the block's input channels. */
export const SE_RATIO = 0.25;
/** Keras's drop_connect_rate: the stochastic-depth rate grows linearly to this at the last block. */
export const DROP_CONNECT_RATE = 0.2;
const DEPTH_DIVISOR = 8;

/** Channels scaled by width, rounded to a multiple of 8 and never more than 10 % below. */
export function roundFilters(filters: number, widthCoefficient: number): number {
  const scaled = filters * widthCoefficient;
  let rounded = Math.max(DEPTH_DIVISOR, Math.floor((scaled + DEPTH_DIVISOR / 2) / DEPTH_DIVISOR) * DEPTH_DIVISOR);
  if (rounded < 0.9 * scaled) rounded += DEPTH_DIVISOR;
  return rounded;
}

export function roundRepeats(repeats: number, depthCoefficient: number): number {
  return Math.ceil(depthCoefficient * repeats);
}

/** ImageNet statistics per RGB channel, for pixels scaled to [0, 1]. */
export const IMAGENET_MEAN = [0.485, 0.456, 0.406];
export const IMAGENET_STDDEV = [0.229, 0.224, 0.225];
