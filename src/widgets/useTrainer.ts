import * as Comlink from 'comlink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BackendChoice, EpochRecord, RunSpec, Status, StepTrace, TrainerInfo, TrainerUpdate } from '../engine';
import type { Logs } from '../engine/callbacks';
import type { LoadProgress } from '../engine/cifar10/load';
import type { FineTunePlan } from '../engine/trainer';
import type { PhaseMark } from '../engine/transfer/run';
import type { EngineSession } from '../engine/worker';
import { useEngineSession, type SessionRef } from './useEngineSession';

/** What a widget renders: the engine's state as last reported, plus the full history. */
export interface TrainerView {
  status: Status | 'loading';
  /** Spanish: why it diverged, stopped early, or could not start. */
  message: string | null;
  info: TrainerInfo | null;
  /** Where the run computes now; it changes if a GPU backend is lost mid-run. */
  backend: BackendChoice | null;
  epoch: number;
  epochs: number;
  batchesPerEpoch: number;
  history: EpochRecord[];
  params: number[][] | null;
  initialLogs: Logs | null;
  predictions: number[] | null;
  /** The epoch in progress so far (running means), for per-batch curves. */
  progress: TrainerUpdate['progress'];
  /** The run was paused because the tab was hidden (see the policy in useTrainer). */
  pausedWhileHidden: boolean;
  /** The last update asked for step by step; cleared by reset or a new run. */
  trace: StepTrace | null;
  samplesPerSecond: number | null;
  learningRate: number | null;
  tensorCount: number | null;
  /** A long preparation under way (a transfer run caching activations), or null. */
  preparing: LoadProgress | null;
  /** Transfer runs: where each phase began. */
  phases: PhaseMark[];
}

export interface TrainerControls {
  start(): void;
  pause(): void;
  step(unit?: 'batch' | 'epoch'): void;
  /** One update, keeping its every intermediate number in `view.trace`. */
  traceStep(): void;
  stop(): void;
  reset(seed?: number): void;
  /** Transfer runs: unfreeze the top blocks (phase 2); resolves true once ready to continue. */
  fineTune(plan: FineTunePlan): Promise<boolean>;
}

const EMPTY: TrainerView = {
  status: 'loading',
  message: null,
  info: null,
  backend: null,
  epoch: 0,
  epochs: 0,
  batchesPerEpoch: 1,
  history: [],
  params: null,
  initialLogs: null,
  predictions: null,
  progress: null,
  trace: null,
  pausedWhileHidden: false,
  samplesPerSecond: null,
  learningRate: null,
  tensorCount: null,
  preparing: null,
  phases: [],
};

/** Updates carry only new epochs; `historyStart` says where they go (0 after a reset). */
function applyUpdate(view: TrainerView, update: TrainerUpdate): TrainerView {
  return {
    ...view,
    status: update.status,
    message: update.message,
    backend: update.backend,
    epoch: update.epoch,
    epochs: update.epochs,
    batchesPerEpoch: update.batchesPerEpoch,
    history: view.history.slice(0, update.historyStart).concat(update.history),
    params: update.params,
    initialLogs: update.initialLogs,
    predictions: update.predictions,
    progress: update.progress,
    samplesPerSecond: update.samplesPerSecond,
    learningRate: update.learningRate,
    tensorCount: update.tensorCount,
    // The trainable count grows when a transfer run unfreezes blocks.
    info: view.info && { ...view.info, trainableCount: update.trainableCount },
    phases: update.phases,
  };
}

/** Another hook's worker and the slot this run takes in it (runs that share loaded data). */
export interface SharedSession {
  session: SessionRef;
  slot: number;
}

/**
 * The one hook every widget uses to drive the engine: it owns a dedicated worker (or takes
 * a slot in a shared one), builds a run whenever `spec` changes, and streams the engine's
 * throttled updates into React state. With `autoplay` the run starts as soon as it is built.
 */
export function useTrainer(spec: RunSpec | null, autoplay = false, shared?: SharedSession): [TrainerView, TrainerControls] {
  const [view, setView] = useState<TrainerView>(EMPTY);
  const generation = useRef(0);
  // Specs can carry thousands of watched inputs: serialise once per spec, not per render.
  const specKey = useMemo(() => (spec ? JSON.stringify(spec) : ''), [spec]);

  const own = useEngineSession(generation, !shared);
  const session = shared?.session ?? own;
  const slot = shared?.slot ?? 0;

  useEffect(() => {
    const remote = session.current;
    if (!remote) return;
    const run = ++generation.current;
    if (!spec) {
      // Nothing to train (e.g. every point removed): drop the old run so no button drives it.
      setView(EMPTY);
      void remote.dispose(slot);
      return;
    }
    setView(EMPTY);
    const onUpdate = (update: TrainerUpdate) => {
      if (generation.current === run) setView((v) => applyUpdate(v, update));
    };
    const onProgress = (progress: LoadProgress) => {
      if (generation.current === run) setView((v) => ({ ...v, preparing: progress.fraction < 1 ? progress : null }));
    };
    remote
      .create(spec, Comlink.proxy(onUpdate), slot, Comlink.proxy(onProgress))
      .then(({ info, snapshot }) => {
        if (generation.current !== run) return;
        setView((v) => ({ ...applyUpdate(v, snapshot), info }));
        if (autoplay) void remote.start(slot);
      })
      .catch((error: unknown) => {
        if (generation.current !== run) return;
        const message = error instanceof Error ? error.message : String(error);
        setView({ ...EMPTY, status: 'error', message });
      });
    // specKey stands for spec: rebuild only when the run's description really changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [specKey]);

  // Policy for hidden tabs: always pause, and say so. A run nobody watches would spend the
  // battery and the GPU, and browsers throttle hidden pages unevenly; pausing is predictable.
  const training = view.status === 'training';
  const trainingRef = useRef(training);
  trainingRef.current = training;
  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState !== 'hidden' || !trainingRef.current || !session.current) return;
      void session.current.pause(slot);
      setView((v) => ({ ...v, pausedWhileHidden: true }));
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, [session, slot]);

  const call = useCallback((action: (remote: Comlink.Remote<EngineSession>) => Promise<unknown>) => {
    const remote = session.current;
    if (!remote) return;
    action(remote).catch((error: unknown) => {
      setView((v) => ({ ...v, status: 'error', message: error instanceof Error ? error.message : String(error) }));
    });
  }, [session]);

  const controls: TrainerControls = {
    start: () => {
      setView((v) => ({ ...v, pausedWhileHidden: false }));
      call((r) => r.start(slot));
    },
    pause: () => call((r) => r.pause(slot)),
    step: (unit = 'batch') => call((r) => r.step(unit, slot)),
    traceStep: () =>
      call(async (r) => {
        const run = generation.current;
        const trace = await r.traceStep(slot);
        if (generation.current === run && trace) setView((v) => ({ ...v, trace }));
      }),
    stop: () => call((r) => r.stop(slot)),
    reset: (seed) => {
      setView((v) => ({ ...v, trace: null }));
      call((r) => r.reset(seed, slot));
    },
    fineTune: async (plan) => {
      const remote = session.current;
      if (!remote) return false;
      const run = generation.current;
      try {
        await remote.fineTune(plan, slot);
        return generation.current === run;
      } catch (error) {
        if (generation.current === run) setView((v) => ({ ...v, preparing: null, message: error instanceof Error ? error.message : String(error) }));
        return false;
      }
    },
  };
  return [view, controls];
}
