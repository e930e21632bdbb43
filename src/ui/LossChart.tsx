import { memo, useRef } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from './format';
import { ChartExport } from '../takeaway/ChartExport';

export interface LossSeries {
  key: string;
  label: string;
  color: string;
  /** Drawn dashed (a training curve beside its solid validation twin). */
  dashed?: boolean;
}

export interface LossChartProps {
  /** Shown above the chart and in its exported files; by default named after what it plots. */
  title?: string;
  /** The vertical axis' quantity, e.g. «pérdida» (the default) or «exactitud». */
  yLabel?: string;
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

/**
 * The vertical axis' title, level above the plot from the axis' left edge: turned on its side
 * it would not fit a 220-pixel chart once it says «escala logarítmica».
 */
function YAxisTitle({ text, viewBox }: { text: string; viewBox?: { x: number; y: number } }) {
  if (!viewBox) return null;
  return (
    <text x={viewBox.x + 4} y={viewBox.y - 12} fill="var(--muted)" fontSize="0.85em">
      {text}
    </text>
  );
}

/** Memoised: it redraws only when its rows change, not on every readout update. */
export const LossChart = memo(function LossChart({
  title,
  yLabel,
  rows,
  series,
  logScale = true,
  height = 260,
  summary,
  connectGaps = false,
  markers = [],
}: LossChartProps) {
  // A log axis cannot show 0, NaN or ∞ (a diverged run); plot only positive finite values.
  const figure = useRef<HTMLElement>(null);
  // Keras names accuracy series `accuracy`, `val_accuracy`…: a chart of only those plots accuracy.
  const accuracy = series.length > 0 && series.every((s) => s.key.includes('accuracy'));
  const quantity = yLabel ?? (accuracy ? 'exactitud' : 'pérdida');
  const heading = title ?? (accuracy ? 'Exactitud por época' : 'Pérdida por época');
  const data = logScale
    ? thin(rows).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'epoch' || finite(v) ? v : null])))
    : thin(rows);
  return (
    <figure className="chart" aria-label={summary} ref={figure}>
      <div className="chart-head">
        <div className="chart-title">{heading}</div>
        <ChartExport figure={figure} title={heading} />
      </div>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={data} margin={{ top: 26, right: 16, bottom: 20, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis
            dataKey="epoch"
            type="number"
            domain={[0, 'dataMax']}
            allowDecimals={false}
            // Every tick of the few nice ones: the default interval measures each label in the DOM on every redraw.
            interval={0}
            stroke="var(--muted)"
            label={{ value: 'época', position: 'insideBottom', offset: -14, fill: 'var(--muted)' }}
          />
          <YAxis
            scale={logScale ? 'log' : 'auto'}
            domain={['auto', 'auto']}
            allowDataOverflow
            stroke="var(--muted)"
            tickFormatter={(v: number) => formatNumber(v, 2)}
            width={72}
            label={<YAxisTitle text={logScale ? `${quantity} (escala logarítmica)` : quantity} />}
          />
          <Tooltip formatter={(v) => formatNumber(Number(v), 5)} labelFormatter={(e) => `Época ${String(e as number)}`} />
          <Legend wrapperStyle={{ paddingTop: 14 }} />
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
              strokeDasharray={s.dashed ? '6 4' : undefined}
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
