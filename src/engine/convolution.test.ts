import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { featureMaps } from './convolution';

const IDENTITY = [0, 0, 0, 0, 1, 0, 0, 0, 0];
/** The row below minus this row: bright where dark turns to light going down. */
const HORIZONTAL_EDGE = [0, 0, 0, -1, -1, -1, 1, 1, 1];
const side = 8;
/** Rows 0–3 black, rows 4–7 white. */
const step = Array.from({ length: side * side }, (_, i) => (Math.floor(i / side) >= side / 2 ? 1 : 0));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('a 3×3 filter slid over an image', () => {
  it('returns the image itself with the identity kernel', async () => {
    const image = Array.from({ length: side * side }, (_, i) => (i * 37) % 11);
    const out = await featureMaps(image, side, IDENTITY, 1, 'same');
    expect(out.side).toBe(side);
    expect(out.map).toEqual(image);
  });

  it('lights up a single row on a step image with a horizontal-edge kernel', async () => {
    const out = await featureMaps(step, side, HORIZONTAL_EDGE, 1, 'same');
    const brightRows = new Set(out.relu.flatMap((v, i) => (v > 0 ? [Math.floor(i / side)] : [])));
    expect([...brightRows]).toEqual([3]);
    // Inside the row, every pixel sees three −1 on black and three +1 on white: 3.
    expect(out.relu.slice(3 * side + 1, 4 * side - 1)).toEqual(Array(side - 2).fill(3));
  });

  it('halves the map with stride 2 or 2×2 max pooling, and shrinks it by 2 without padding', async () => {
    expect((await featureMaps(step, side, IDENTITY, 2, 'same')).side).toBe(4);
    const valid = await featureMaps(step, side, IDENTITY, 1, 'valid');
    expect(valid.side).toBe(6);
    expect(valid.pooledSide).toBe(3);
    // Max pooling keeps the largest of each 2×2 block.
    const out = await featureMaps(step, side, IDENTITY, 1, 'same');
    expect(out.pooled).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('refuses a kernel that is not nine finite numbers', async () => {
    await expect(featureMaps(step, side, [1, 2, 3], 1, 'same')).rejects.toThrow(/9 números finitos/);
  });
});
