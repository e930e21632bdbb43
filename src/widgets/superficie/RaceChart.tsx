import { useMemo } from 'react';
import type { RacerName } from '../../engine/protocol';
import { formatNumber } from '../../ui/format';
import { LossChart } from '../../ui/LossChart';
import { useThrottled } from '../../ui/useThrottled';
import { RACERS } from './racers';
import { finalLoss, Marker } from './SurfacePlot';
import type { RacerTrack } from './useRace';

interface Props {
  racers: RacerTrack[];
  startLoss: number | null;
  /** η each racer trains with. */
  rates: Record<RacerName, number>;
}

/** Each racer's colour, marker, η and final loss, then the loss of all of them per epoch on one log-scale chart. */
export function RaceChart({ racers, startLoss, rates }: Props) {
  const throttled = useThrottled(racers);
  const rows = useMemo(() => {
    const epochs = Math.max(0, ...throttled.map((r) => r.losses.length));
    return Array.from({ length: epochs }, (_, epoch) => {
      const row: Record<string, number> = { epoch };
      for (const r of throttled) if (epoch < r.losses.length) row[r.name] = r.losses[epoch];
      return row;
    });
  }, [throttled]);
  const series = racers.map((r) => ({ key: r.name, label: RACERS[r.name].label, color: RACERS[r.name].chartColor }));
  const summary = racers
    .map((r) => {
      const loss = finalLoss(r, startLoss);
      return `${RACERS[r.name].label}: ${r.losses.length} épocas, pérdida ${loss === null ? 'aún sin medir' : formatNumber(loss, 4)}`;
    })
    .join('. ');
  return (
    <div className="race-chart">
      <table className="race-legend" aria-label="Leyenda: un color y una forma por optimizador">
        <thead>
          <tr>
            <th scope="col">Optimizador</th>
            <th scope="col">η</th>
            <th scope="col">Pérdida</th>
          </tr>
        </thead>
        <tbody>
          {racers.map((r) => {
            const loss = finalLoss(r, startLoss);
            return (
              <tr key={r.name} data-testid={`legend-${r.name}`}>
                <th scope="row">
                  <svg viewBox="-6 -6 12 12" className="race-swatch" aria-hidden="true" style={{ color: RACERS[r.name].color }}>
                    <line x1={-6} y1={0} x2={6} y2={0} />
                    <Marker shape={RACERS[r.name].marker} x={0} y={0} size={5.5} />
                  </svg>
                  {RACERS[r.name].label}
                </th>
                <td>{formatNumber(rates[r.name])}</td>
                <td>{r.diverged ? `divergió (época ${r.diverged.epoch})` : loss === null ? '—' : formatNumber(loss, 3)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <LossChart rows={rows} series={series} summary={`Pérdida por época. ${summary}.`} height={230} />
    </div>
  );
}
