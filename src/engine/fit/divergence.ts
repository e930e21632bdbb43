import { training as say } from '../messages';
import type { FitHook, Reading } from './hook';

/**
 * Keras's TerminateOnNaN: a loss that stops being finite ends the run, with a Spanish
 * explanation naming the first such epoch and the learning rate to blame. Results are read
 * in batches, so the run may be a few epochs further on when it notices: it says both.
 */
export class Divergence implements FitHook {
  private reason: string | null = null;

  /** `label` numbers an epoch record as the notebooks do (see Trainer). */
  constructor(
    private readonly learningRate: () => number,
    private readonly label: (epoch: number) => number,
  ) {}

  received(_values: Float32Array[], reading: Reading): void {
    if (this.reason) return;
    const first = reading.epochs.find((r) => !Number.isFinite(r.logs.loss));
    if (!first) return;
    const noticed = reading.epochs[reading.epochs.length - 1].epoch;
    this.reason = say.diverged(this.label(first.epoch), first.logs.loss, this.learningRate(), this.label(noticed));
  }

  stopReason(): string | null {
    return this.reason;
  }
}
