import type { FitHook, Reading } from './hook';
import type { EpochRecord } from './types';

/** Every finished epoch as read back (Keras's History), and how much of it the page has heard. */
export class History implements FitHook {
  private records: EpochRecord[] = [];
  private sent = 0;

  received(_values: Float32Array[], reading: Reading): void {
    this.records.push(...reading.epochs);
  }

  all(): EpochRecord[] {
    return this.records.slice();
  }

  /** The records the page has not heard yet, and where they start; from now on they count as heard. */
  unheard(): { start: number; records: EpochRecord[] } {
    const start = this.sent;
    this.sent = this.records.length;
    return { start, records: this.records.slice(start) };
  }

  /** Keeps the first `epochs` records: the run goes on from an older backup. */
  truncate(epochs: number): void {
    this.records = this.records.slice(0, epochs);
    this.sent = Math.min(this.sent, this.records.length);
  }
}
