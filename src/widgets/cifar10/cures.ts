import type { RunSpec } from '../../engine/protocol';
import { cifar10Spec, type Cifar10Settings } from './settings';

/**
 * The regularization comparison: the widget's network trained several times from the same
 * initial weights on the same batches, each lane with one cure against overfitting (or
 * none, or all of them). Early stopping is off in every lane, so the gap can open.
 */
export interface Cure {
  name: string;
  label: string;
  color: string;
  settings: Pick<Cifar10Settings, 'dropout' | 'l1' | 'l2' | 'augment'>;
}

const DROPOUT = 0.3;
const L2 = 0.001;
const AUGMENT = 'flip,shift';

export const CURES: readonly Cure[] = [
  { name: 'none', label: 'Sin regularizar', color: 'var(--series-1)', settings: { dropout: 0, l1: 0, l2: 0, augment: '' } },
  { name: 'dropout', label: 'Dropout 0,3', color: 'var(--series-2)', settings: { dropout: DROPOUT, l1: 0, l2: 0, augment: '' } },
  { name: 'l2', label: 'L2 0,001', color: 'var(--series-3)', settings: { dropout: 0, l1: 0, l2: L2, augment: '' } },
  {
    name: 'augment',
    label: 'Aumento (volteo y desplazamiento)',
    color: 'var(--series-4)',
    settings: { dropout: 0, l1: 0, l2: 0, augment: AUGMENT },
  },
  { name: 'all', label: 'Todo junto', color: 'var(--fg)', settings: { dropout: DROPOUT, l1: 0, l2: L2, augment: AUGMENT } },
];

/** The preset where overfitting shows within a few epochs: few images, no early stopping. */
export const OVERFIT_PRESET = { train: 5_000, epochs: 20, parada: false } as const satisfies Partial<Cifar10Settings>;

/** One lane's run: the widget's settings with the cure's, early stopping off, no histograms. */
export function cureSpec(values: Cifar10Settings, cure: Cure): RunSpec {
  return { ...cifar10Spec({ ...values, ...cure.settings, parada: false }), histograms: false };
}

/** The end of a lane: accuracy on its training batches (as Keras reports it) and on validation, and the gap. */
export function finalGap(logs: Record<string, number> | undefined): { train: number; validation: number; gap: number } | null {
  if (logs?.accuracy === undefined || logs.val_accuracy === undefined) return null;
  return { train: logs.accuracy, validation: logs.val_accuracy, gap: logs.accuracy - logs.val_accuracy };
}
