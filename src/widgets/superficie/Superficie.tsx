import { useMemo, type CSSProperties } from 'react';
import type { RacerName } from '../../engine/protocol';
import { formatNumber } from '../../ui/format';
import { Readout } from '../../ui/Readout';
import { TrainingReadouts } from '../EngineReadouts';
import { SettingsFields } from '../FieldControl';
import { Hero, MoreOptions } from '../LabParts';
import { TrainingControls } from '../TrainingControls';
import { UrlNotices } from '../UrlNotices';
import { RaceChart } from './RaceChart';
import { RACERS, racerLabel } from './racers';
import { surfacePreset, useSuperficieSettings } from './settings';
import { StepPanel } from './StepPanel';
import { gradient } from './surface';
import { SurfaceNotes, SurfacePlot, finalLoss } from './SurfacePlot';
import { raceSpec, SURFACES, type SurfaceName } from './surfaces';
import { useRace } from './useRace';
import { raceHistory } from './raceHistory';
import { usePublish } from '../../takeaway/LabRunContext';
import './superficie.css';

/**
 * Three learning rates for SGD on the notebook's line. The largest curvature of that surface
 * is about 16,7 (the Hessian of the MSE on x = 1…4), so steps diverge once η > 2/16,7 ≈ 0,12.
 */
const LR_PRESETS = [
  { id: 'lenta', label: 'Lenta', lr: 0.01, epochs: 200 },
  { id: 'buena', label: 'Buena', lr: 0.1, epochs: 51 },
  { id: 'diverge', label: 'Diverge', lr: 0.15, epochs: 300 },
] as const;

const SURFACE_BUTTONS: { id: SurfaceName; label: string }[] = [
  { id: 'recta', label: 'Recta del cuaderno' },
  { id: 'valle', label: 'Valle alargado' },
];

/**
 * Lessons 2 and 4: the loss of ŷ = w·x + b over the (w, b) plane with the paths of plain
 * gradient descent, Momentum, RMSprop and Adam racing from the same start, trained by the
 * engine's Keras optimizers; on the notebook's line or on a long, narrow valley.
 */
export function Superficie() {
  const { settings, fields, racers: names } = useSuperficieSettings();
  const { values, notices, set } = settings;
  const surface = SURFACES[values.superficie];
  const rates = useMemo(() => ({ ...surface.rates, sgd: values.lr }), [surface, values.lr]);
  const spec = useMemo(
    () =>
      names.length > 0
        ? raceSpec({ surface: values.superficie, racers: names, lr: values.lr, w0: values.w0, b0: values.b0, backend: values.backend })
        : null,
    [names, values.superficie, values.lr, values.w0, values.b0, values.backend],
  );
  const [view, race, controls] = useRace(spec, values.epochs, settings.autoplay, racerLabel);
  const busy = view.status === 'training';

  // The race is this lab's run: its losses and paths are the history the take-away panel downloads.
  const history = useMemo(() => raceHistory(race.racers), [race.racers]);
  usePublish(history, (store, h) => store.publishHistory(h));

  const lead = race.racers[0];
  const here = lead?.path.at(-1) ?? null;
  const toggle = (name: RacerName) => {
    const next = names.includes(name) ? names.filter((n) => n !== name) : [...names, name];
    set({ optimizadores: next.join(',') });
  };

  return (
    <section className="widget" data-testid="widget-superficie" aria-label="La superficie de pérdida y la carrera de optimizadores">
      <UrlNotices notices={notices} />
      <div className="widget-controls">
        <div className="preset-group" role="group" aria-label="Superficie">
          {SURFACE_BUTTONS.map((s) => (
            <button
              key={s.id}
              type="button"
              data-testid={`preset-${s.id}`}
              aria-pressed={values.superficie === s.id}
              disabled={busy}
              onClick={() => set(surfacePreset(s.id))}
            >
              {s.label}
            </button>
          ))}
        </div>
        <fieldset className="racer-picks" disabled={busy}>
          <legend>Optimizadores</legend>
          {(Object.keys(RACERS) as RacerName[]).map((name) => (
            <label key={name} style={{ '--racer': RACERS[name].color } as CSSProperties}>
              <input
                type="checkbox"
                data-testid={`pick-${name}`}
                checked={names.includes(name)}
                // One racer always stays: a race of none draws nothing.
                disabled={names.length === 1 && names[0] === name}
                onChange={() => toggle(name)}
              />
              {RACERS[name].label}
            </label>
          ))}
        </fieldset>
        {values.superficie === 'recta' ? (
          <div className="preset-group" role="group" aria-label="Tasas de aprendizaje de ejemplo para SGD">
            {LR_PRESETS.map((p) => (
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
        ) : null}
        <SettingsFields settings={settings} fields={fields} names={['lr', 'epochs']} disabled={busy} />
        <TrainingControls view={view} controls={controls} settings={settings} />
      </div>

      <Hero className="surface-hero" label="La superficie de pérdida con los caminos de los optimizadores">
        <div className="surface-race">
          <SurfacePlot
            name={values.superficie}
            racers={race.racers}
            startLoss={race.startLoss}
            onPick={busy ? null : (w0, b0) => set({ w0, b0 })}
          />
          <RaceChart racers={race.racers} startLoss={race.startLoss} rates={rates} />
        </div>
      </Hero>

      <TrainingReadouts view={view}>
        <Readout
          testId="loss"
          label={lead ? `Pérdida (MSE) de ${racerLabel(lead.name)}` : 'Pérdida (MSE)'}
          value={lead ? finalLoss(lead, race.startLoss) : null}
          format="number"
          digits={4}
        />
        <Readout testId="param-w" label="w" value={here?.[0] ?? null} format="number" digits={7} />
        <Readout testId="param-b" label="b" value={here?.[1] ?? null} format="number" digits={7} />
        <Readout testId="gradient" label="∇L = (∂L/∂w, ∂L/∂b)" value={here ? gradient(surface, here[0], here[1]) : null} digits={4} />
        <Readout testId="path-points" label="Puntos del camino" value={lead?.path.length ?? 0} format="integer" />
      </TrainingReadouts>
      <SurfaceNotes name={values.superficie} lead={lead} />

      <MoreOptions>
        <SettingsFields settings={settings} fields={fields} names={['w0', 'b0', 'backend']} disabled={busy} />
      </MoreOptions>

      <StepPanel key={values.superficie} racers={race.racers} rates={rates} initial={values.superficie === 'recta' ? 1 : 0} />
    </section>
  );
}
