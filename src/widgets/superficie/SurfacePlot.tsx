import { memo, useEffect, useRef, type CSSProperties, type MouseEvent } from 'react';
import { formatNumber } from '../../ui/format';
import { RACERS, type MarkerShape } from './racers';
import { gradient, renderSurface } from './surface';
import { SURFACES, type SurfaceName } from './surfaces';
import type { RacerTrack } from './useRace';

/** Canvas pixels of the surface's height; the browser scales the canvas to the drawn size. */
const PIXEL_HEIGHT = 420;
/** Most dots drawn along one path; longer paths show every few steps. */
const MAX_DOTS = 120;

/** The surface is fixed: drawn once per track, under the paths. */
const SurfaceCanvas = memo(function SurfaceCanvas({ name }: { name: SurfaceName }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const surface = SURFACES[name];
  const width = Math.round(PIXEL_HEIGHT * surface.aspect);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(renderSurface(surface, width, PIXEL_HEIGHT), width, PIXEL_HEIGHT), 0, 0);
  }, [surface, width]);
  return <canvas ref={canvas} width={width} height={PIXEL_HEIGHT} className="surface-map" aria-hidden="true" />;
});

/** A racer's end marker, centred on (x, y), `size` across, in drawing units. */
export function Marker({ shape, x, y, size }: { shape: MarkerShape; x: number; y: number; size: number }) {
  const h = size / 2;
  switch (shape) {
    case 'circle':
      return <circle cx={x} cy={y} r={h} />;
    case 'square':
      return <rect x={x - h} y={y - h} width={size} height={size} />;
    case 'triangle':
      return <polygon points={`${x},${y - h * 1.2} ${x + h * 1.1},${y + h * 0.8} ${x - h * 1.1},${y + h * 0.8}`} />;
    case 'diamond':
      return <polygon points={`${x},${y - h * 1.3} ${x + h},${y} ${x},${y + h * 1.3} ${x - h},${y}`} />;
  }
}

/** The loss a path ends with, as Keras logs it (the last epoch's), or the start's before any update. */
export function finalLoss(r: RacerTrack, startLoss: number | null): number | null {
  return r.losses.at(-1) ?? startLoss;
}

function describe(name: SurfaceName, racers: RacerTrack[]): string {
  const where = racers.map((r) => {
    const [w, b] = r.path.at(-1)!;
    return `${RACERS[r.name].label}: ${r.path.length} puntos, termina en (${formatNumber(w, 3)}; ${formatNumber(b, 3)})`;
  });
  const track = name === 'recta' ? 'la recta del cuaderno' : 'el valle alargado';
  return `La superficie de pérdida de ${track}, más oscura cuanto menor es la pérdida; el mínimo está en w = 2, b = 1. ${where.join('. ')}.`;
}

interface Props {
  name: SurfaceName;
  racers: RacerTrack[];
  startLoss: number | null;
  /** A click picks the start (w₀, b₀); null while the race runs. */
  onPick: ((w: number, b: number) => void) | null;
}

/**
 * The (w, b) plane: the loss as colour with contour lines, every racer's path with a dot per
 * update and its marker at the end, and from the first racer's point an arrow toward −∇L.
 * Each path carries `data-testid="path-<name>"` and its final loss as `data-value`.
 */
