import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, ACTIVATION_ORDER, erf } from './activations';

describe('activation functions for the lesson plot', () => {
  it('erf matches known values', () => {
    expect(erf(0)).toBeCloseTo(0, 7);
    expect(erf(1)).toBeCloseTo(0.8427007929, 6);
    expect(erf(-2)).toBeCloseTo(-0.995322265, 6);
  });

  it('each derivative matches a centred finite difference of its function', () => {
    const h = 1e-5;
    for (const name of ACTIVATION_ORDER) {
      const { f, df } = ACTIVATIONS[name];
      for (const z of [-3.7, -1.2, -0.3, 0.4, 1.1, 2.9]) {
        expect(df(z)).toBeCloseTo((f(z + h) - f(z - h)) / (2 * h), 4);
      }
    }
  });

  it('has the facts the notes quote', () => {
    expect(ACTIVATIONS.sigmoid.df(0)).toBe(0.25);
    expect(ACTIVATIONS.tanh.df(0)).toBe(1);
    expect(ACTIVATIONS.relu.df(0)).toBe(0);
    // GELU's minimum, about −0,17 near z = −0,75, where its derivative crosses zero.
    expect(ACTIVATIONS.gelu.f(-0.7518)).toBeCloseTo(-0.16997, 4);
    expect(ACTIVATIONS.gelu.df(-0.7518)).toBeCloseTo(0, 3);
  });
});
