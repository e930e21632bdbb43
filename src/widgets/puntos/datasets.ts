import seedrandom from 'seedrandom';
import { EXERCISE_POINTS } from './exercise';

/** A labelled point of the plane. */
export interface Point {
  x: number;
  y: number;
  c: 0 | 1;
}

export type DatasetName = 'ejercicio' | 'xor' | 'circulos' | 'espiral' | 'manchas';

export interface Dataset {
  label: string;
  /** The square of the plane that is drawn: [min, max] on both axes. */
  domain: [number, number];
  points(seed: number, noise: number): Point[];
}

/** Points per generated dataset, half of each class. */
const COUNT = 100;

/** Standard normal draws (Box–Muller) from a seeded generator. */
function gaussian(rng: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const point = (x: number, y: number, c: 0 | 1): Point => ({ x: round2(x), y: round2(y), c });

/**
 * The datasets of TensorFlow Playground, on the square [−6, 6]², plus the notebook's six
 * points. `noise` (0 to 1) scales the scatter; the seed fixes every draw.
 */
export const DATASETS: Record<DatasetName, Dataset> = {
  ejercicio: {
    label: 'Los seis puntos del cuaderno',
    domain: [0, 10],
    points: () => EXERCISE_POINTS.map((p) => ({ ...p })),
  },
  xor: {
    label: 'XOR (cuadrantes)',
    domain: [-6, 6],
    points(seed, noise) {
      const rng = seedrandom(`xor-${seed}`);
      return Array.from({ length: COUNT }, () => {
        // Keep a small gap around the axes so the classes are well defined.
        const pad = (v: number) => v + (v > 0 ? 0.3 : -0.3);
        const x = pad(rng() * 10 - 5);
        const y = pad(rng() * 10 - 5);
        const jitter = () => (rng() - 0.5) * 3 * noise;
        return point(x + jitter(), y + jitter(), x * y >= 0 ? 1 : 0);
      });
    },
  },
  circulos: {
    label: 'Un círculo dentro de otro',
    domain: [-6, 6],
    points(seed, noise) {
      const rng = seedrandom(`circulos-${seed}`);
      const normal = gaussian(rng);
      return Array.from({ length: COUNT }, (_, i) => {
        const inner = i % 2 === 0;
        const r = inner ? rng() * 2.5 : 3.5 + rng() * 1.5;
        const angle = rng() * 2 * Math.PI;
        return point(r * Math.cos(angle) + normal() * noise, r * Math.sin(angle) + normal() * noise, inner ? 1 : 0);
      });
    },
  },
  espiral: {
    label: 'Dos espirales',
    domain: [-6, 6],
    points(seed, noise) {
      const rng = seedrandom(`espiral-${seed}`);
      const normal = gaussian(rng);
      const half = COUNT / 2;
      return Array.from({ length: COUNT }, (_, i) => {
        const c = i < half ? 0 : 1;
        const k = i % half;
        const r = (k / half) * 5;
        const t = 1.75 * (k / half) * 2 * Math.PI + c * Math.PI;
        return point(r * Math.sin(t) + normal() * noise * 0.6, r * Math.cos(t) + normal() * noise * 0.6, c);
      });
    },
  },
  manchas: {
    label: 'Dos manchas gaussianas',
    domain: [-6, 6],
    points(seed, noise) {
      const rng = seedrandom(`manchas-${seed}`);
      const normal = gaussian(rng);
      const spread = 0.6 + 2 * noise;
      return Array.from({ length: COUNT }, (_, i) => {
        const c = i % 2 === 0 ? 1 : 0;
        const centre = c === 1 ? 2 : -2;
        return point(centre + normal() * spread, centre + normal() * spread, c);
      });
    },
  },
};

/** A square grid over the domain, row by row from the top, for the probability map. */
export function planeGrid(domain: [number, number], size: number): number[][] {
  const [lo, hi] = domain;
  const step = (hi - lo) / (size - 1);
  const grid: number[][] = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) grid.push([lo + col * step, hi - row * step]);
  }
  return grid;
}

/** Points in the URL: "x,y,c;x,y,c", short enough for a link and readable by a person. */
export function serializePoints(points: readonly Point[]): string {
  return points.map((p) => `${p.x},${p.y},${p.c}`).join(';');
}

/** Most points a link may carry: enough to draw by hand, small enough for a URL. */
export const MAX_POINTS = 300;

export function parsePoints(raw: string): Point[] | null {
  const parts = raw.split(';');
  if (parts.length > MAX_POINTS) return null;
  const points: Point[] = [];
  for (const part of parts) {
    const [x, y, c] = part.split(',').map(Number);
    if (!Number.isFinite(x) || !Number.isFinite(y) || (c !== 0 && c !== 1) || part.split(',').length !== 3) return null;
    points.push({ x, y, c });
  }
  return points;
}
