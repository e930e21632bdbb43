import { memo, useEffect, useMemo, useRef, type MouseEvent } from 'react';
import type { RunSpec } from '../../engine/protocol';
import { formatNumber } from '../../ui/format';
import { LossChart } from '../../ui/LossChart';
import { Readout } from '../../ui/Readout';
import { useThrottled } from '../../ui/useThrottled';
import { TrainingReadouts } from '../EngineReadouts';
import { SettingsFields } from '../FieldControl';
import { rectaSpec } from '../recta/exercise';
import { LineReadouts } from '../recta/LineReadouts';
import { RECTA_FIELDS as FIELDS } from '../recta/settings';
import { TrainingControls } from '../TrainingControls';
import { useSettings } from '../urlState';
import { useTrainer } from '../useTrainer';
import { gradient, renderSurface, VIEW } from './surface';
import { UrlNotices } from '../UrlNotices';
import './superficie.css';
import { notebookEpoch } from '../notebookEpoch';

/**
 * Three learning rates for the same start. The largest curvature of this surface is about
 * 16,7 (the Hessian of the MSE on x = 1…4), so steps diverge once η > 2/16,7 ≈ 0,12.
 */
const PRESETS = [
  { id: 'lenta', label: 'Lenta', lr: 0.01, epochs: 200 },
  { id: 'buena', label: 'Buena', lr: 0.1, epochs: 51 },
  { id: 'diverge', label: 'Diverge', lr: 0.15, epochs: 300 },
] as const;

const LOSS_SERIES = [{ key: 'loss', label: 'pérdida', color: 'var(--accent)' }];
/** Canvas pixels of the surface; the browser scales it to the drawn size. */
const PIXELS = { width: 360, height: 480 };

const toX = (w: number) => ((w - VIEW.w[0]) / (VIEW.w[1] - VIEW.w[0])) * 100;
const toY = (b: number) => ((VIEW.b[1] - b) / (VIEW.b[1] - VIEW.b[0])) * 100;

/** The surface is fixed: drawn once per mount, under the path. */
const SurfaceCanvas = memo(function SurfaceCanvas() {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(renderSurface(PIXELS.width, PIXELS.height), PIXELS.width, PIXELS.height), 0, 0);
  }, []);
  return <canvas ref={canvas} width={PIXELS.width} height={PIXELS.height} className="surface-map" aria-hidden="true" />;
});

function describePath(path: [number, number][]): string {
  const start = path[0];
  const end = path[path.length - 1];
  if (!start) return 'La superficie de pérdida de y = wx + b. El mínimo está en w = 2, b = 1.';
  const where = `de (${formatNumber(start[0], 3)}; ${formatNumber(start[1], 3)}) a (${formatNumber(end[0], 3)}; ${formatNumber(end[1], 3)})`;
  return `La superficie de pérdida de y = wx + b, más oscura cuanto menor es la pérdida; el mínimo está en w = 2, b = 1. El camino del descenso tiene ${path.length} puntos, ${where}.`;
}

/**
 * Lesson 2: the loss of y = wx + b over the (w, b) plane, with the engine's gradient-descent
 * path drawn on it as it trains, and learning rates that crawl, converge or diverge.
 */
