import { Fragment, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { RunSpec } from '../../engine/protocol';
import { Readout } from '../../ui/Readout';
import { LARGE_CHART_INTERVAL_MS, useThrottled } from '../../ui/useThrottled';
import type { SessionRef } from '../useEngineSession';
import { useTrainer, type TrainerControls, type TrainerView } from '../useTrainer';

/** One contestant: its name (test ids, chart keys), its Spanish label and its colour. */
export interface RaceLane {
  name: string;
  label: string;
  color: string;
}

/** One chart row per epoch with each lane's value of `key`, under `<lane name><suffix>`. */
export function mergeByEpoch(
  lanes: readonly RaceLane[],
  views: readonly (TrainerView | null)[],
  key: string,
  suffix = '',
): Record<string, number>[] {
  const rows = new Map<number, Record<string, number>>();
  views.forEach((view, i) => {
    for (const record of view?.history ?? []) {
      const row = rows.get(record.epoch) ?? { epoch: record.epoch };
      row[lanes[i].name + suffix] = record.logs[key];
      rows.set(record.epoch, row);
    }
  });
  return [...rows.values()].sort((a, b) => a.epoch - b.epoch);
}

/** One lane's run in its slot of the widget's worker; it hands its view and controls to the race. */
function LaneRun({
  spec,
  session,
  slot,
  index,
  onControls,
  onView,
}: {
  spec: RunSpec | null;
  session: SessionRef;
  slot: number;
  index: number;
  onControls(index: number, controls: TrainerControls): void;
  onView(index: number, view: TrainerView): void;
}) {
  const [view, controls] = useTrainer(spec, false, { session, slot });
  // Every render: the controls are new objects, and keeping them changes no state.
  useEffect(() => onControls(index, controls));
  useEffect(() => onView(index, view), [index, view, onView]);
  return null;
}

interface RaceProps {
  title: string;
  /** What stays the same and what changes, in a sentence or two. */
  hint: ReactNode;
  /** Prefix of the test ids: `<id>`, `<id>-prepare`, `<id>-play`, `<id>-<lane>`, `<id>-<lane>-epoch`. */
  testId: string;
  lanes: readonly RaceLane[];
  /** Each lane's run (same seed, so same initial weights and batch order); null until the data are ready. */
  specs: readonly RunSpec[] | null;
  session: SessionRef;
  /** The first worker slot the lanes take, one each after it (slot 0 is the main run's). */
  firstSlot: number;
  /** The race's figures (charts, tables) from the lanes' throttled views. */
  children(views: readonly (TrainerView | null)[]): ReactNode;
}

/**
 * Several runs side by side in the widget's worker, sharing its loaded data: the same
 * initial weights and the same order of batches, so only what the lanes change differs.
 */
export function Race({ title, hint, testId, lanes, specs, session, firstSlot, children }: RaceProps) {
  const [on, setOn] = useState(false);
  const [views, setViews] = useState<(TrainerView | null)[]>(() => lanes.map(() => null));
  const controls = useRef<TrainerControls[]>([]);
  const onControls = useCallback((index: number, lane: TrainerControls) => {
    controls.current[index] = lane;
  }, []);
  const onView = useCallback((index: number, view: TrainerView) => setViews((vs) => vs.map((v, i) => (i === index ? view : v))), []);
  const throttled = useThrottled(views, LARGE_CHART_INTERVAL_MS);
  const figures = useMemo(() => children(throttled), [children, throttled]);
  const training = views.some((v) => v?.status === 'training');
  const ready = views.every((v) => v?.status === 'idle' || v?.status === 'paused');

  return (
    <section className="race widget-wide" aria-label={title} data-testid={testId}>
      {lanes.map((lane, i) => (
        <LaneRun
          key={lane.name}
          spec={on && specs ? specs[i] : null}
          session={session}
          slot={firstSlot + i}
          index={i}
          onControls={onControls}
          onView={onView}
        />
      ))}
      <h3>{title}</h3>
      <p className="hint">{hint}</p>
      {!on ? (
        <button type="button" data-testid={`${testId}-prepare`} disabled={!specs} onClick={() => setOn(true)}>
          Preparar la comparación
        </button>
      ) : (
        <div className="training-controls" role="group" aria-label={`Control: ${title}`}>
          <button
            type="button"
            className="primary"
            data-testid={`${testId}-play`}
            disabled={!ready && !training}
            onClick={() => controls.current.forEach((c) => (training ? c.pause() : c.start()))}
          >
            {training ? '❚❚ Pausar' : '▶ Empezar'}
          </button>
          <button type="button" data-testid={`${testId}-reset`} onClick={() => controls.current.forEach((c) => c.reset())}>
            ↺ Reiniciar
          </button>
          <button type="button" data-testid={`${testId}-close`} disabled={training} onClick={() => setOn(false)}>
            Cerrar
          </button>
        </div>
      )}
      {on ? (
        <>
          <div className="readout-row">
            {lanes.map((lane, i) => (
              <Fragment key={lane.name}>
                <Readout
                  testId={`${testId}-${lane.name}`}
                  label={`${lane.label}, validación`}
                  value={views[i]?.history.at(-1)?.logs.val_accuracy ?? null}
                  format="percent"
                  digits={1}
                />
                <Readout testId={`${testId}-${lane.name}-epoch`} label="época" value={views[i]?.epoch ?? null} format="integer" />
              </Fragment>
            ))}
          </div>
          {lanes.map((lane, i) =>
            views[i]?.message ? (
              <p key={lane.name} className="hint">
                {lane.label}: {views[i].message}
              </p>
            ) : null,
          )}
          {figures}
        </>
      ) : null}
    </section>
  );
}
