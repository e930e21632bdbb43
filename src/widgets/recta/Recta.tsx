import { memo, useMemo, useRef } from 'react';
import type { EpochRecord, RunSpec } from '../../engine/protocol';
import { formatNumber } from '../../ui/format';
import { LossChart } from '../../ui/LossChart';
import { ChartExport } from '../../takeaway/ChartExport';
import { linePath } from '../../ui/chart/axes';
import { Plot, type LegendEntry } from '../../ui/chart/Plot';
import { Slider } from '../../ui/controls';
import { useThrottled } from '../../ui/useThrottled';
import { TrainingReadouts } from '../EngineReadouts';
import { SettingsFields } from '../FieldControl';
import { TrainingControls } from '../TrainingControls';
import { useSettings } from '../urlState';
import { useTrainer } from '../useTrainer';
import { NotebookPrints, type PrintColumn } from '../NotebookPrints';
import { RECTA_X, RECTA_Y, rectaSpec } from './exercise';
import { LineReadouts } from './LineReadouts';
import { RECTA_FIELDS as FIELDS } from './settings';
import { UrlNotices } from '../UrlNotices';
import { notebookEpoch } from '../notebookEpoch';
import { Hero, MoreOptions } from '../LabParts';

const LOSS_SERIES = [{ key: 'loss', label: 'pérdida', color: 'var(--accent)' }];

const PRINT_COLUMNS: PrintColumn[] = [
  { label: 'Pérdida', value: (r) => formatNumber(r.logs.loss, 4) },
  { label: 'w', value: (r) => formatNumber(r.params![0][0], 7) },
  { label: 'b', value: (r) => formatNumber(r.params![1][0], 7) },
];

/** The starting w and b as sliders, each with its own range around the goal w = 2, b = 1. */
const SLIDERS = [
  { name: 'w0', label: 'w', min: -1, max: 5 },
  { name: 'b0', label: 'b', min: -3, max: 5 },
] as const;

const POINTS = RECTA_X.map((x, i) => ({ x, y: RECTA_Y[i] }));

function lossSummary(history: EpochRecord[]): string {
  const last = history[history.length - 1];
  if (!last) return 'Pérdida por época: todavía no hay épocas.';
  return `Pérdida por época: de ${formatNumber(history[0].logs.loss)} en la época 0 a ${formatNumber(last.logs.loss)} en la época ${notebookEpoch(last)}.`;
}

const FIT_TITLE = 'Los datos y la recta aprendida';
const FIT_LEGEND: LegendEntry[] = [
  { label: 'datos', color: 'var(--fg)', dot: true },
  { label: 'ŷ = w·x + b', color: 'var(--accent)' },
];

/** The four points and the line the neuron has learnt so far. */
const FitChart = memo(function FitChart({ w, b }: { w: number | null; b: number | null }) {
  const figure = useRef<HTMLElement>(null);
  return (
    <figure className="chart" aria-label="Los cuatro puntos y la recta que ha aprendido la neurona" ref={figure}>
      <div className="chart-head">
        <h3 className="chart-title">{FIT_TITLE}</h3>
        <ChartExport figure={figure} title={FIT_TITLE} />
      </div>
      <Plot
        height={212}
        x={{ values: [], domain: [0, 5], ticks: [0, 1, 2, 3, 4, 5], title: 'x', format: (v) => formatNumber(v, 0) }}
        y={{ values: [], domain: [0, 12], ticks: [0, 3, 6, 9, 12], title: 'y', format: (v) => formatNumber(v, 0) }}
        legend={FIT_LEGEND}
        legendAt="top"
      >
        {(frame) => (
          <>
            {w !== null && b !== null ? (
              <path
                className="chart-line"
                d={linePath(
                  [0, 5].map((x) => [x, w * x + b] as const),
                  frame.x,
                  frame.y,
                )}
                stroke="var(--accent)"
                strokeWidth={3}
              />
            ) : null}
            {POINTS.map((p) => (
              <circle key={p.x} className="chart-dot" cx={frame.x(p.x)} cy={frame.y(p.y)} r={4} fill="var(--fg)" />
            ))}
          </>
        )}
      </Plot>
      <figcaption>
        {w !== null && b !== null ? `ŷ = ${formatNumber(w)}·x + ${formatNumber(b)} (la meta es y = 2x + 1)` : 'Sin parámetros todavía'}
      </figcaption>
    </figure>
  );
});

/** Exercise A: one neuron ŷ = w·x + b learns y = 2x + 1 from four points by gradient descent. */
export function Recta() {
  const settings = useSettings(FIELDS);
  const { values, notices, set } = settings;
  const spec: RunSpec = useMemo(() => rectaSpec(values), [values]);
  const [view, controls] = useTrainer(spec, settings.autoplay);
  const busy = view.status === 'training';

  const chartHistory = useThrottled(view.history);
  const lossRows = useMemo(() => chartHistory.map((r) => ({ epoch: notebookEpoch(r), loss: r.logs.loss })), [chartHistory]);
  const chartParams = useThrottled(view.params);

  return (
    <section className="widget" data-testid="widget-recta" aria-label="Una neurona aprende y = 2x + 1">
      <UrlNotices notices={notices} />
      <div className="widget-controls recta-sliders" role="group" aria-label="Mueve w y b antes de entrenar y mira la pérdida">
        {SLIDERS.map(({ name, label, min, max }) => (
          <Slider
            key={name}
            label={label}
            value={values[name]}
            min={min}
            max={max}
            step={0.01}
            valueText={formatNumber(values[name], 4)}
            disabled={busy}
            onChange={(v) => set({ [name]: v })}
            testId={`slider-${name}`}
          />
        ))}
      </div>
      <div className="widget-controls">
        <SettingsFields settings={settings} fields={FIELDS} names={['lr', 'epochs']} disabled={busy} />
        <TrainingControls view={view} controls={controls} settings={settings} />
      </div>

      <Hero className="widget-charts" label="La recta y la pérdida">
        <FitChart w={chartParams?.[0][0] ?? null} b={chartParams?.[1][0] ?? null} />
        <LossChart rows={lossRows} series={LOSS_SERIES} summary={lossSummary(chartHistory)} />
      </Hero>

      <TrainingReadouts view={view}>
        <LineReadouts view={view} />
      </TrainingReadouts>

      <MoreOptions>
        <SettingsFields settings={settings} fields={FIELDS} names={['w0', 'b0', 'backend']} disabled={busy} />
      </MoreOptions>

      <NotebookPrints history={view.history} epochs={values.epochs} columns={PRINT_COLUMNS} />
    </section>
  );
}
