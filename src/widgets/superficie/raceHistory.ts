import type { EpochRecord } from '../../engine/protocol';
import type { RacerTrack } from './useRace';

/**
 * The race as one history for the take-away panel's CSV: a row per epoch (counted from 1 here,
 * written from 0 as the notebooks print), with each optimizer's loss before that epoch's update
 * and the (w, b) it was computed at: `loss_sgd`, `w_sgd`, `b_sgd`, `loss_adam`…
 */
export function raceHistory(racers: readonly RacerTrack[]): EpochRecord[] {
  const epochs = Math.max(0, ...racers.map((r) => r.losses.length));
  return Array.from({ length: epochs }, (_, i) => {
    const logs: Record<string, number> = {};
    for (const racer of racers) {
      if (i >= racer.losses.length) continue;
      logs[`loss_${racer.name}`] = racer.losses[i];
      logs[`w_${racer.name}`] = racer.path[i][0];
      logs[`b_${racer.name}`] = racer.path[i][1];
    }
    return { epoch: i + 1, logs };
  });
}