export function SurfacePlot({ name, racers, startLoss, onPick }: Props) {
  const surface = SURFACES[name];
  const { view, aspect } = surface;
  // Drawing units: 100 high and as wide as the box's shape, so markers keep their shape.
  const width = 100 * aspect;
  const clamp = (v: number) => Math.max(-1000, Math.min(1000, v));
  const toX = (w: number) => clamp(((w - view.w[0]) / (view.w[1] - view.w[0])) * width);
  const toY = (b: number) => clamp(((view.b[1] - b) / (view.b[1] - view.b[0])) * 100);

  const lead = racers[0];
  const here = lead?.path.at(-1);
  const arrow = here ? arrowToward(here, gradient(surface, here[0], here[1])) : null;

  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    if (!onPick) return;
    const box = event.currentTarget.getBoundingClientRect();
    const w = view.w[0] + ((event.clientX - box.left) / box.width) * (view.w[1] - view.w[0]);
    const b = view.b[1] - ((event.clientY - box.top) / box.height) * (view.b[1] - view.b[0]);
    onPick(Math.round(w * 100) / 100, Math.round(b * 100) / 100);
  };

  /** −∇L from the current point, a twelfth of the drawing's height long: its direction is what matters. */
  function arrowToward([w, b]: [number, number], [dw, db]: [number, number]): [number, number, number, number] | null {
    const length = Math.hypot((dw / (view.w[1] - view.w[0])) * width, (db / (view.b[1] - view.b[0])) * 100);
    if (!Number.isFinite(length) || length < 1e-9) return null;
    const k = 100 / 12 / length;
    return [toX(w), toY(b), toX(w - dw * k), toY(b - db * k)];
  }

  const ticks = (range: [number, number]) => [range[0], (range[0] + range[1]) / 2, range[1]];
  const summary = describe(name, racers);
  return (
    <figure className="surface" aria-label={summary}>
      <div className="chart-title">Superficie de pérdida L(w, b)</div>
      <div className="surface-box" style={{ '--aspect': aspect } as CSSProperties}>
        <SurfaceCanvas name={name} />
        {/* A click is a shortcut for the w₀ and b₀ fields, which keyboard users have. */}
        {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions */}
        <svg
          viewBox={`0 0 ${width} 100`}
          preserveAspectRatio="none"
          role="img"
          aria-label={summary}
          className={onPick ? 'surface-svg editable' : 'surface-svg'}
          onClick={onClick}
          data-testid="surface"
        >
          <circle cx={toX(2)} cy={toY(1)} r={1.4} className="surface-minimum" vectorEffect="non-scaling-stroke" />
          {racers.map((r) => {
            const points = r.path.map(([w, b]) => `${toX(w)},${toY(b)}`).join(' ');
            const every = Math.max(1, Math.ceil(r.path.length / MAX_DOTS));
            const [w, b] = r.path.at(-1)!;
            return (
              <g
                key={r.name}
                data-testid={`path-${r.name}`}
                data-value={String(finalLoss(r, startLoss) ?? '')}
                className="race-path"
                style={{ '--racer': RACERS[r.name].color } as CSSProperties}
              >
                <polyline points={points} className="race-halo" vectorEffect="non-scaling-stroke" />
                <polyline points={points} className="race-line" vectorEffect="non-scaling-stroke" />
                {r.path.map(([pw, pb], i) =>
                  i % every === 0 ? <circle key={i} cx={toX(pw)} cy={toY(pb)} r={0.55} className="race-dot" /> : null,
                )}
                <g className="race-end">
                  <Marker shape={RACERS[r.name].marker} x={toX(w)} y={toY(b)} size={3.2} />
                </g>
              </g>
            );
          })}
          {arrow ? (
            <line
              x1={arrow[0]}
              y1={arrow[1]}
              x2={arrow[2]}
              y2={arrow[3]}
              className="surface-arrow"
              vectorEffect="non-scaling-stroke"
              markerEnd="url(#surface-head)"
            />
          ) : null}
          <defs>
            <marker id="surface-head" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className="surface-arrowhead" />
            </marker>
          </defs>
        </svg>
        <div className="plane-ticks plane-ticks-x" aria-hidden="true">
          {ticks(view.w).map((t) => (
            <span key={t}>{formatNumber(t, 2)}</span>
          ))}
        </div>
        <div className="plane-ticks plane-ticks-y" aria-hidden="true">
          {ticks(view.b)
            .reverse()
            .map((t) => (
              <span key={t}>{formatNumber(t, 2)}</span>
            ))}
        </div>
        <span className="surface-axis surface-axis-w" aria-hidden="true">
          w →
        </span>
        <span className="surface-axis surface-axis-b" aria-hidden="true">
          b ↑
        </span>
      </div>
    </figure>
  );
}

/** How to read the surface, out of the hero (a caption under it would push it off a laptop's screen). */
export function SurfaceNotes({ name, lead }: { name: SurfaceName; lead: RacerTrack | undefined }) {
  return (
    <p className="surface-notes">
      Horizontal: w. Vertical: b. Más oscuro, menos pérdida; cada línea de nivel marca la mitad de pérdida que la anterior. El círculo es el
      mínimo (2; 1); cada punto, una época.
      {name === 'valle' ? ' Las escalas no son iguales: el valle es casi 9 veces más largo que ancho.' : ''}
      {lead ? ` La flecha, desde ${RACERS[lead.name].label}, apunta a −∇L.` : ''} Un clic en la superficie elige el punto de partida.
    </p>
  );
}
