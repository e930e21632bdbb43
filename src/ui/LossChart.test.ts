import { describe, expect, it } from 'vitest';
import { thin } from './LossChart';

describe('thin', () => {
  it('keeps short series whole', () => {
    expect(thin([1, 2, 3], 5)).toEqual([1, 2, 3]);
  });

  it('keeps the first and last rows and spaces the rest evenly', () => {
    const rows = Array.from({ length: 2001 }, (_, i) => i);
    const out = thin(rows, 5);
    expect(out).toEqual([0, 500, 1000, 1500, 2000]);
  });
});
