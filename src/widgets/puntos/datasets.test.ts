import { describe, expect, it } from 'vitest';
import { DATASETS, parsePoints, planeGrid, serializePoints, type DatasetName } from './datasets';

describe('datasets for the points widget', () => {
  it('are repeatable from a seed, balanced and inside their square', () => {
    for (const name of Object.keys(DATASETS) as DatasetName[]) {
      const { points, domain } = DATASETS[name];
      const a = points(7, 0.2);
      expect(points(7, 0.2)).toEqual(a);
      const ones = a.filter((p) => p.c === 1).length;
      expect(ones / a.length).toBeGreaterThan(0.3);
      expect(ones / a.length).toBeLessThan(0.7);
      a.forEach((p) => {
        expect(p.x).toBeGreaterThanOrEqual(domain[0] - 1);
        expect(p.x).toBeLessThanOrEqual(domain[1] + 1);
      });
    }
    expect(DATASETS.xor.points(1, 0.2)).not.toEqual(DATASETS.xor.points(2, 0.2));
  });

  it('labels XOR by quadrant and keeps the notebook points', () => {
    const clean = DATASETS.xor.points(3, 0);
    clean.forEach((p) => expect(p.c).toBe(p.x * p.y >= 0 ? 1 : 0));
    expect(DATASETS.ejercicio.points(0, 0)).toHaveLength(6);
  });

  it('round-trips points through the URL and refuses malformed ones', () => {
    const points = DATASETS.manchas.points(1, 0.5);
    expect(parsePoints(serializePoints(points))).toEqual(points);
    expect(parsePoints('1,2,3')).toBeNull();
    expect(parsePoints('1,2')).toBeNull();
    expect(parsePoints('a,2,0')).toBeNull();
  });

  it('covers the square with a grid whose first row is the top edge', () => {
    const grid = planeGrid([0, 10], 3);
    expect(grid).toHaveLength(9);
    expect(grid[0]).toEqual([0, 10]);
    expect(grid[8]).toEqual([10, 0]);
  });
});
