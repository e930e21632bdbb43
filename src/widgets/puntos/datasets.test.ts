import { describe, expect, it } from 'vitest';
import { classCount, DATASETS, lineGrid, parsePoints, planeGrid, serializePoints, type DatasetName } from './datasets';

describe('datasets for the points widget', () => {
  it('are repeatable from a seed, balanced over their classes and inside their square', () => {
    for (const name of Object.keys(DATASETS) as DatasetName[]) {
      const { points, domain, maxClasses, task } = DATASETS[name];
      for (let classes = Math.min(2, maxClasses); classes <= maxClasses; classes++) {
        const a = points(7, 0.2, classes);
        expect(points(7, 0.2, classes)).toEqual(a);
        expect(classCount(a, task)).toBe(classes);
        // A regression's points are all "class 0": the share check is for classes only.
        const shares = Array.from(
          { length: task === 'clasificacion' ? classes : 0 },
          (_, c) => a.filter((p) => p.c === c).length / a.length,
        );
        shares.forEach((share) => expect(Math.abs(share * classes - 1)).toBeLessThan(0.4));
        a.forEach((p) => {
          expect(p.x).toBeGreaterThanOrEqual(domain[0] - 1);
          expect(p.x).toBeLessThanOrEqual(domain[1] + 1);
          expect(p.y).toBeGreaterThanOrEqual(domain[0] - 1);
          expect(p.y).toBeLessThanOrEqual(domain[1] + 1);
        });
      }
    }
    expect(DATASETS.xor.points(1, 0.2, 2)).not.toEqual(DATASETS.xor.points(2, 0.2, 2));
  });

  it('labels XOR by quadrant, blobs and rings by where they lie, and keeps the notebook points', () => {
    const clean = DATASETS.xor.points(3, 0, 2);
    clean.forEach((p) => expect(p.c).toBe(p.x * p.y >= 0 ? 1 : 0));
    expect(DATASETS.ejercicio.points(0, 0, 2)).toHaveLength(6);
    // Two blobs sit around (−2, −2) for class 0 and (2, 2) for class 1.
    const blobs = DATASETS.manchas.points(1, 0, 2);
    blobs.forEach((p) => expect(Math.sign(p.x + p.y)).toBe(p.c === 1 ? 1 : -1));
    // Rings: the higher the class, the closer to the centre.
    const rings = DATASETS.circulos.points(1, 0, 4);
    const radius = (c: number) => Math.max(...rings.filter((p) => p.c === c).map((p) => Math.hypot(p.x, p.y)));
    expect(radius(3)).toBeLessThan(radius(2));
    expect(radius(2)).toBeLessThan(radius(0));
  });

  it('draws regressions as y = f(x) with noise', () => {
    DATASETS.seno.points(1, 0, 1).forEach((p) => expect(p.y).toBeCloseTo(3 * Math.sin(p.x), 1));
    DATASETS.parabola.points(1, 0, 1).forEach((p) => expect(p.y).toBeCloseTo((p.x * p.x) / 4 - 3, 1));
  });

  it('round-trips points through the URL and refuses malformed ones', () => {
    const points = DATASETS.manchas.points(1, 0.5, 4);
    expect(parsePoints(serializePoints(points))).toEqual(points);
    expect(parsePoints('1,2,4')).toBeNull();
    expect(parsePoints('1,2')).toBeNull();
    expect(parsePoints('a,2,0')).toBeNull();
  });

  it('covers the square with a grid whose first row is the top edge, and the line from left to right', () => {
    const grid = planeGrid([0, 10], 3);
    expect(grid).toHaveLength(9);
    expect(grid[0]).toEqual([0, 10]);
    expect(grid[8]).toEqual([10, 0]);
    expect(lineGrid([-1, 1], 3)).toEqual([[-1], [0], [1]]);
  });
});
