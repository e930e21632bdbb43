import * as tf from '@tensorflow/tfjs';
import { watchBackend, type BackendChoice } from '../backends';
import { session as say } from '../messages';
import { Race } from '../race/race';
import type { RaceReport, RaceSpec } from '../race/types';
import type { BackendGuard } from './backendGuard';

/**
 * The worker's optimizer race (the loss-surface lab): one at a time, built on the backend the
 * student picked and advanced by the page, a few updates per call, so every racer moves in
 * step and the page paces the race. Resetting is building it again.
 */
export class RaceTrack {
  private race: Race | null = null;

  constructor(private readonly guard: BackendGuard) {}

  /** True while a race holds variables on the active backend. */
  get active(): boolean {
    return this.race !== null;
  }

  /** Replaces any race with a new one at its start; says where it computes and the starting loss. */
  async create(spec: RaceSpec): Promise<{ backend: BackendChoice; startLoss: number; tensorCount: number }> {
    this.dispose();
    return this.guard.withBackend(spec.backend ?? 'auto', { params: 2 * spec.racers.length, convolution: false }, async () => {
      const race = Race.create(spec, watchBackend(tf.getBackend() as BackendChoice['name']));
      this.race = race;
      return { startLoss: await race.startLoss(), tensorCount: tf.memory().numTensors };
    });
  }

  /** `steps` more updates of every racer. */
  advance(steps: number): Promise<RaceReport> {
    if (!this.race) throw new Error(say.noRun);
    return this.race.advance(steps);
  }

  dispose(): void {
    this.race?.dispose();
    this.race = null;
  }
}
