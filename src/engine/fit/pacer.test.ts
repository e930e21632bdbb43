import { describe, expect, it } from 'vitest';
import { BatchPacer } from './pacer';

describe('BatchPacer', () => {
  it('never binds fast batches, and reads after every batch once one takes longer than the lag', () => {
    let t = 0;
    const pacer = new BatchPacer(500, () => t);
    for (let i = 0; i < 1000; i++) pacer.batchQueued();
    expect(pacer.due()).toBe(false);
    // 1000 batches in 250 ms: 0,25 ms each, so 2000 may wait.
    t = 250;
    pacer.read();
    for (let i = 0; i < 1999; i++) pacer.batchQueued();
    expect(pacer.due()).toBe(false);
    pacer.batchQueued();
    expect(pacer.due()).toBe(true);
    // A slow model: 3 batches took 15 s.
    pacer.read();
    for (let i = 0; i < 3; i++) pacer.batchQueued();
    t += 15_000;
    pacer.read();
    pacer.batchQueued();
    expect(pacer.due()).toBe(true);
  });

  it('does not count a pause as device time', () => {
    let t = 0;
    const pacer = new BatchPacer(500, () => t);
    pacer.batchQueued();
    t = 100;
    pacer.read();
    // Paused for a minute, then one 100 ms batch: the bound stays at 5.
    t = 60_100;
    pacer.restart();
    pacer.batchQueued();
    t = 60_200;
    pacer.read();
    for (let i = 0; i < 4; i++) pacer.batchQueued();
    expect(pacer.due()).toBe(false);
    pacer.batchQueued();
    expect(pacer.due()).toBe(true);
  });
});
