import { useCallback, useMemo } from 'react';
import type { RunSpec } from '../../engine/protocol';
import { LossChart } from '../../ui/LossChart';
import type { SessionRef } from '../useEngineSession';
import type { TrainerView } from '../useTrainer';
import { mergeByEpoch, Race } from './Race';
import { OPTIMIZER_LABELS, RACE, raceSpec } from './settings';

const LANES = RACE.map((r) => ({
  name: r.optimizer,
  label: `${OPTIMIZER_LABELS[r.optimizer]} (η = ${String(r.lr).replace('.', ',')})`,
  color: r.color,
}));
const SERIES = LANES.map(({ name, label, color }) => ({ key: name, label, color }));

/** Slots 1–3 of the widget's worker (slot 0 is the main run). */
const FIRST_SLOT = 1;

/**
 * SGD, Adam and RMSprop side by side in the widget's worker: the same data, the same
 * initial weights (same seed) and the same order of batches; only the optimizer differs.
 */
export function OptimizerRace({ base, session }: { base: RunSpec | null; session: SessionRef }) {
  const specs = useMemo(() => (base ? RACE.map((entry) => raceSpec(base, entry)) : null), [base]);
  const figures = useCallback(
    (views: readonly (TrainerView | null)[]) => (
      <div className="widget-charts">
        <LossChart
          title="Exactitud en validación por época"
          rows={mergeByEpoch(LANES, views, 'val_accuracy')}
          series={SERIES}
          logScale={false}
          connectGaps
          summary={`Exactitud en validación por época de ${SERIES.map((s) => s.label).join(', ')}.`}
        />
        <LossChart
          title="Pérdida en validación por época"
          rows={mergeByEpoch(LANES, views, 'val_loss')}
          series={SERIES}
          connectGaps
          summary="Pérdida en validación por época de cada optimizador."
        />
      </div>
    ),
    [],
  );
  return (
    <Race
      title="Carrera de optimizadores"
      hint="Tres copias de la red de arriba, con los mismos pesos iniciales y las mismas imágenes en el mismo orden. Solo cambia el optimizador, como en el cuaderno que los compara."
      testId="race"
      lanes={LANES}
      specs={specs}
      session={session}
      firstSlot={FIRST_SLOT}
    >
      {figures}
    </Race>
  );
}
