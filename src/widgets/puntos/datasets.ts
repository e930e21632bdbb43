import seedrandom from 'seedrandom';
import { EXERCISE_POINTS } from './exercise';

/** A labelled point of the plane; in a regression `y` is the target and `c` is 0. */
export interface Point {
  x: number;
  y: number;
  c: number;
}

export type DatasetName = 'ejercicio' | 'xor' | 'circulos' | 'espiral' | 'manchas' | 'seno' | 'parabola';

/** Classes (2 to 4, softmax from 3 on) or a 1-D regression y = f(x). */
export type Task = 'clasificacion' | 'regresion';

export interface Dataset {
  label: string;
  task: Task;
  /** Most classes the generator can draw (1 for a regression). */
  maxClasses: number;
  /** The square of the plane that is drawn: [min, max] on both axes. */
  domain: [number, number];
  points(seed: number, noise: number, classes: number): Point[];
}

/** Most classes a run may have (URL key `clases`), and their count for the student's own points. */
export const MAX_CLASSES = 4;

/** Points per generated dataset, as evenly spread over the classes as the count allows. */
const COUNT = 100;

/** Standard normal draws (Box–Muller) from a seeded generator. */
function gaussian(rng: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const point = (x: number, y: number, c: number): Point => ({ x: round2(x), y: round2(y), c });

/** y = f(x) plus Gaussian noise at evenly random x over [−6, 6]. */
function curve(name: string, f: (x: number) => number): Dataset['points'] {
  return (seed, noise) => {
    const rng = seedrandom(`${name}-${seed}`);
    const normal = gaussian(rng);
    return Array.from({ length: 60 }, () => {
      const x = rng() * 11 - 5.5;
      return point(x, f(x) + normal() * noise * 1.5, 0);
    });
  };
}

/**
 * The datasets of TensorFlow Playground, on the square [−6, 6]², plus the notebook's six
 * points. `noise` (0 to 1) scales the scatter; the seed fixes every draw. Circles, spirals
 * and blobs come in 2 to 4 classes.
 */
export const DATASETS: Record<DatasetName, Dataset> = {
  ejercicio: {
    label: 'Los seis puntos del cuaderno',
    task: 'clasificacion',
    maxClasses: 2,
    domain: [0, 10],
    points: () => EXERCISE_POINTS.map((p) => ({ ...p })),
  },
  xor: {
    label: 'XOR (cuadrantes)',
    task: 'clasificacion',
    maxClasses: 2,
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
    label: 'Círculos concéntricos',
    task: 'clasificacion',
    maxClasses: MAX_CLASSES,
    domain: [-6, 6],
    points(seed, noise, classes) {
      const rng = seedrandom(`circulos-${seed}`);
      const normal = gaussian(rng);
      // Rings of equal width out to radius 5.5, a gap between them; the last class innermost.
      const width = 5.5 / classes;
      return Array.from({ length: COUNT }, (_, i) => {
        const c = i % classes;
        const ring = classes - 1 - c;
        const r = ring * width + (ring > 0 ? 0.5 : 0) + rng() * (width - 0.5);
        const angle = rng() * 2 * Math.PI;
        return point(r * Math.cos(angle) + normal() * noise, r * Math.sin(angle) + normal() * noise, c);
      });
    },
  },
  espiral: {
    label: 'Espirales',
    task: 'clasificacion',
    maxClasses: MAX_CLASSES,
    domain: [-6, 6],
    points(seed, noise, classes) {
      const rng = seedrandom(`espiral-${seed}`);
      const normal = gaussian(rng);
      const per = Math.floor(COUNT / classes);
      return Array.from({ length: per * classes }, (_, i) => {
        const c = Math.floor(i / per);
        const k = (i % per) / per;
        const t = 1.75 * k * 2 * Math.PI + (c * 2 * Math.PI) / classes;
        return point(5 * k * Math.sin(t) + normal() * noise * 0.6, 5 * k * Math.cos(t) + normal() * noise * 0.6, c);
      });
    },
  },
  manchas: {
    label: 'Manchas gaussianas',
    task: 'clasificacion',
    maxClasses: MAX_CLASSES,
    domain: [-6, 6],
    points(seed, noise, classes) {
      const rng = seedrandom(`manchas-${seed}`);
      const normal = gaussian(rng);
      const spread = 0.6 + 2 * noise;
      return Array.from({ length: COUNT }, (_, i) => {
        // Centres on a circle; with two classes at (−2, −2) and (2, 2).
        const c = classes - 1 - (i % classes);
        const angle = Math.PI / 4 + (2 * Math.PI * (classes - 1 - c)) / classes;
        const [cx, cy] = [2 * Math.SQRT2 * Math.cos(angle), 2 * Math.SQRT2 * Math.sin(angle)];
        return point(cx + normal() * spread, cy + normal() * spread, c);
      });
    },
  },
  seno: {
    label: 'Regresión: y = 3·sen(x) con ruido',
    task: 'regresion',
    maxClasses: 1,
    domain: [-6, 6],
    points: curve('seno', (x) => 3 * Math.sin(x)),
  },
  parabola: {
    label: 'Regresión: y = x²/4 − 3 con ruido',
    task: 'regresion',
    maxClasses: 1,
    domain: [-6, 6],
    points: curve('parabola', (x) => (x * x) / 4 - 3),
  },
};

/** How many classes the points have: 1 for a regression, else the largest class + 1 (at least 2). */
export function classCount(points: readonly Point[], task: Task): number {
  if (task === 'regresion') return 1;
  return Math.max(2, ...points.map((p) => p.c + 1));
}

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

/** Evenly spaced x over the domain, for a regression's fitted curve. */
export function lineGrid(domain: [number, number], size: number): number[][] {
  const [lo, hi] = domain;
  return Array.from({ length: size }, (_, i) => [lo + ((hi - lo) * i) / (size - 1)]);
}

/** Points in the URL: "x,y,c;x,y,c", short enough for a link and readable by a person. */
export function serializePoints(points: readonly Point[]): string {
  return points.map((p) => `${p.x},${p.y},${p.c}`).join(';');
}

/** Most points a link may carry: enough to draw by hand, small enough for a URL. */
export const MAX_POINTS = 300;

/** Is `c` a class a point may have (0 to MAX_CLASSES − 1)? */
export const validClass = (c: number) => Number.isInteger(c) && c >= 0 && c < MAX_CLASSES;

export function parsePoints(raw: string): Point[] | null {
  const parts = raw.split(';');
  if (parts.length > MAX_POINTS) return null;
  const points: Point[] = [];
  for (const part of parts) {
    const [x, y, c] = part.split(',').map(Number);
    if (!Number.isFinite(x) || !Number.isFinite(y) || !validClass(c) || part.split(',').length !== 3) return null;
    points.push({ x, y, c });
  }
  return points;
}
