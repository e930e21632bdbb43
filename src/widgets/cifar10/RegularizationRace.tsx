import { useCallback, useMemo } from 'react';
import { formatFixed, formatInteger } from '../../ui/format';
import { LossChart } from '../../ui/LossChart';
import type { SessionRef } from '../useEngineSession';
import type { TrainerView } from '../useTrainer';
import { CURES, cureSpec, finalGap, OVERFIT_PRESET } from './cures';
import { mergeByEpoch, Race } from './Race';
import type { Cifar10Settings } from './settings';

/** Slots 4–8: after the main run (0) and the optimizer race (1–3), so both races can be open. */
const FIRST_SLOT = 4;

/** Each cure twice on one chart: training dashed, validation solid, in the cure's colour. */
const SERIES = CURES.flatMap(({ name, label, color }) => [
  { key: `${name}_train`, label: `${label} (entrenamiento)`, color, dashed: true },
  { key: `${name}_val`, label: `${label} (validación)`, color },
]);

const percent = (value: number) => `${formatFixed(value * 100, 1)} %`;

function accuracyRows(views: readonly (TrainerView | null)[]): Record<string, number>[] {
  const train = mergeByEpoch(CURES, views, 'accuracy', '_train');
  const validation = mergeByEpoch(CURES, views, 'val_accuracy', '_val');
  return train.map((row, i) => ({ ...row, ...validation[i] }));
}

/** The end of each lane: training and validation accuracy and the gap between them. */
function GapTable({ views }: { views: readonly (TrainerView | null)[] }) {
  return (
    <table className="print-table gap-table" data-testid="gap-table">
      <caption>Al final de cada carrera: exactitud en entrenamiento y en validación, y la brecha entre ambas</caption>
      <thead>
        <tr>
          <th scope="col">Cura</th>
          <th scope="col">Épocas</th>
          <th scope="col">Entrenamiento</th>
          <th scope="col">Validación</th>
          <th scope="col">Brecha</th>
        </tr>
      </thead>
      <tbody>
        {CURES.map((cure, i) => {
          const end = finalGap(views[i]?.history.at(-1)?.logs);
          return (
            <tr key={cure.name} data-testid={`gap-row-${cure.name}`}>
              <th scope="row">{cure.label}</th>
              <td>{formatInteger(views[i]?.history.length ?? 0)}</td>
              <td>{end ? percent(end.train) : '—'}</td>
              <td>{end ? percent(end.validation) : '—'}</td>
              <td data-testid={`gap-${cure.name}`} data-value={end ? String(end.gap) : ''}>
                {end ? `${formatFixed(end.gap * 100, 1)} puntos` : '—'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * Overfitting and its cures, measured: the widget's network once without regularization and
 * once with each cure, from the same initial weights on the same batches; the curves show
 * the gap open, the table says how wide it ended.
 */
export function RegularizationRace({
  values,
  ready,
  session,
  onPreset,
}: {
  values: Cifar10Settings;
  /** The data are loaded: the lanes can be built. */
  ready: boolean;
  session: SessionRef;
  onPreset(preset: Partial<Cifar10Settings>): void;
}) {
  const specs = useMemo(() => (ready ? CURES.map((cure) => cureSpec(values, cure)) : null), [ready, values]);
  const figures = useCallback(
    (views: readonly (TrainerView | null)[]) => (
      <>
        <LossChart
          title="Exactitud por época: entrenamiento (discontinua) y validación (continua)"
          yLabel="exactitud"
          rows={accuracyRows(views)}
          series={SERIES}
          logScale={false}
          connectGaps
          height={400}
          summary={`Exactitud en entrenamiento y validación por época de ${CURES.map((c) => c.label).join(', ')}.`}
        />
        <GapTable views={views} />
      </>
    ),
    [],
  );
  return (
    <Race
      title="Sobreajuste y sus curas"
      hint={
        <>
          La red de arriba cinco veces, con los mismos pesos iniciales y las mismas imágenes en el mismo orden, sin parada temprana: sin
          regularizar, con Dropout, con L2, con aumento de datos y con todo a la vez. La brecha es la exactitud en entrenamiento menos la de
          validación; con pocas imágenes se abre en pocas épocas.{' '}
          <button type="button" data-testid="overfit-preset" onClick={() => onPreset(OVERFIT_PRESET)}>
            Usar {formatInteger(OVERFIT_PRESET.train)} imágenes y {OVERFIT_PRESET.epochs} épocas
          </button>
        </>
      }
      testId="cures"
      lanes={CURES}
      specs={specs}
      session={session}
      firstSlot={FIRST_SLOT}
    >
      {figures}
    </Race>
  );
}