export function Superficie() {
  const settings = useSettings(FIELDS);
  const { values, notices, set } = settings;
  const spec: RunSpec = useMemo(() => rectaSpec(values), [values]);
  const [view, controls] = useTrainer(spec, settings.autoplay);
  const busy = view.status === 'training';

  const history = useThrottled(view.history);
  const path = useMemo((): [number, number][] => {
    if (!view.initialLogs) return [];
    return [[values.w0, values.b0] as [number, number], ...history.map((r) => [r.params![0][0], r.params![1][0]] as [number, number])];
  }, [history, values.w0, values.b0, view.initialLogs]);
  const lossRows = useMemo(() => history.map((r) => ({ epoch: notebookEpoch(r), loss: r.logs.loss })), [history]);
  const current = view.params ? ([view.params[0][0], view.params[1][0]] as const) : null;
  const grad = current ? gradient(current[0], current[1]) : null;
  // The arrow shows −∇L, scaled to a readable length; its direction is what matters.
  const arrow = current && grad ? scaledArrow(current, grad) : null;

  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    if (busy) return;
    const box = event.currentTarget.getBoundingClientRect();
    const w = VIEW.w[0] + ((event.clientX - box.left) / box.width) * (VIEW.w[1] - VIEW.w[0]);
    const b = VIEW.b[1] - ((event.clientY - box.top) / box.height) * (VIEW.b[1] - VIEW.b[0]);
    set({ w0: Math.round(w * 100) / 100, b0: Math.round(b * 100) / 100 });
  };

  return (
    <section className="widget" data-testid="widget-superficie" aria-label="La superficie de pérdida y el descenso del gradiente">
      <UrlNotices notices={notices} />
      <div className="widget-controls">
        <div className="preset-group" role="group" aria-label="Tasas de aprendizaje de ejemplo">
          {PRESETS.map((p) => (
            <button
              key={p.id}
              type="button"
              data-testid={`preset-${p.id}`}
              aria-pressed={values.lr === p.lr && values.epochs === p.epochs}
              disabled={busy}
              onClick={() => set({ lr: p.lr, epochs: p.epochs })}
            >
              {p.label} (η = {formatNumber(p.lr)})
            </button>
          ))}
        </div>
        <SettingsFields settings={settings} fields={FIELDS} names={['lr', 'epochs', 'w0', 'b0', 'backend']} disabled={busy} />
        <TrainingControls view={view} controls={controls} settings={settings} />
      </div>

      <TrainingReadouts view={view}>
        <LineReadouts view={view} />
        <Readout testId="gradient" label="∇L = (∂L/∂w, ∂L/∂b)" value={grad} digits={4} />
        <Readout testId="path-points" label="Puntos del camino" value={path.length} format="integer" />
      </TrainingReadouts>

      <div className="surface-layout">
        <figure className="surface" aria-label={describePath(path)}>
          <div className="surface-box">
            <SurfaceCanvas />
            {/* A click is a shortcut for the w₀ and b₀ fields, which keyboard users have. */}
            {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions */}
            <svg
              viewBox="0 0 100 100"
              preserveAspectRatio="none"
              role="img"
              aria-label={describePath(path)}
              className={busy ? 'surface-svg' : 'surface-svg editable'}
              onClick={onClick}
              data-testid="surface"
            >
              <circle cx={toX(2)} cy={toY(1)} r={1.2} className="surface-minimum" vectorEffect="non-scaling-stroke" />
              <polyline
                points={path.map(([w, b]) => `${toX(w)},${toY(b)}`).join(' ')}
                className="surface-path"
                vectorEffect="non-scaling-stroke"
              />
              {path.map(([w, b], i) =>
                i % Math.max(1, Math.ceil(path.length / 60)) === 0 ? (
                  <circle key={i} cx={toX(w)} cy={toY(b)} r={0.7} className="surface-dot" />
                ) : null,
              )}
              {arrow ? (
                <line
                  x1={toX(arrow[0])}
                  y1={toY(arrow[1])}
                  x2={toX(arrow[2])}
                  y2={toY(arrow[3])}
                  className="surface-arrow"
                  vectorEffect="non-scaling-stroke"
                  markerEnd="url(#surface-head)"
                />
              ) : null}
              <defs>
                <marker
                  id="surface-head"
                  viewBox="0 0 10 10"
                  refX="8"
                  refY="5"
                  markerWidth="5"
                  markerHeight="5"
                  orient="auto-start-reverse"
                >
                  <path d="M 0 0 L 10 5 L 0 10 z" className="surface-arrowhead" />
                </marker>
              </defs>
            </svg>
            <div className="plane-ticks plane-ticks-x" aria-hidden="true">
              {[VIEW.w[0], (VIEW.w[0] + VIEW.w[1]) / 2, VIEW.w[1]].map((t) => (
                <span key={t}>{formatNumber(t, 1)}</span>
              ))}
            </div>
            <div className="plane-ticks plane-ticks-y" aria-hidden="true">
              {[VIEW.b[1], (VIEW.b[0] + VIEW.b[1]) / 2, VIEW.b[0]].map((t) => (
                <span key={t}>{formatNumber(t, 1)}</span>
              ))}
            </div>
          </div>
          <figcaption>
            Horizontal: w. Vertical: b. Cada línea de nivel marca la mitad de pérdida que la anterior; el círculo es el mínimo (2; 1). La
            flecha apunta a −∇L, cuesta abajo, calculada con la fórmula del MSE. Un clic elige el punto de partida.
          </figcaption>
        </figure>
        <LossChart rows={lossRows} series={LOSS_SERIES} summary={`Pérdida por época. ${describePath(path)}`} />
      </div>
    </section>
  );
}

/** From the current point toward −∇L, a twelfth of the view long. */
function scaledArrow([w, b]: readonly [number, number], [dw, db]: [number, number]): [number, number, number, number] | null {
  // Compare directions in drawing units, where w and b spans differ.
  const sx = dw / (VIEW.w[1] - VIEW.w[0]);
  const sy = db / (VIEW.b[1] - VIEW.b[0]);
  const length = Math.hypot(sx, sy);
  if (!Number.isFinite(length) || length < 1e-9) return null;
  const k = 1 / 12 / length;
  return [w, b, w - dw * k, b - db * k];
}
