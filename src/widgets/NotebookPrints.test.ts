import { describe, expect, it } from 'vitest';
import { printInterval } from './NotebookPrints';

describe('printInterval', () => {
  it("reproduces the notebooks' prints and keeps long runs near five rows", () => {
    expect(printInterval(51)).toBe(10);
    expect(printInterval(2000)).toBe(400);
    expect(printInterval(1)).toBe(1);
    expect(printInterval(101)).toBe(20);
    expect(printInterval(300)).toBe(100);
    expect(printInterval(100000)).toBe(20000);
  });
});
