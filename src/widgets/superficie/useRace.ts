import * as Comlink from 'comlink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BackendChoice, EngineSession, RaceReport, RaceSpec, RacerName, RacerReport, StepDetail } from '../../engine/protocol';
import { useEngineSession } from '../useEngineSession';
import { EMPTY, type TrainerControls, type TrainerView } from '../useTrainer';

/** One racer as the page keeps it. */
export interface RacerTrack {
  name: RacerName;
  /** The loss before each update, epoch 0 first (Keras's history, the notebooks' prints). */
  losses: number[];
  /** The start, then (w, b) after each update. */
  path: [number, number][];
  diverged: RacerReport['diverged'];
  last: StepDetail | null;
}

export interface RaceState {
  /** The loss at the start, the same for all, once the race is built. */
  startLoss: number | null;
  racers: RacerTrack[];
}

/**
 * However many epochs, a race lasts about this many animation frames (two seconds at 60 per
 * second): slow enough to watch the paths grow, short enough for a thousand epochs.
 */
const RACE_FRAMES = 120;

type Status = TrainerView['status'];

interface Progress {
  status: Status;
  epoch: number;
  backend: BackendChoice | null;
  message: string | null;
  tensorCount: number | null;
  pausedWhileHidden: boolean;
  race: RaceState;
}

const START: Progress = {
  status: 'loading',
  epoch: 0,
  backend: null,
  message: null,
  tensorCount: null,
  pausedWhileHidden: false,
  race: { startLoss: null, racers: [] },
};

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

function merge(race: RaceState, report: RaceReport): RaceState {
  return {
    ...race,
    racers: race.racers.map((r, i) => {
      const got = report.racers[i];
      return {
        ...r,
        losses: r.losses.concat(got.losses),
        path: r.path.concat(got.points),
        diverged: got.diverged,
        last: got.last ?? r.last,
      };
    }),
  };
}

/**
 * The optimizer race in the widget's own worker, paced by the page: each animation frame asks
 * the engine for a few more updates of every racer at once (one call, one read), so the paths
 * grow together. Returns a TrainerView for the shared controls and readouts, the race itself,
 * and the usual controls. `label` names a racer in messages about it.
 */
export function useRace(
  spec: RaceSpec | null,
  epochs: number,
  autoplay: boolean,
  label: (name: RacerName) => string,
): [TrainerView, RaceState, TrainerControls] {
  const [progress, setProgress] = useState<Progress>(START);
  const generation = useRef(0);
  const session = useEngineSession(generation);
  const specKey = useMemo(() => (spec ? JSON.stringify(spec) : ''), [spec]);
  const [builds, setBuilds] = useState(0);
  // The loop reads these between frames; state updates arrive a render later.
  const playing = useRef(false);
  const epochRef = useRef(0);
  const finished = useRef(false);

  const fail = useCallback((error: unknown) => {
    playing.current = false;
    setProgress((p) => ({ ...p, status: 'error', message: error instanceof Error ? error.message : String(error) }));
  }, []);

  /** One engine call: `steps` more updates of every racer; false once the race is over. */
  const advance = useCallback(
    async (remote: Comlink.Remote<EngineSession>, steps: number): Promise<boolean> => {
      const run = generation.current;
      const report = await remote.advanceRace(steps);
      if (generation.current !== run) return false;
      epochRef.current = report.epoch;
      const over = report.racers.every((r) => r.diverged) ? 'diverged' : report.epoch >= epochs ? 'done' : null;
      finished.current = over !== null;
      const messages = report.racers.filter((r) => r.diverged).map((r) => `${label(r.name)}: ${r.diverged!.message}`);
      setProgress((p) => ({
        ...p,
        status: over ?? p.status,
        epoch: report.epoch,
        tensorCount: report.tensorCount,
        message: messages.length > 0 ? messages.join(' ') : null,
        race: merge(p.race, report),
      }));
      return over === null;
    },
    [epochs, label],
  );

  useEffect(() => {
    const remote = session.current;
    if (!remote) return;
    const run = ++generation.current;
    playing.current = false;
    epochRef.current = 0;
    finished.current = false;
    setProgress(START);
    if (!spec) {
      void remote.disposeRace();
      return;
    }
    remote
      .createRace(spec)
      .then(({ backend, startLoss, tensorCount }) => {
        if (generation.current !== run) return;
        const racers = spec.racers.map(({ name }) => ({ name, losses: [], path: [spec.start], diverged: null, last: null }));
        setProgress({ ...START, status: 'idle', backend, tensorCount, race: { startLoss, racers } });
        if (autoplay && builds === 0) play();
      })
      .catch((error: unknown) => {
        if (generation.current === run) fail(error);
      });
    // specKey stands for spec; `builds` counts resets, which build the same race again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [specKey, builds]);

  const perFrame = Math.max(1, Math.ceil(epochs / RACE_FRAMES));
  const play = () => {
    const remote = session.current;
    if (!remote || playing.current || finished.current) return;
    const run = generation.current;
    playing.current = true;
    setProgress((p) => ({ ...p, status: 'training', pausedWhileHidden: false }));
    void (async () => {
      try {
        let going = true;
        while (going && playing.current && generation.current === run) {
          await nextFrame();
          if (!playing.current || generation.current !== run) break;
          going = await advance(remote, Math.min(perFrame, epochs - epochRef.current));
        }
      } catch (error) {
        if (generation.current === run) fail(error);
        return;
      }
      if (generation.current !== run) return;
      playing.current = false;
      if (!finished.current) setProgress((p) => ({ ...p, status: 'paused' }));
    })();
  };

  // Policy for hidden tabs, as every run's (useTrainer): pause, and say so.
  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState !== 'hidden' || !playing.current) return;
      playing.current = false;
      setProgress((p) => ({ ...p, pausedWhileHidden: true }));
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, []);

  const step = () => {
    const remote = session.current;
    if (!remote || playing.current || finished.current) return;
    advance(remote, 1)
      .then((going) => {
        if (going) setProgress((p) => ({ ...p, status: 'paused' }));
      })
      .catch(fail);
  };

  const controls: TrainerControls = {
    start: play,
    pause: () => {
      playing.current = false;
    },
    step,
    // Every step of the race is shown in full (the step panel): a traced step is a step.
    traceStep: step,
    stop: () => {
      playing.current = false;
      finished.current = true;
      setProgress((p) => ({ ...p, status: 'done' }));
    },
    reset: () => setBuilds((n) => n + 1),
    // Only transfer runs have a second phase.
    fineTune: () => Promise.resolve(false),
  };

  const view: TrainerView = {
    ...EMPTY,
    status: progress.status,
    epoch: progress.epoch,
    epochs,
    backend: progress.backend,
    message: progress.message,
    tensorCount: progress.tensorCount,
    pausedWhileHidden: progress.pausedWhileHidden,
  };
  return [view, progress.race, controls];
}
