import { describe, expect, it } from 'vitest';
import { historyCsv } from '../../takeaway/historyCsv';
import { raceHistory } from './raceHistory';
import type { RacerTrack } from './useRace';

const track = (name: RacerTrack['name'], losses: number[], path: [number, number][]): RacerTrack => ({
  name,
  losses,
  path,
  diverged: null,
  last: null,
});

describe('raceHistory', () => {
  it('gives each epoch every racer’s loss and the (w, b) it was measured at', () => {
    const history = raceHistory([
      track(
        'sgd',
        [7.5, 4.25],
        [
          [0, 0],
          [0.5, 0.25],
          [0.75, 0.5],
        ],
      ),
      track(
        'adam',
        [7.5],
        [
          [0, 0],
          [0.1, 0.1],
        ],
      ),
    ]);
    expect(history).toEqual([
      { epoch: 1, logs: { loss_sgd: 7.5, w_sgd: 0, b_sgd: 0, loss_adam: 7.5, w_adam: 0, b_adam: 0 } },
      { epoch: 2, logs: { loss_sgd: 4.25, w_sgd: 0.5, b_sgd: 0.25 } },
    ]);
    // In the CSV, a racer with fewer epochs is NA, as CSVLogger writes a missing key.
    expect(historyCsv(history).split('\r\n').slice(0, 3)).toEqual([
      'epoch,b_adam,b_sgd,loss_adam,loss_sgd,w_adam,w_sgd',
      '0,0.0,0.0,7.5,7.5,0.0,0.0',
      '1,NA,0.25,NA,4.25,NA,0.5',
    ]);
  });

  it('is empty before the race starts', () => {
    expect(raceHistory([])).toEqual([]);
  });
});
