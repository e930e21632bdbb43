import { describe, expect, it } from 'vitest';
import { printInterval } from './exercise';

describe('printInterval', () => {
  it('prints every 10 epochs for the notebook run and keeps long runs near ten rows', () => {
    expect(printInterval(51)).toBe(10);
    expect(printInterval(101)).toBe(10);
    expect(printInterval(200)).toBe(20);
    expect(printInterval(2000)).toBe(200);
    expect(printInterval(20000)).toBe(2000);
    expect(printInterval(100000)).toBe(10000);
  });
});
