import { scaleLinear } from 'd3-scale';

/**
 * Scales and ticks for the lab's charts. d3-scale does the linear ones (nice bounds, round
 * ticks); a log axis gets whole decades (0,001 · 0,01 · 0,1 · 1), or 1-2-5 steps inside one decade,
 * because a loss curve is read by its order of magnitude.
 */

export type AxisKind = 'linear' | 'log';

export interface AxisSpec {
  kind?: AxisKind;
  /** Fixed bounds; otherwise they follow the data (rounded outwards). */
  domain?: readonly [number, number];
  /** Fixed ticks; otherwise about `tickCount` round ones. */
  ticks?: readonly number[];
  /** Only whole-number ticks (epochs). */
  integer?: boolean;
  /** Keep the data's own bounds instead of rounding them outwards (epochs end at the last one). */
  exact?: boolean;
}

export interface Scale {
  (value: number): number;
  domain: [number, number];
  ticks: number[];
}

const usable = (kind: AxisKind) => (v: number) => Number.isFinite(v) && (kind === 'linear' || v > 0);

function extent(values: readonly number[], kind: AxisKind): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!usable(kind)(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

function logScale(domain: [number, number], range: [number, number], tickCount: number, fixed?: readonly number[]): Scale {
  const [d0, d1] = domain.map(Math.log10);
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const scale = ((v: number) => r0 + ((Math.log10(v) - d0) / span) * (r1 - r0)) as Scale;
  scale.domain = domain;
  if (fixed) {
    scale.ticks = [...fixed];
    return scale;
  }
  const decades = Math.round(d1 - d0);
  if (decades >= 2) {
    const every = Math.ceil((decades + 1) / tickCount);
    scale.ticks = Array.from({ length: decades + 1 }, (_, i) => i)
      .filter((i) => (decades - i) % every === 0)
      .map((i) => Number((10 ** (Math.round(d0) + i)).toPrecision(1)));
  } else {
    const base = 10 ** Math.floor(d0 + 1e-9);
    scale.ticks = [1, 2, 5, 10, 20, 50, 100]
      .map((m) => Number((m * base).toPrecision(2)))
      .filter((t) => t >= domain[0] * (1 - 1e-9) && t <= domain[1] * (1 + 1e-9));
  }
  return scale;
}

/** A scale over `range` (pixels) for `values`, by the spec; an empty axis still has bounds. */
export function makeScale(spec: AxisSpec, values: readonly number[], range: [number, number], tickCount: number): Scale {
  const kind = spec.kind ?? 'linear';
  const found = spec.domain ? ([...spec.domain] as [number, number]) : extent(values, kind);
  if (kind === 'log') {
    let [lo, hi] = found ?? [0.1, 1];
    if (!spec.domain) {
      // Whole decades around the data, at least one.
      lo = 10 ** Math.floor(Math.log10(lo) + 1e-9);
      // A diverging run reaches 1e308: the next decade would be ∞.
      hi = Math.min(10 ** Math.ceil(Math.log10(hi) - 1e-9), 1e308);
      if (hi <= lo) hi = lo * 10;
    }
    return logScale([lo, hi], range, tickCount, spec.ticks);
  }
  let [lo, hi] = found ?? [0, 1];
  if (hi === lo) [lo, hi] = spec.exact ? [lo, lo + 1] : [lo - 0.5, hi + 0.5];
  const linear = scaleLinear().domain([lo, hi]).range(range);
  if (!spec.domain && !spec.exact) linear.nice(tickCount);
  const scale = ((v: number) => linear(v)) as Scale;
  scale.domain = linear.domain() as [number, number];
  const ticks = spec.ticks ? [...spec.ticks] : linear.ticks(tickCount);
  scale.ticks = spec.integer ? ticks.filter(Number.isInteger) : ticks;
  return scale;
}

/**
 * An SVG path through the points, `M x y L x y …`. A missing value (or, on a log axis, one not
 * positive) breaks the line, unless `connect` joins across it (rows that mix series).
 */
export function linePath(
  points: readonly (readonly [number, number | null | undefined])[],
  x: Scale,
  y: Scale,
  { log = false, connect = false } = {},
): string {
  let path = '';
  let open = false;
  for (const [px, py] of points) {
    const ok = py !== null && py !== undefined && Number.isFinite(py) && (!log || py > 0);
    if (!ok) {
      if (!connect) open = false;
      continue;
    }
    path += `${open ? 'L' : 'M'}${x(px).toFixed(1)},${y(py).toFixed(1)}`;
    open = true;
  }
  return path;
}
