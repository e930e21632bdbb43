import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from './format';

export interface LossSeries {
  key: string;
  label: string;
  color: string;
}

export interface LossChartProps {
  /** One row per epoch: `{ epoch, loss, val_loss, … }`. */
  rows: Record<string, number>[];
  series: LossSeries[];
  /** Losses shrink by orders of magnitude; a log axis keeps the tail readable. */
  logScale?: boolean;
  height?: number;
  /** Text summary for screen readers. */
  summary: string;
  /** Draw each series across rows that lack it (rows mixing epoch and batch points). */
  connectGaps?: boolean;
  /** Vertical lines at given epochs, labelled (where a transfer run unfroze blocks). */
  markers?: { epoch: number; label: string }[];
}

const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** Most points a chart draws: beyond this an SVG re-render can block the page for 100 ms. */
const MAX_POINTS = 300;

/** Evenly spaced rows, always keeping the last, so long runs stay cheap to redraw. */
export function thin<T>(rows: readonly T[], max = MAX_POINTS): T[] {
  if (rows.length <= max) return rows.slice();
  const step = (rows.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => rows[Math.round(i * step)]);
}

/** Memoised: it redraws only when its rows change, not on every readout update. */
export const LossChart = memo(function LossChart({
  rows,
  series,
  logScale = true,
  height = 260,
  summary,
  connectGaps = false,
  markers = [],
}: LossChartProps) {
  // A log axis cannot show 0, NaN or ∞ (a diverged run); plot only positive finite values.
  const data = logScale
    ? thin(rows).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'epoch' || finite(v) ? v : null])))
    : thin(rows);
  return (
    <figure className="chart" aria-label={summary}>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis
            dataKey="epoch"
            type="number"
            domain={[0, 'dataMax']}
            allowDecimals={false}
            stroke="var(--muted)"
            label={{ value: 'época', position: 'insideBottomRight', offset: -4, fill: 'var(--muted)' }}
          />
          <YAxis
            scale={logScale ? 'log' : 'auto'}
            domain={['auto', 'auto']}
            allowDataOverflow
            stroke="var(--muted)"
            tickFormatter={(v: number) => formatNumber(v, 2)}
            width={64}
          />
          <Tooltip formatter={(v) => formatNumber(Number(v), 5)} labelFormatter={(e) => `Época ${String(e as number)}`} />
          {series.length > 1 ? <Legend /> : null}
          {markers.map((m) => (
            <ReferenceLine
              key={m.epoch}
              x={m.epoch}
              stroke="var(--fg)"
              strokeDasharray="6 4"
              strokeWidth={2}
              ifOverflow="extendDomain"
              label={{ value: m.label, position: 'insideTopRight', fill: 'var(--fg)' }}
            />
          ))}
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              strokeWidth={2.5}
              dot={false}
              isAnimationActive={false}
              connectNulls={connectGaps}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">{summary}</figcaption>
    </figure>
  );
});
