import {
  activateBackend,
  chooseBackend,
  watchBackend,
  type BackendChoice,
  type BackendInfo,
  type BackendWatch,
  type ModelNeeds,
} from '../backends';
import type { Checkpoint } from '../checkpoint';
import { BACKEND_LABELS } from '../labels';
import { training as say } from '../messages';
import type { BackendName } from '../spec';

/** How a run starts, watches and replaces backends; a test injects a fake to lose a device at will. */
export interface BackendControl {
  /** Backends that can die under a run (GPUs): only those are backed up and recovered from. */
  canBeLost(name: BackendName): boolean;
  activate(name: BackendName): Promise<void>;
  watch(name: BackendName): BackendWatch;
}

export const GPU_BACKENDS: readonly BackendName[] = ['webgpu', 'webgl'];

export const liveBackends: BackendControl = {
  canBeLost: (name) => GPU_BACKENDS.includes(name),
  activate: activateBackend,
  watch: watchBackend,
};

/** What recovery asks of the run it moves. */
export interface Movable {
  /** Frees what lived on the dead backend. */
  teardown(): void;
  /** Model, data and optimizer again, on the backend just activated. */
  rebuild(): Promise<void>;
  /** Weights, optimizer and position from the backup (from the start if there is none). */
  resumeFrom(checkpoint: Checkpoint | null): Promise<void>;
}

/**
 * GPU backends can die (WebGPU device lost, WebGL context lost). Recovery tells a lost
 * backend from an ordinary error and moves the run to the next usable backend, from the
 * last backup (backup.ts).
 */
export class Recovery {
  /** Watches the backend the run computes on now. */
  watch: BackendWatch;
  private readonly failed = new Set<BackendName>();

  constructor(
    private readonly control: BackendControl,
    private readonly backends: BackendInfo[],
    private readonly needs: ModelNeeds,
    backend: BackendName,
  ) {
    this.watch = control.watch(backend);
  }

  canBeLost(name: BackendName): boolean {
    return this.control.canBeLost(name);
  }

  /** After an error: was it the backend dying? Its notice may lag the error by a moment. */
  async lossBehind(name: BackendName): Promise<string | null> {
    if (!this.control.canBeLost(name)) return null;
    const grace = new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000));
    return this.watch.lost() ?? (await Promise.race([this.watch.whenLost, grace]));
  }

  /**
   * Rebuilds the run on the next usable backend from the last backup and returns where it
   * computes now, with the Spanish reason.
   */
  async move(from: BackendName, reason: string, run: Movable, checkpoint: Checkpoint | null): Promise<BackendChoice> {
    this.failed.add(from);
    try {
      run.teardown();
    } catch {
      // The dead backend may refuse to free its memory; it goes away with the device.
    }
    const usable = this.backends.map((b) => (this.failed.has(b.name) ? { ...b, available: false, detail: say.backendFailed } : b));
    const to = chooseBackend('auto', usable, this.needs).name;
    await this.control.activate(to);
    this.watch = this.control.watch(to);
    await run.rebuild();
    await run.resumeFrom(checkpoint);
    return { name: to, reason: say.backendMoved(BACKEND_LABELS[from], reason, BACKEND_LABELS[to], checkpoint?.epoch ?? null) };
  }
}
