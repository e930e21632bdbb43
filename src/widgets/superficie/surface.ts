import type { Surface } from './surfaces';

/**
 * A race track drawn under the engine's paths: the MSE of ŷ = w·x + b on the surface's
 * points, written out in float64. It is a picture of L(w, b); the paths on top of it are the
 * engine's real runs.
 */

type Points = Pick<Surface, 'x' | 'y'>;

export function mse({ x, y }: Points, w: number, b: number): number {
  return x.reduce((s, xi, i) => s + (w * xi + b - y[i]) ** 2, 0) / x.length;
}

/** ∇L = (∂L/∂w, ∂L/∂b) = (2/n)·Σ(ŷ − y)·(x, 1). */
export function gradient({ x, y }: Points, w: number, b: number): [number, number] {
  let dw = 0;
  let db = 0;
  x.forEach((xi, i) => {
    const error = w * xi + b - y[i];
    dw += 2 * error * xi;
    db += 2 * error;
  });
  return [dw / x.length, db / x.length];
}

/** Contour levels: the loss halves from one line to the next (log scale, the valley floor shows). */
export function level(loss: number): number {
  return Math.floor(Math.log2(Math.max(loss, 1e-6)));
}

/**
 * A sequential palette (dark blue → teal → yellow) readable in light and dark themes and
 * by colour-blind readers; t in [0, 1].
 */
const STOPS: [number, number, number][] = [
  [32, 42, 110],
  [33, 120, 150],
  [62, 175, 120],
  [190, 210, 80],
  [250, 230, 120],
];

export function colour(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  return [0, 1, 2].map((k) => Math.round(STOPS[i][k] + (STOPS[i + 1][k] - STOPS[i][k]) * f)) as [number, number, number];
}

/** Where a loss sits on the colour scale: log of the loss between the view's extremes. */
export function scale(loss: number, min: number, max: number): number {
  const lo = Math.log(Math.max(min, 1e-6));
  const hi = Math.log(max);
  return (Math.log(Math.max(loss, 1e-6)) - lo) / (hi - lo);
}

/** RGBA pixels of the surface with contour lines where the level changes. */
export function renderSurface(surface: Pick<Surface, 'x' | 'y' | 'view'>, width: number, height: number): Uint8ClampedArray<ArrayBuffer> {
  const { view } = surface;
  const losses = new Float64Array(width * height);
  let max = 0;
  for (let row = 0; row < height; row++) {
    const b = view.b[1] - ((row + 0.5) / height) * (view.b[1] - view.b[0]);
    for (let col = 0; col < width; col++) {
      const w = view.w[0] + ((col + 0.5) / width) * (view.w[1] - view.w[0]);
      const loss = mse(surface, w, b);
      losses[row * width + col] = loss;
      max = Math.max(max, loss);
    }
  }
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < losses.length; i++) {
    const [r, g, b] = colour(scale(losses[i], 1e-3, max));
    const here = level(losses[i]);
    const right = i % width < width - 1 ? level(losses[i + 1]) : here;
    const below = i + width < losses.length ? level(losses[i + width]) : here;
    const line = here !== right || here !== below;
    pixels.set(line ? [r * 0.55, g * 0.55, b * 0.55, 255] : [r, g, b, 255], i * 4);
  }
  return pixels;
}
