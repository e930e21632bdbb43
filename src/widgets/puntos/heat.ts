/**
 * Colours of the plane and of the network view's heat maps, painted into ImageData (one
 * pixel per grid cell; the canvas scales it), never as SVG nodes.
 */

export type Rgb = [number, number, number];

/** Class 0 keeps orange and class 1 blue, as in the notebook's plot; then green and violet. */
const CLASS_VARIABLES = ['--series-2', '--series-1', '--series-3', '--series-4'] as const;

export interface Palette {
  surface: Rgb;
  classes: Rgb[];
  /** Positive values and weights (blue), negative ones (orange), as Playground draws them. */
  positive: Rgb;
  negative: Rgb;
}

function cssColor(element: Element, name: string): Rgb {
  const hex = getComputedStyle(element).getPropertyValue(name).trim().replace('#', '');
  const full =
    hex.length === 3
      ? hex
          .split('')
          .map((c) => c + c)
          .join('')
      : hex;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) || 0) as Rgb;
}

let cached: { theme: string; palette: Palette } | null = null;

/**
 * The page's colours (light, dark or projector) as the element sees them. Read once per
 * theme: getComputedStyle forces a style pass, too dear on every frame of a training run.
 */
export function readPalette(element: Element): Palette {
  const theme = `${document.documentElement.className}|${matchMedia('(prefers-color-scheme: dark)').matches}`;
  if (cached?.theme !== theme) {
    const classes = CLASS_VARIABLES.map((v) => cssColor(element, v));
    cached = { theme, palette: { surface: cssColor(element, '--surface'), classes, positive: classes[1], negative: classes[0] } };
  }
  return cached.palette;
}

function mix(image: ImageData, pixel: number, from: Rgb, to: Rgb, amount: number): void {
  const t = Number.isFinite(amount) ? Math.min(1, Math.max(0, amount)) : 0;
  for (let k = 0; k < 3; k++) image.data[4 * pixel + k] = Math.round(from[k] + (to[k] - from[k]) * t);
  image.data[4 * pixel + 3] = 255;
}

/** How far from the background the surest cell goes: the points must stay readable on top. */
const MAX_TINT = 0.7;

/**
 * The model's answer on every cell: the colour of the class it picks (argmax; with one
 * sigmoid output, class 1 above 0,5), as saturated as it is sure — from a coin toss among the
 * classes (pale) to certainty.
 */
export function paintClasses(image: ImageData, outputs: Float32Array | null, classes: number, palette: Palette): void {
  const cells = image.width * image.height;
  for (let i = 0; i < cells; i++) {
    if (!outputs) {
      mix(image, i, palette.surface, palette.surface, 0);
      continue;
    }
    let best = 0;
    let sure = 0;
    if (classes === 2) {
      const p = outputs[i];
      best = p > 0.5 ? 1 : 0;
      sure = Math.abs(p - 0.5) * 2;
    } else {
      for (let c = 1; c < classes; c++) if (outputs[i * classes + c] > outputs[i * classes + best]) best = c;
      sure = (outputs[i * classes + best] - 1 / classes) / (1 - 1 / classes);
    }
    mix(image, i, palette.surface, palette.classes[best], sure * MAX_TINT);
  }
}

/** One neuron's activations on the grid, read with `stride` (its layer's units) from `offset`. */
export interface NeuronValues {
  values: Float32Array;
  stride: number;
  offset: number;
}

/** The largest |value| of a neuron over the grid (relu and linear neurons have no fixed range). */
export function neuronScale({ values, stride, offset }: NeuronValues): number {
  let max = 0;
  for (let i = offset; i < values.length; i += stride) max = Math.max(max, Math.abs(values[i]));
  return max || 1;
}

/**
 * A neuron's heat map: `centre` is the value drawn as the background, `range` the distance
 * from it drawn at full strength; above in blue, below in orange.
 */
export function paintDiverging(image: ImageData, neuron: NeuronValues, centre: number, range: number, palette: Palette): void {
  const { values, stride, offset } = neuron;
  const cells = image.width * image.height;
  for (let i = 0; i < cells; i++) {
    const t = (values[offset + i * stride] - centre) / range;
    mix(image, i, palette.surface, t >= 0 ? palette.positive : palette.negative, Math.abs(t) * 0.9);
  }
}

/** One output's probability on the grid, from the background to its class's colour. */
export function paintProbability(image: ImageData, neuron: NeuronValues, color: Rgb, palette: Palette): void {
  const { values, stride, offset } = neuron;
  const cells = image.width * image.height;
  for (let i = 0; i < cells; i++) mix(image, i, palette.surface, color, values[offset + i * stride] * 0.9);
}
