/**
 * How many batches the loop may queue on the device before it reads. A GPU backend runs behind
 * the loop: without a bound, a slow model (the CNN on software WebGL, 5 s a batch) queues a whole
 * epoch within one update interval, and a pause or a stop then waits for all of it. Each read
 * drains the queue, so the time since the previous read is what its batches cost; the next bound
 * lets about `lagMs` of work wait. Fast models keep reading on the update interval alone.
 */
export class BatchPacer {
  private queued = 0;
  private readAt: number;
  private bound = Infinity;

  constructor(
    private readonly lagMs = 500,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.readAt = now();
  }

  /** A run starts (again): time spent paused is not the device's. */
  restart(): void {
    this.queued = 0;
    this.readAt = this.now();
  }

  batchQueued(): void {
    this.queued += 1;
  }

  /** True when the queue holds as much work as it may. */
  due(): boolean {
    return this.queued >= this.bound;
  }

  /** After a read: every queued batch has run. */
  read(): void {
    const now = this.now();
    if (this.queued > 0) this.bound = Math.max(1, Math.floor(this.lagMs / ((now - this.readAt) / this.queued)));
    this.queued = 0;
    this.readAt = now;
  }
}
