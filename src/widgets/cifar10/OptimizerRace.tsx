import { Fragment, useMemo, useState } from 'react';
import type { RunSpec } from '../../engine/protocol';
import { LossChart } from '../../ui/LossChart';
import { Readout } from '../../ui/Readout';
import { LARGE_CHART_INTERVAL_MS, useThrottled } from '../../ui/useThrottled';
import type { SessionRef } from '../useEngineSession';
import { useTrainer, type TrainerView } from '../useTrainer';
import { OPTIMIZER_LABELS, RACE, raceSpec } from './settings';

/** One chart row per epoch with each optimizer's value of `key`, where it has one. */
function mergeByEpoch(views: TrainerView[], key: string): Record<string, number>[] {
  const rows = new Map<number, Record<string, number>>();
  views.forEach((view, i) => {
    for (const record of view.history) {
      const row = rows.get(record.epoch) ?? { epoch: record.epoch };
      row[RACE[i].optimizer] = record.logs[key];
      rows.set(record.epoch, row);
    }
  });
  return [...rows.values()].sort((a, b) => a.epoch - b.epoch);
}

const SERIES = RACE.map((r) => ({
  key: r.optimizer,
  label: `${OPTIMIZER_LABELS[r.optimizer]} (η = ${String(r.lr).replace('.', ',')})`,
  color: r.color,
}));

/**
 * SGD, Adam and RMSprop side by side in the widget's worker: the same data, the same
 * initial weights (same seed) and the same order of batches; only the optimizer differs.
 */
export function OptimizerRace({ base, session }: { base: RunSpec | null; session: SessionRef }) {
  const [on, setOn] = useState(false);
  const specs = useMemo(() => RACE.map((entry) => (on && base ? raceSpec(base, entry) : null)), [on, base]);
  // Three slots after the main run's slot 0; a fixed count, so the hooks never change.
  const [sgd, sgdControls] = useTrainer(specs[0], false, { session, slot: 1 });
  const [adam, adamControls] = useTrainer(specs[1], false, { session, slot: 2 });
  const [rmsprop, rmspropControls] = useTrainer(specs[2], false, { session, slot: 3 });
  const views = useMemo(() => [sgd, adam, rmsprop], [sgd, adam, rmsprop]);
  const controls = [sgdControls, adamControls, rmspropControls];
  const throttled = useThrottled(views, LARGE_CHART_INTERVAL_MS);
  const accuracyRows = useMemo(() => mergeByEpoch(throttled, 'val_accuracy'), [throttled]);
  const lossRows = useMemo(() => mergeByEpoch(throttled, 'val_loss'), [throttled]);
  const training = views.some((v) => v.status === 'training');
  const ready = views.every((v) => v.status === 'idle' || v.status === 'paused');

  return (
    <section className="race" aria-label="Carrera de optimizadores" data-testid="race">
      <h3>Carrera de optimizadores</h3>
      <p className="hint">
        Tres copias de la red de arriba, con los mismos pesos iniciales y las mismas imágenes en el mismo orden. Solo cambia el optimizador,
        como en el cuaderno que los compara.
      </p>
      {!on ? (
        <button type="button" data-testid="race-prepare" disabled={!base} onClick={() => setOn(true)}>
          Preparar la carrera
        </button>
      ) : (
        <div className="training-controls" role="group" aria-label="Control de la carrera">
          <button
            type="button"
            className="primary"
            data-testid="race-play"
            disabled={!ready && !training}
            onClick={() => controls.forEach((c) => (training ? c.pause() : c.start()))}
          >
            {training ? '❚❚ Pausar la carrera' : '▶ Empezar la carrera'}
          </button>
          <button type="button" data-testid="race-reset" onClick={() => controls.forEach((c) => c.reset())}>
            ↺ Reiniciar
          </button>
          <button type="button" data-testid="race-close" disabled={training} onClick={() => setOn(false)}>
            Cerrar la carrera
          </button>
        </div>
      )}
      {on ? (
        <>
          <div className="readout-row">
            {views.map((view, i) => {
              const last = view.history.at(-1);
              const name = RACE[i].optimizer;
              return (
                <Fragment key={name}>
                  <Readout
                    testId={`race-${name}`}
                    label={`${OPTIMIZER_LABELS[name]}, validación`}
                    value={last?.logs.val_accuracy ?? null}
                    format="percent"
                    digits={1}
                  />
                  <Readout testId={`race-${name}-epoch`} label="época" value={view.epoch} format="integer" />
                </Fragment>
              );
            })}
          </div>
          {views.map((view, i) =>
            view.message ? (
              <p key={RACE[i].optimizer} className="hint">
                {OPTIMIZER_LABELS[RACE[i].optimizer]}: {view.message}
              </p>
            ) : null,
          )}
          <div className="widget-charts">
            <LossChart
              rows={accuracyRows}
              series={SERIES}
              logScale={false}
              connectGaps
              summary={`Exactitud en validación por época de ${SERIES.map((s) => s.label).join(', ')}.`}
            />
            <LossChart rows={lossRows} series={SERIES} connectGaps summary="Pérdida en validación por época de cada optimizador." />
          </div>
        </>
      ) : null}
    </section>
  );
}
