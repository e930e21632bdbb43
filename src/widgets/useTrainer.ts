import * as Comlink from 'comlink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  EngineSession,
  EpochRecord,
  FineTunePlan,
  LoadProgress,
  RunSpec,
  Status,
  StepTrace,
  TrainerInfo,
  TrainerUpdate,
} from '../engine/protocol';
import { useEngineSession, type SessionRef } from './useEngineSession';
import { usePublish } from '../takeaway/LabRunContext';

/** Fields with no neutral value before the engine's first update: null until it comes. */
type UnknownAtFirst = 'backend' | 'learningRate' | 'tensorCount';

/**
 * The engine's last update as the page keeps it, derived from the update type so a new
 * field reaches the widgets with one edit here (EMPTY, which the compiler asks for).
 * History accumulates instead (see applyUpdate) and the trainable count lives in `info`.
 */
type Reported = Omit<TrainerUpdate, 'status' | 'history' | 'historyStart' | 'trainableCount' | UnknownAtFirst> & {
  [K in UnknownAtFirst]: TrainerUpdate[K] | null;
};

/** What a widget renders: the engine's state as last reported, plus what only the page knows. */
export type TrainerView = Reported & {
  status: Status | 'loading';
  /** Every finished epoch of the run, not only the update's new ones. */
  history: EpochRecord[];
  info: TrainerInfo | null;
  /** The run was paused because the tab was hidden (see the policy in useTrainer). */
  pausedWhileHidden: boolean;
  /** The last update asked for step by step; cleared by reset or a new run. */
  trace: StepTrace | null;
  /** A long preparation under way (a transfer run caching activations), or null. */
  preparing: LoadProgress | null;
};

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

/** The view before the engine's first update; the optimizer race (superficie) builds its view on it too. */
export const EMPTY: TrainerView = {
  status: 'loading',
  message: null,
  backend: null,
  epoch: 0,
  epochs: 0,
  batch: 0,
  batchesPerEpoch: 1,
  params: null,
  initialLogs: null,
  predictions: null,
  activations: null,
  progress: null,
  samplesPerSecond: null,
  learningRate: null,
  tensorCount: null,
  phases: [],
  history: [],
  info: null,
  pausedWhileHidden: false,
  trace: null,
  preparing: null,
};

/** Updates carry only new epochs; `historyStart` says where they go (0 after a reset). */
function applyUpdate(view: TrainerView, update: TrainerUpdate): TrainerView {
  const { history, historyStart, trainableCount, ...reported } = update;
  return {
    ...view,
    ...reported,
    history: view.history.slice(0, historyStart).concat(history),
    // The trainable count grows when a transfer run unfreezes blocks.
    info: view.info && { ...view.info, trainableCount },
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

  // Slot 0 is the widget's main run (the others race or control it): its history is the lab's to download.
  usePublish(view.history, (store, history) => store.publishHistory(history), slot === 0);

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

  const call = useCallback(
    (action: (remote: Comlink.Remote<EngineSession>) => Promise<unknown>) => {
      const remote = session.current;
      if (!remote) return;
      action(remote).catch((error: unknown) => {
        setView((v) => ({ ...v, status: 'error', message: error instanceof Error ? error.message : String(error) }));
      });
    },
    [session],
  );

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
        if (generation.current === run)
          setView((v) => ({ ...v, preparing: null, message: error instanceof Error ? error.message : String(error) }));
        return false;
      }
    },
  };
  return [view, controls];
}
