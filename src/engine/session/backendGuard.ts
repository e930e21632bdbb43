import * as tf from '@tensorflow/tfjs';
import { activateBackend, chooseBackend, probeBackends, type BackendChoice, type ModelNeeds } from '../backends';
import { EngineInputError } from '../errors';
import { session as say } from '../messages';
import type { BackendPreference } from '../spec';

/**
 * tfjs has one global backend per worker. A run's model and optimizer live on the backend it
 * started on; a tool (convolution, softmax, the backend comparison) that switched it would
 * move the run's next batch elsewhere. Every switch therefore goes through this guard: one
 * at a time, and never away from the backend of a run that lives in this worker.
 */
export class BackendGuard {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly runsActive: () => boolean) {}

  /** Work that activates a backend waits for the switch before it to finish (creating a run does too). */
  serialise<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => {});
    return result;
  }

  /** Work that moves the backend at will (the comparison tries each one): refused while a run lives here. */
  exclusive<T>(work: () => Promise<T>, busy = say.backendBusy): Promise<T> {
    return this.serialise(() => {
      if (this.runsActive()) throw new EngineInputError(busy);
      return work();
    });
  }

  /**
   * Runs `work` on the backend `preference` picks for `needs`, and says which. Refused only
   * when that means leaving the backend of a run in this worker.
   */
  withBackend<T extends object>(
    preference: BackendPreference,
    needs: ModelNeeds,
    work: () => Promise<T>,
  ): Promise<T & { backend: BackendChoice }> {
    return this.serialise(async () => {
      const backend = chooseBackend(preference, await probeBackends(), needs);
      if (this.runsActive() && tf.getBackend() !== backend.name) throw new EngineInputError(say.backendBusy);
      await activateBackend(backend.name);
      return { ...(await work()), backend };
    });
  }
}
