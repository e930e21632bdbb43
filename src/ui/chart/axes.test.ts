import { describe, expect, it } from 'vitest';
import { linePath, makeScale } from './axes';

describe('makeScale', () => {
  it('rounds a linear axis outwards to nice ticks and maps the domain onto the range', () => {
    const scale = makeScale({}, [0.13, 0.27], [200, 0], 5);
    expect(scale.domain).toEqual([0.1, 0.3]);
    expect(scale.ticks).toEqual([0.1, 0.15, 0.2, 0.25, 0.3]);
    expect(scale(0.1)).toBe(200);
    expect(scale(0.3)).toBeCloseTo(0, 9);
  });

  it('keeps exact bounds and whole ticks for epochs', () => {
    const scale = makeScale({ exact: true, integer: true }, [0, 3], [0, 300], 8);
    expect(scale.domain).toEqual([0, 3]);
    expect(scale.ticks).toEqual([0, 1, 2, 3]);
  });

  it('gives a log axis whole decades, every other one from the top when they would crowd', () => {
    const losses = [31.4, 2.1, 0.05, 0.0039];
    const scale = makeScale({ kind: 'log' }, losses, [100, 0], 6);
    expect(scale.domain).toEqual([0.001, 100]);
    expect(scale.ticks).toEqual([0.001, 0.01, 0.1, 1, 10, 100]);
    expect(scale(0.001)).toBe(100);
    expect(scale(1)).toBeCloseTo(40, 9);
    expect(makeScale({ kind: 'log' }, losses, [100, 0], 3).ticks).toEqual([0.01, 1, 100]);
  });

  it('steps 1-2-5 inside a single decade and ignores what a log axis cannot show', () => {
    const scale = makeScale({ kind: 'log' }, [2.3, 1.9, 0, -1, NaN, Infinity], [100, 0], 5);
    expect(scale.domain).toEqual([1, 10]);
    expect(scale.ticks).toEqual([1, 2, 5, 10]);
  });

  it('keeps a diverging run on a finite axis', () => {
    const scale = makeScale({ kind: 'log' }, [0.5, 3e307], [100, 0], 5);
    expect(scale.domain).toEqual([0.1, 1e308]);
    expect(Number.isFinite(scale(3e307))).toBe(true);
  });

  it('still has bounds with no data, or one value', () => {
    expect(makeScale({ kind: 'log' }, [], [100, 0], 5).domain).toEqual([0.1, 1]);
    expect(makeScale({}, [], [100, 0], 5).domain).toEqual([0, 1]);
    expect(makeScale({ exact: true }, [7, 7], [100, 0], 5).domain).toEqual([7, 8]);
  });

  it('takes fixed bounds and ticks as given', () => {
    const scale = makeScale({ domain: [0, 12], ticks: [0, 3, 6, 9, 12] }, [40], [240, 0], 5);
    expect(scale.domain).toEqual([0, 12]);
    expect(scale.ticks).toEqual([0, 3, 6, 9, 12]);
    expect(scale(6)).toBe(120);
  });
});

describe('linePath', () => {
  const x = makeScale({ domain: [0, 3] }, [], [0, 30], 4);
  const y = makeScale({ domain: [0, 10] }, [], [100, 0], 4);

  it('breaks the line at a missing value, or joins across it when asked', () => {
    const points = [
      [0, 0],
      [1, null],
      [2, 5],
      [3, 10],
    ] as const;
    expect(linePath(points, x, y)).toBe('M0.0,100.0M20.0,50.0L30.0,0.0');
    expect(linePath(points, x, y, { connect: true })).toBe('M0.0,100.0L20.0,50.0L30.0,0.0');
  });

  it('leaves out values a log axis cannot place', () => {
    const log = makeScale({ kind: 'log', domain: [1, 100] }, [], [100, 0], 3);
    expect(
      linePath(
        [
          [0, 10],
          [1, 0],
          [2, 100],
        ],
        x,
        log,
        { log: true },
      ),
    ).toBe('M0.0,50.0M20.0,0.0');
  });
});
