import { useId, type ReactNode } from 'react';
import { formatNumber } from '../format';
import { makeScale, type AxisSpec, type Scale } from './axes';
import { useSize } from './useSize';
import './chart.css';

/**
 * The frame every chart of the lab draws in: one SVG with grid, axes, tick labels and axis
 * titles, the series drawn by the caller inside a clip, and an HTML legend. Plain React and
 * d3-scale, no chart library: a redraw is one small render (no store, no text measuring), so a
 * chart can follow training live without stalling the page (issue 16 §5).
 */

export interface PlotAxis extends AxisSpec {
  /** The data the axis must show (its bounds follow them unless `domain` is fixed). */
  values: readonly number[];
  /** With units where there are some; a log axis says so. */
  title: string;
  format?: (value: number) => string;
}

export interface LegendEntry {
  label: string;
  color: string;
  dashed?: boolean;
  /** A dot (scatter data) instead of a line. */
  dot?: boolean;
}

export interface Frame {
  x: Scale;
  y: Scale;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface PlotProps {
  /** Frame height in pixels; CSS may set `.chart-frame`'s height instead (projector, embed). */
  height: number;
  x: PlotAxis;
  y: PlotAxis;
  legend?: LegendEntry[];
  legendAt?: 'top' | 'bottom';
  children: (frame: Frame) => ReactNode;
  /** The x value under the pointer, or null when it leaves the plot. */
  onPointer?: (x: number | null) => void;
  /** HTML laid over the frame (a tooltip), positioned by the caller in frame pixels. */
  overlay?: (frame: Frame) => ReactNode;
}

const fallbackFormat = (v: number) => formatNumber(v, 2);

export function Plot({ height, x: xAxis, y: yAxis, legend = [], legendAt = 'bottom', children, onPointer, overlay }: PlotProps) {
  const [ref, size] = useSize<HTMLDivElement>();
  const clip = useId();
  const em = size.fontSize;
  const formatX = xAxis.format ?? fallbackFormat;
  const formatY = yAxis.format ?? fallbackFormat;
  const top = 1.9 * em;
  const bottom = Math.max(size.height - 2.6 * em, top + 1);
  const y = makeScale(yAxis, yAxis.values, [bottom, top], Math.max(2, Math.floor((bottom - top) / (2 * em))));
  // Room for the y tick labels without measuring them: digits are about 0,6 em wide.
  const labelChars = Math.max(1, ...y.ticks.map((t) => formatY(t).length));
  const left = Math.ceil(labelChars * 0.62 * em + 0.9 * em);
  const right = Math.max(size.width - em, left + 1);
  const x = makeScale(xAxis, xAxis.values, [left, right], Math.max(2, Math.floor((right - left) / (5 * em))));
  const frameBox = { left, top, right, bottom };
  const frame: Frame = { x, y, ...frameBox };
  const inside = (v: number, [a, b]: number[]) => v >= Math.min(a, b) - 1e-9 && v <= Math.max(a, b) + 1e-9;
  const xTicks = x.ticks.filter((t) => inside(t, x.domain));
  const yTicks = y.ticks.filter((t) => inside(t, y.domain));

  const pointer = (event: React.PointerEvent<SVGRectElement>) => {
    if (!onPointer) return;
    const box = event.currentTarget.getBoundingClientRect();
    const share = (event.clientX - box.left) / Math.max(box.width, 1);
    const [d0, d1] = x.domain;
    onPointer(xAxis.kind === 'log' ? 10 ** (Math.log10(d0) + share * (Math.log10(d1) - Math.log10(d0))) : d0 + share * (d1 - d0));
  };

  const legendList = legend.length ? (
    <ul className="chart-legend">
      {legend.map((entry) => (
        <li
          key={entry.label}
          className="chart-legend-item"
          data-dashed={entry.dashed ? 'true' : undefined}
          data-dot={entry.dot ? 'true' : undefined}
          style={{ color: entry.color }}
        >
          <svg width="18" height="10" aria-hidden="true">
            {entry.dot ? (
              <circle cx="9" cy="5" r="4" fill={entry.color} />
            ) : (
              <line x1="1" y1="5" x2="17" y2="5" stroke={entry.color} strokeWidth="3" strokeDasharray={entry.dashed ? '5 3' : undefined} />
            )}
          </svg>
          <span className="chart-legend-label">{entry.label}</span>
        </li>
      ))}
    </ul>
  ) : null;

  return (
    <>
      {legendAt === 'top' ? legendList : null}
      <div className="chart-frame" ref={ref} style={{ height }}>
        {size.width > 0 ? (
          <svg className="chart-svg" width={size.width} height={size.height} role="presentation">
            <defs>
              <clipPath id={clip}>
                <rect x={frame.left} y={frame.top - 2} width={frame.right - frame.left} height={frame.bottom - frame.top + 4} />
              </clipPath>
            </defs>
            <g className="chart-grid" stroke="var(--grid)" strokeDasharray="3 3">
              {xTicks.map((t) => (
                <line key={`x${t}`} x1={x(t)} x2={x(t)} y1={frame.top} y2={frame.bottom} />
              ))}
              {yTicks.map((t) => (
                <line key={`y${t}`} x1={frame.left} x2={frame.right} y1={y(t)} y2={y(t)} />
              ))}
            </g>
            <g className="chart-axis" stroke="var(--muted)">
              <line x1={frame.left} x2={frame.right} y1={frame.bottom} y2={frame.bottom} />
              <line x1={frame.left} x2={frame.left} y1={frame.top} y2={frame.bottom} />
            </g>
            <g className="chart-ticks" fill="var(--muted)">
              {xTicks.map((t) => (
                <text key={`x${t}`} className="chart-tick" x={x(t)} y={frame.bottom + 1.2 * em} textAnchor="middle">
                  {formatX(t)}
                </text>
              ))}
              {yTicks.map((t) => (
                <text key={`y${t}`} className="chart-tick" x={frame.left - 0.4 * em} y={y(t)} dy="0.35em" textAnchor="end">
                  {formatY(t)}
                </text>
              ))}
              <text className="chart-axis-title" x={(frame.left + frame.right) / 2} y={frame.bottom + 2.4 * em} textAnchor="middle">
                {xAxis.title}
              </text>
              <text className="chart-axis-title" x={0.2 * em} y={frame.top - 0.8 * em}>
                {yAxis.title}
              </text>
            </g>
            <g clipPath={`url(#${clip})`}>{children(frame)}</g>
            {onPointer ? (
              <rect
                className="chart-pointer"
                x={frame.left}
                y={frame.top}
                width={frame.right - frame.left}
                height={frame.bottom - frame.top}
                fill="transparent"
                onPointerMove={pointer}
                onPointerLeave={() => onPointer(null)}
              />
            ) : null}
          </svg>
        ) : null}
        {size.width > 0 && overlay ? overlay(frame) : null}
      </div>
      {legendAt === 'bottom' ? legendList : null}
    </>
  );
}
