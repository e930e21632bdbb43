import { describe, expect, it } from 'vitest';
import { reloadForStaleChunk } from './staleChunks';

function memoryStorage() {
  const items = new Map<string, string>();
  return { get: (k: string) => items.get(k) ?? null, set: (k: string, v: string) => (items.set(k, v), true) };
}

describe('a chunk of an old build fails to load', () => {
  it('reloads once, then leaves a second failure of the same build to the error panel', () => {
    const storage = memoryStorage();
    let reloads = 0;
    const deps = { build: 'assets/index-A.js', storage, reload: () => void reloads++ };
    expect(reloadForStaleChunk(deps)).toBe(true);
    expect(reloadForStaleChunk(deps)).toBe(false);
    expect(reloads).toBe(1);
  });

  it('a later deploy (another build in the same tab) may reload once more', () => {
    const storage = memoryStorage();
    let reloads = 0;
    const reload = () => void reloads++;
    reloadForStaleChunk({ build: 'assets/index-A.js', storage, reload });
    expect(reloadForStaleChunk({ build: 'assets/index-B.js', storage, reload })).toBe(true);
    expect(reloads).toBe(2);
  });

  it('where nothing can be stored (a third-party iframe), it never reloads: it could not count', () => {
    let reloads = 0;
    const blocked = { get: () => null, set: () => false };
    expect(reloadForStaleChunk({ build: 'assets/index-A.js', storage: blocked, reload: () => void reloads++ })).toBe(false);
    expect(reloads).toBe(0);
  });
});
