import { useState } from 'react';
import type { RacerName, StepDetail } from '../../engine/protocol';
import { formatNumber } from '../../ui/format';
import { RACERS } from './racers';
import { MOMENTUM } from './surfaces';
import type { RacerTrack } from './useRace';

type Param = 0 | 1;
const PARAM_NAMES = ['w', 'b'] as const;

/** Each racer's update rule for one parameter as Keras writes it, and which of its numbers to show. */
const RULES: Record<RacerName, { rule: string; numbers: { slot: string | null; label: string }[] }> = {
  sgd: { rule: 'Δ = −η·g', numbers: [] },
  momentum: {
    rule: `m ← ${formatNumber(MOMENTUM)}·m − η·g;  Δ = m`,
    numbers: [{ slot: 'momentum', label: 'velocidad m' }],
  },
  rmsprop: {
    rule: 's ← 0,9·s + 0,1·g²;  Δ = −η·g / √(s + ε)',
    numbers: [{ slot: 'velocity', label: 's (media de g²)' }],
  },
  adam: {
    rule: 'm̂ = m / (1 − 0,9ᵗ);  v̂ = v / (1 − 0,999ᵗ);  Δ = −η·m̂ / (√v̂ + ε̂)',
    numbers: [
      { slot: 'mHat', label: 'm̂' },
      { slot: 'vHat', label: 'v̂' },
    ],
  },
};

function Value({ id, label, value }: { id: string; label: string; value: number }) {
  return (
    <span className="step-value">
      {label} ={' '}
      <output data-testid={id} data-value={String(value)}>
        {formatNumber(value, 4)}
      </output>
    </span>
  );
}

function Numbers({ name, last, param }: { name: RacerName; last: StepDetail; param: Param }) {
  return (
    <>
      <Value id={`step-${name}-g`} label="g" value={last.gradient[param]} />
      {RULES[name].numbers.map(({ slot, label }) =>
        slot && last.slots[slot] ? <Value key={slot} id={`step-${name}-${slot}`} label={label} value={last.slots[slot][param]} /> : null,
      )}
    </>
  );
}

/**
 * The last update of every racer for one parameter: its rule, the numbers the engine's
 * optimizer holds after it (velocity, mean square, m̂ and v̂, read from the optimizer itself)
 * and the step Δ it actually took, measured on the parameter.
 */
export function StepPanel({ racers, rates, initial }: { racers: RacerTrack[]; rates: Record<RacerName, number>; initial: Param }) {
  const [param, setParam] = useState<Param>(initial);
  const t = racers.find((r) => r.last)?.last?.iteration ?? 0;
  return (
    <section className="step-panel widget-wide" data-testid="step-panel" aria-label="El último paso de cada optimizador">
      <div className="step-panel-head">
        <h3>El último paso de cada optimizador {t > 0 ? `(t = ${t})` : ''}</h3>
        <div className="preset-group" role="group" aria-label="Parámetro">
          {PARAM_NAMES.map((p, i) => (
            <button key={p} type="button" aria-pressed={param === i} data-testid={`step-param-${p}`} onClick={() => setParam(i as Param)}>
              {p}
            </button>
          ))}
        </div>
      </div>
      {t === 0 ? (
        <p className="hint">Pulsa «Un paso» o «Entrenar»: aquí saldrán los números del último paso para {PARAM_NAMES[param]}.</p>
      ) : null}
      <table className="step-table">
        <thead>
          <tr>
            <th scope="col">Optimizador</th>
            <th scope="col" className="step-rule">
              Regla de Keras para {PARAM_NAMES[param]}
            </th>
            <th scope="col">Números de este paso</th>
            <th scope="col">Paso aplicado Δ{PARAM_NAMES[param]}</th>
          </tr>
        </thead>
        <tbody>
          {racers.map((r) => (
            <tr key={r.name} data-testid={`step-${r.name}`}>
              <th scope="row">
                {RACERS[r.name].label} <span className="step-rate">η = {formatNumber(rates[r.name])}</span>
              </th>
              <td className="step-rule">{RULES[r.name].rule}</td>
              <td>{r.last ? <Numbers name={r.name} last={r.last} param={param} /> : r.diverged ? 'divergió' : '—'}</td>
              <td>{r.last ? <Value id={`step-${r.name}-delta`} label={`Δ${PARAM_NAMES[param]}`} value={r.last.step[param]} /> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        g es ∂L/∂{PARAM_NAMES[param]} en el punto de antes del paso. Los números salen del estado del optimizador del motor, no de la
        fórmula. Adam, como Keras, suma ε antes de corregir el sesgo: ε̂ = ε / √(1 − 0,999ᵗ), con ε = 10⁻⁷. En el primer paso m̂ = g y v̂ = g²:
        el paso de Adam mide η sea cual sea la pendiente.
      </p>
    </section>
  );
}
