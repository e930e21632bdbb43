import { memo, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { formatNumber } from '../../ui/format';
import type { Point } from './datasets';
import './Plane.css';
import { paintClasses, readPalette } from './heat';

export interface PlaneProps {
  domain: [number, number];
  points: readonly Point[];
  /** The output layer on a `gridSize`² grid, row by row from the top (see planeGrid), outputs per cell in a row. */
  grid: Float32Array | null;
  gridSize: number;
  /** Classes the outputs stand for: 2 (one sigmoid output) to 4 (softmax). */
  classes: number;
  /** A regression's fitted curve: ŷ at each x, drawn instead of the map. */
  curve: { x: number[]; y: Float32Array } | null;
  /** The single neuron's line w₁x + w₂y + b = 0, when there is one. */
  line: { w: [number, number]; b: number } | null;
  editable: boolean;
  /** Class a click adds. */
  addClass: number;
  onAdd(point: Point): void;
  onRemove(index: number): void;
  summary: string;
  /** Show the summary under the plane too (it is always the plane's accessible name). */
  caption: boolean;
}

/** Fraction of the drawing a click may miss a point by and still remove it. */
const HIT_RADIUS = 0.025;

/** The class map: one pixel per cell, scaled up smoothly by the canvas. */
function drawMap(canvas: HTMLCanvasElement, small: HTMLCanvasElement, grid: Float32Array | null, size: number, classes: number): void {
  const ctx = canvas.getContext('2d');
  const smallCtx = small.getContext('2d');
  if (!ctx || !smallCtx) return;
  small.width = size;
  small.height = size;
  const image = smallCtx.createImageData(size, size);
  paintClasses(image, grid, classes, readPalette(canvas));
  smallCtx.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
}

/** Each class its colour and shape, so the classes differ without colour too. */
function PointMark({ c, cx, cy }: { c: number; cx: number; cy: number }) {
  const className = `plane-point class-${c}`;
  if (c === 1) return <rect x={cx - 1.6} y={cy - 1.6} width={3.2} height={3.2} className={className} />;
  if (c === 2) return <path d={`M${cx} ${cy - 2.1}L${cx + 2} ${cy + 1.4}L${cx - 2} ${cy + 1.4}Z`} className={className} />;
  if (c === 3) return <path d={`M${cx} ${cy - 2.2}L${cx + 2.2} ${cy}L${cx} ${cy + 2.2}L${cx - 2.2} ${cy}Z`} className={className} />;
  return <circle cx={cx} cy={cy} r={1.8} className={className} />;
}

/** Where the line w₁x + w₂y + b = 0 crosses the square, if it does. */
function clipLine(line: NonNullable<PlaneProps['line']>, [lo, hi]: [number, number]): [number, number][] | null {
  const { w, b } = line;
  const candidates: [number, number][] = [];
  if (Math.abs(w[1]) > 1e-12) for (const x of [lo, hi]) candidates.push([x, -(w[0] * x + b) / w[1]]);
  if (Math.abs(w[0]) > 1e-12) for (const y of [lo, hi]) candidates.push([-(w[1] * y + b) / w[0], y]);
  const inside = candidates.filter(([x, y]) => x >= lo - 1e-9 && x <= hi + 1e-9 && y >= lo - 1e-9 && y <= hi + 1e-9);
  return inside.length >= 2 ? [inside[0], inside[inside.length - 1]] : null;
}

/**
 * The plane of the points widget: the model's probability map, the data, the neuron's
 * line. Click (or move the cross with the arrows and press Enter) to add a point of the
 * chosen class; click a point (or Supr near it) to remove it.
 */
export const Plane = memo(function Plane({
  domain,
  points,
  grid,
  gridSize,
  classes,
  curve,
  line,
  editable,
  addClass,
  onAdd,
  onRemove,
  summary,
  caption,
}: PlaneProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const small = useRef<HTMLCanvasElement | null>(null);
  const [lo, hi] = domain;
  const span = hi - lo;
  const [cursor, setCursor] = useState<[number, number] | null>(null);
  const toView = (x: number, y: number): [number, number] => [((x - lo) / span) * 100, ((hi - y) / span) * 100];

  useEffect(() => {
    small.current ??= document.createElement('canvas');
    if (canvas.current) drawMap(canvas.current, small.current, curve ? null : grid, gridSize, classes);
  }, [grid, gridSize, classes, curve]);

  const nearest = (x: number, y: number): number => {
    let best = -1;
    let bestDistance = HIT_RADIUS * span;
    points.forEach((p, i) => {
      const d = Math.hypot(p.x - x, p.y - y);
      if (d <= bestDistance) {
        best = i;
        bestDistance = d;
      }
    });
    return best;
  };

  const act = (x: number, y: number, remove: boolean) => {
    if (!editable) return;
    const hit = nearest(x, y);
    if (hit >= 0) onRemove(hit);
    else if (!remove) onAdd({ x: Math.round(x * 100) / 100, y: Math.round(y * 100) / 100, c: addClass });
  };

  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = lo + ((event.clientX - box.left) / box.width) * span;
    const y = hi - ((event.clientY - box.top) / box.height) * span;
    act(x, y, false);
  };

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const step = span / 24;
    const [x, y] = cursor ?? [(lo + hi) / 2, (lo + hi) / 2];
    const clamp = (v: number) => Math.min(hi, Math.max(lo, v));
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    if (event.key in moves) {
      const [dx, dy] = moves[event.key];
      setCursor([clamp(x + dx), clamp(y + dy)]);
    } else if (event.key === 'Enter') {
      act(x, y, false);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      act(x, y, true);
    } else {
      return;
    }
    event.preventDefault();
    // The page's own keys (space, arrows) must not also act on a key the plane used.
    event.stopPropagation();
  };

  const segment = line ? clipLine(line, domain) : null;
  const ticks = [lo, (lo + hi) / 2, hi];
  return (
    <figure className="plane" aria-label={summary}>
      <div className="plane-box">
        <canvas ref={canvas} width={320} height={320} className="plane-map" aria-hidden="true" />
        {/* The plane is an application widget: arrows move a cursor, Enter adds a point (jsx-a11y counts no role as interactive but a few). */}
        {/* eslint-disable jsx-a11y/no-noninteractive-element-interactions, jsx-a11y/no-noninteractive-tabindex */}
        <svg
          viewBox="0 0 100 100"
          className={editable ? 'plane-svg editable' : 'plane-svg'}
          data-testid="plane"
          role="application"
          aria-label={
            editable
              ? `${summary} Flechas para mover la cruz, Intro para añadir un punto de la clase ${addClass}, Supr para quitar el punto más cercano.`
              : summary
          }
          tabIndex={0}
          onClick={onClick}
          onKeyDown={onKeyDown}
          onFocus={() => setCursor((c) => c ?? [(lo + hi) / 2, (lo + hi) / 2])}
          onBlur={() => setCursor(null)}
        >
          {segment ? (
            <line
              data-testid="decision-line"
              x1={toView(...segment[0])[0]}
              y1={toView(...segment[0])[1]}
              x2={toView(...segment[1])[0]}
              y2={toView(...segment[1])[1]}
              className="plane-line"
            />
          ) : null}
          {curve ? (
            <polyline
              data-testid="fitted-curve"
              className="plane-curve"
              points={curve.x.map((x, i) => toView(x, Math.min(hi + span, Math.max(lo - span, curve.y[i]))).join(',')).join(' ')}
            />
          ) : null}
          {points.map((p, i) => {
            const [cx, cy] = toView(p.x, p.y);
            return <PointMark key={i} c={p.c} cx={cx} cy={cy} />;
          })}
          {cursor ? (
            <g className="plane-cursor" transform={`translate(${toView(...cursor).join(' ')})`}>
              <line x1={-3} x2={3} y1={0} y2={0} />
              <line x1={0} x2={0} y1={-3} y2={3} />
            </g>
          ) : null}
        </svg>
        {/* eslint-enable jsx-a11y/no-noninteractive-element-interactions, jsx-a11y/no-noninteractive-tabindex */}
        <div className="plane-ticks plane-ticks-x" aria-hidden="true">
          {ticks.map((t) => (
            <span key={t}>{formatNumber(t, 1)}</span>
          ))}
        </div>
        <div className="plane-ticks plane-ticks-y" aria-hidden="true">
          {[...ticks].reverse().map((t) => (
            <span key={t}>{formatNumber(t, 1)}</span>
          ))}
        </div>
      </div>
      {caption ? <figcaption>{summary}</figcaption> : null}
    </figure>
  );
});
