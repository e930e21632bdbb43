import type { RacerName } from '../../engine/protocol';

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond';

/**
 * How each racer is drawn and named. Light colours with a dark outline read on every part of
 * the surface's palette (dark blue to yellow); the end marker's shape tells them apart
 * without colour.
 */
export const RACERS: Record<RacerName, { label: string; color: string; chartColor: string; marker: MarkerShape }> = {
  // White on the surface; on the page's own background the text colour stands for it.
  sgd: { label: 'SGD', color: '#ffffff', chartColor: 'var(--fg)', marker: 'circle' },
  momentum: { label: 'Momentum', color: '#ffb000', chartColor: '#ffb000', marker: 'square' },
  rmsprop: { label: 'RMSprop', color: '#ff6ad5', chartColor: '#ff6ad5', marker: 'triangle' },
  adam: { label: 'Adam', color: '#ff3d3d', chartColor: '#ff3d3d', marker: 'diamond' },
};

export const racerLabel = (name: RacerName) => RACERS[name].label;
