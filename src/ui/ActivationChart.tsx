import { useId, useMemo, useState } from 'react';
import { linePath } from './chart/axes';
import { Plot } from './chart/Plot';
import { ACTIVATIONS, ACTIVATION_ORDER, type ActivationName } from './activations';
import { formatNumber } from './format';

/**
 * z from −4 to 4 in steps of 0,05, smooth enough for GELU's dip, plus a point just right of 0
 * so ReLU′ jumps from 0 to 1 as a vertical line instead of a slanted one.
 */
const ZS = [...Array.from({ length: 161 }, (_, i) => Math.round((-4 + i * 0.05) * 100) / 100), 1e-9].sort((a, b) => a - b);
/** One vertical scale for every function, so their sizes and slopes compare at a glance. */
const Y_DOMAIN: [number, number] = [-1.5, 4];
const Y_TICKS = [-1, 0, 1, 2, 3, 4];
const X_TICKS = [-4, -3, -2, -1, 0, 1, 2, 3, 4];

const COLORS = { f: 'var(--series-1)', df: 'var(--series-2)' };
/** f solid, its derivative dashed: told apart by more than colour. */
const SERIES = [
  { key: 'f', dash: undefined },
  { key: 'df', dash: '7 4' },
] as const;
/** The pressed button, marked by more than colour: a ring and bold text. */
const PRESSED = { borderColor: 'var(--accent)', boxShadow: '0 0 0 2px var(--accent)', fontWeight: 650 };

/** Spanish number with a true minus sign (U+2212), as in the formulas. */
const fmt = (v: number, digits: number) => formatNumber(v, digits).replace('-', '\u2212');

/**
 * The lesson's activation plot: pick sigmoid, tanh, ReLU or GELU and see f and f′ over
 * [−4, 4], with a z slider that reads both values. Plain JS math: a picture, not training.
 */
export default function ActivationChart({ initial = 'relu' }: { initial?: ActivationName }) {
  const [name, setName] = useState<ActivationName>(ACTIVATIONS[initial] ? initial : 'relu');
  const [z, setZ] = useState(1);
  const sliderId = useId();
  const info = ACTIVATIONS[name];
  const rows = useMemo(() => ZS.map((x) => ({ z: x, f: info.f(x), df: info.df(x) })), [info]);
  const fz = info.f(z);
  const dfz = info.df(z);
  const reading = `z = ${fmt(z, 2)}: ${info.symbol}(z) = ${fmt(fz, 3)}; ${info.symbol}′(z) = ${fmt(dfz, 3)}`;
  const summary = `${info.label} y su derivada entre z = −4 y z = 4. ${info.formula}; ${info.derivative}. ${reading}.`;

  return (
    <figure
      className="activation-plot"
      data-testid="activation-plot"
      data-value={name}
      aria-label={`Funciones de activación: ${info.label}`}
      style={{
        margin: '1.5rem 0',
        padding: '1rem 1.25rem',
        border: '1px solid var(--border)',
        borderRadius: 'var(--radius, 10px)',
        background: 'var(--surface)',
      }}
    >
      <figcaption style={{ fontWeight: 650, marginBottom: '0.75rem' }}>Funciones de activación y sus derivadas</figcaption>
      <div className="preset-group" role="group" aria-label="Función de activación">
        {ACTIVATION_ORDER.map((n) => (
          <button
            key={n}
            type="button"
            aria-pressed={n === name}
            data-testid={`activation-${n}`}
            onClick={() => setName(n)}
            style={n === name ? PRESSED : undefined}
          >
            {ACTIVATIONS[n].label}
          </button>
        ))}
      </div>
      <p style={{ margin: '0.75rem 0 0.25rem' }}>
        <span style={{ color: COLORS.f, fontWeight: 650 }}>{info.formula}</span>
        <span aria-hidden="true"> · </span>
        <span style={{ color: COLORS.df, fontWeight: 650 }}>{info.derivative}</span>
      </p>
      <div className="chart" aria-hidden="true">
        {/* The picture is described in text below (sr-only); no keyboard stop inside it. */}
        <Plot
          height={252}
          x={{ values: [], domain: [-4, 4], ticks: X_TICKS, title: 'entrada de la neurona, z', format: (v) => fmt(v, 2) }}
          y={{ values: [], domain: Y_DOMAIN, ticks: Y_TICKS, title: 'valor', format: (v) => fmt(v, 2) }}
          legend={[
            { label: `${info.symbol}(z)`, color: COLORS.f },
            { label: `${info.symbol}′(z), su derivada`, color: COLORS.df, dashed: true },
          ]}
          legendAt="top"
        >
          {(frame) => (
            <>
              <g stroke="var(--muted)">
                <line x1={frame.x(0)} x2={frame.x(0)} y1={frame.top} y2={frame.bottom} />
                <line x1={frame.left} x2={frame.right} y1={frame.y(0)} y2={frame.y(0)} />
              </g>
              <line x1={frame.x(z)} x2={frame.x(z)} y1={frame.top} y2={frame.bottom} stroke="var(--fg)" strokeDasharray="4 4" />
              {SERIES.map(({ key, dash }) => (
                <path
                  key={key}
                  className="chart-line"
                  d={linePath(
                    rows.map((r) => [r.z, r[key]] as const),
                    frame.x,
                    frame.y,
                  )}
                  stroke={COLORS[key]}
                  strokeWidth={2.5}
                  strokeDasharray={dash}
                />
              ))}
              <circle cx={frame.x(z)} cy={frame.y(fz)} r={5} fill={COLORS.f} />
              <circle cx={frame.x(z)} cy={frame.y(dfz)} r={5} fill={COLORS.df} />
            </>
          )}
        </Plot>
      </div>
      <div className="control slider">
        <label htmlFor={sliderId}>
          Mueve z.{' '}
          <output htmlFor={sliderId} data-testid="activation-reading">
            {reading}
          </output>
        </label>
        <input
          id={sliderId}
          type="range"
          min={-4}
          max={4}
          step={0.1}
          value={z}
          aria-valuetext={reading}
          onChange={(e) => setZ(Math.round(Number(e.target.value) * 10) / 10)}
        />
      </div>
      <p className="hint" style={{ marginTop: '0.5rem' }}>
        {info.note}
      </p>
      <p className="sr-only">{summary}</p>
    </figure>
  );
}
