import { memo, useRef, useState } from 'react';
import { formatNumber } from './format';
import { linePath } from './chart/axes';
import { Plot } from './chart/Plot';
import { ChartExport } from '../takeaway/ChartExport';

export interface LossSeries {
  key: string;
  label: string;
  color: string;
  /** Drawn dashed (a training curve beside its solid validation twin). */
  dashed?: boolean;
}

/** A Keras history's two curves of one quantity: training, then validation. */
export function trainingCurves(quantity: 'loss' | 'accuracy'): LossSeries[] {
  return [
    { key: quantity, label: 'entrenamiento', color: 'var(--series-1)' },
    { key: `val_${quantity}`, label: 'validación', color: 'var(--series-2)' },
  ];
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
  /** The plot with its legend, in pixels. */
  height?: number;
  /** Text summary for screen readers. */
  summary: string;
  /** Draw each series across rows that lack it (rows mixing epoch and batch points). */
  connectGaps?: boolean;
  /** Vertical lines at given epochs, labelled (where a transfer run unfroze blocks). */
  markers?: { epoch: number; label: string }[];
}

/** Most points a curve draws: more than a chart's width in pixels would show nothing new. */
const MAX_POINTS = 300;

/** Evenly spaced rows, always keeping the last, so long runs stay cheap to redraw. */
export function thin<T>(rows: readonly T[], max = MAX_POINTS): T[] {
  if (rows.length <= max) return rows.slice();
  const step = (rows.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => rows[Math.round(i * step)]);
}

/** `height` holds the plot and its legend row below it together. */
const LEGEND_ROW_PX = 28;

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
  const figure = useRef<HTMLElement>(null);
  const [hover, setHover] = useState<number | null>(null);
  // Keras names accuracy series `accuracy`, `val_accuracy`…: a chart of only those plots accuracy.
  const accuracy = series.length > 0 && series.every((s) => s.key.includes('accuracy'));
  const quantity = yLabel ?? (accuracy ? 'exactitud' : 'pérdida');
  const heading = title ?? (accuracy ? 'Exactitud por época' : 'Pérdida por época');
  const data = thin(rows);
  const epochs = data.map((r) => r.epoch);
  const values = series.flatMap((s) => data.map((r) => r[s.key]));
  // The row nearest the pointer, for the tooltip.
  const shown =
    hover === null || data.length === 0
      ? null
      : data.reduce((best, r) => (Math.abs(r.epoch - hover) < Math.abs(best.epoch - hover) ? r : best));
  return (
    <figure className="chart" aria-label={summary} ref={figure}>
      <div className="chart-head">
        <div className="chart-title">{heading}</div>
        <ChartExport figure={figure} title={heading} />
      </div>
      <Plot
        height={height - LEGEND_ROW_PX}
        x={{
          values: [0, ...epochs, ...markers.map((m) => m.epoch)],
          title: 'época',
          integer: true,
          exact: true,
          format: (v) => formatNumber(v, 0),
        }}
        // A log axis cannot show 0, NaN or ∞ (a diverged run): those points are left out.
        y={{ values, kind: logScale ? 'log' : 'linear', title: logScale ? `${quantity} (escala logarítmica)` : quantity }}
        legend={series.map((s) => ({ label: s.label, color: s.color, dashed: s.dashed }))}
        onPointer={setHover}
        overlay={(frame) =>
          shown ? (
            <div className="chart-tooltip" style={{ left: Math.min(frame.x(shown.epoch) + 12, frame.right - 150), top: frame.top }}>
              <p>Época {formatNumber(shown.epoch, 0)}</p>
              {series
                .filter((s) => Number.isFinite(shown[s.key]))
                .map((s) => (
                  <p key={s.key} style={{ color: s.color }}>
                    {s.label}: {formatNumber(shown[s.key], 5)}
                  </p>
                ))}
            </div>
          ) : null
        }
      >
        {(frame) => (
          <>
            {markers.map((m) => (
              <g key={m.epoch} className="chart-marker">
                <line
                  x1={frame.x(m.epoch)}
                  x2={frame.x(m.epoch)}
                  y1={frame.top}
                  y2={frame.bottom}
                  stroke="var(--fg)"
                  strokeDasharray="6 4"
                  strokeWidth={2}
                />
                <text x={frame.x(m.epoch) - 6} y={frame.top + 14} textAnchor="end" fill="var(--fg)">
                  {m.label}
                </text>
              </g>
            ))}
            {series.map((s) => (
              <path
                key={s.key}
                className="chart-line"
                data-series={s.key}
                d={linePath(
                  data.map((r) => [r.epoch, r[s.key]] as const),
                  frame.x,
                  frame.y,
                  { log: logScale, connect: connectGaps },
                )}
                fill="none"
                stroke={s.color}
                strokeWidth={2.5}
                strokeDasharray={s.dashed ? '6 4' : undefined}
                strokeLinejoin="round"
              />
            ))}
            {shown ? (
              <line x1={frame.x(shown.epoch)} x2={frame.x(shown.epoch)} y1={frame.top} y2={frame.bottom} stroke="var(--muted)" />
            ) : null}
          </>
        )}
      </Plot>
      <figcaption className="sr-only">{summary}</figcaption>
    </figure>
  );
});
