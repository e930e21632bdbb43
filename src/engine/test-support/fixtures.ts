import type { RunSpec } from '..';
import { rectaSpec } from '../../widgets/recta/exercise';

/** Exercise A exactly as the recta widget runs it, on Node's cpu backend. */
export function recta(overrides: Partial<RunSpec> = {}): RunSpec {
  return { ...rectaSpec(), backend: 'cpu', ...overrides };
}

/** Forty 2-D points in two classes (the sign of cos 1,3i + sin 0,7i), for loops with batches and shuffling. */
export function twoClassPoints(): { x: number[][]; y: number[][] } {
  const x: number[][] = [];
  const y: number[][] = [];
  for (let i = 0; i < 40; i++) {
    const a = Math.cos(i * 1.3);
    const b = Math.sin(i * 0.7);
    x.push([a, b]);
    y.push([a + b > 0 ? 1 : 0]);
  }
  return { x, y };
}
