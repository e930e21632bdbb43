import { describe, expect, it } from 'vitest';
import { colour, gradient, level, mse, renderSurface, scale } from './surface';
import { SURFACES } from './surfaces';

const recta = SURFACES.recta;

describe('the loss surface of y = wx + b', () => {
  it('is zero at w = 2, b = 1 and 7,3219 at the notebook start', () => {
    expect(mse(recta, 2, 1)).toBe(0);
    expect(mse(recta, 1.3552873, 0.00364656)).toBeCloseTo(7.3219, 4);
  });

  it('has the gradient whose step gives the notebook first update', () => {
    const [dw, db] = gradient(recta, 1.3552873, 0.00364656);
    expect(1.3552873 - 0.1 * dw).toBeCloseTo(2.8205333, 6);
    expect(0.00364656 - 0.1 * db).toBeCloseTo(0.5252736, 6);
    expect(gradient(recta, 2, 1)).toEqual([0, 0]);
  });

  it('has, on the valley, the same minimum and curvatures 80 times apart along the axes', () => {
    const valle = SURFACES.valle;
    expect(mse(valle, 2, 1)).toBeCloseTo(0, 12);
    // L = 0,0125·(w − 2)² + (b − 1)²: ∂L/∂w = 0,025·(w − 2), ∂L/∂b = 2·(b − 1).
    const [dw, db] = gradient(valle, 3, 2);
    expect(dw).toBeCloseTo(0.025, 12);
    expect(db).toBeCloseTo(2, 12);
  });

  it('draws contour lines where the loss halves, on a log colour scale', () => {
    expect(level(1)).toBe(0);
    expect(level(2)).toBe(1);
    expect(level(0.49)).toBe(-2);
    expect(scale(1e-3, 1e-3, 10)).toBe(0);
    expect(scale(10, 1e-3, 10)).toBeCloseTo(1, 12);
    expect(colour(0)).not.toEqual(colour(1));
    const pixels = renderSurface(recta, 40, 30);
    expect(pixels).toHaveLength(40 * 30 * 4);
    // The minimum (2; 1) is in the darkest, lowest part of the picture.
    const at = (col: number, row: number) => pixels[(row * 40 + col) * 4 + 1];
    const minimum = at(Math.round((3 / 6) * 40), Math.round((4 / 8) * 30));
    expect(minimum).toBeLessThan(at(0, 0));
  });
});
