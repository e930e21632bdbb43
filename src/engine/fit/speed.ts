import type { FitHook, Reading } from './hook';

/**
 * Samples per second over windows of at least a quarter second (shorter ones are timer
 * noise), smoothed; a run shorter than that reports its whole average at the end.
 */
export class Speed implements FitHook {
  samplesPerSecond: number | null = null;
  private samples = 0;
  private since = 0;

  onTrainBegin(): void {
    this.since = performance.now();
    this.samples = 0;
  }

  onBatchEnd(samples: number): void {
    this.samples += samples;
  }

  received(_values: Float32Array[], { finishing }: Reading): void {
    const now = performance.now();
    const elapsed = (now - this.since) / 1000;
    if (this.samples === 0 || elapsed <= 0) return;
    if (elapsed < 0.25 && !(finishing && this.samplesPerSecond === null)) return;
    const rate = this.samples / elapsed;
    this.samplesPerSecond = this.samplesPerSecond === null ? rate : 0.7 * this.samplesPerSecond + 0.3 * rate;
    this.samples = 0;
    this.since = now;
  }
}
