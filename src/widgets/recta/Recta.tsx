import { memo, useMemo } from 'react';
import { CartesianGrid, ComposedChart, Line, ResponsiveContainer, Scatter, XAxis, YAxis } from 'recharts';
import type { BackendPreference, EpochRecord, RunSpec } from '../../engine';
import { formatNumber } from '../../ui/format';
import { LossChart } from '../../ui/LossChart';
import { Slider } from '../../ui/controls';
import { Readout } from '../../ui/Readout';
import { useThrottled } from '../../ui/useThrottled';
import { EngineMessages, EngineReadouts } from '../EngineReadouts';
import { FieldControl } from '../FieldControl';
import { TrainingControls } from '../TrainingControls';
import { AUTOPLAY_FIELD, BACKEND_FIELD, useUrlState, type Fields } from '../urlState';
import { useTrainer } from '../useTrainer';
import { NotebookPrints, type PrintColumn } from '../NotebookPrints';
import { NOTEBOOK_RUN, RECTA_X, RECTA_Y, rectaSpec } from './exercise';
import { UrlNotices } from '../UrlNotices';

const FIELDS = {
  w0: { kind: 'number', label: 'w inicial', default: NOTEBOOK_RUN.w0 },
  b0: { kind: 'number', label: 'b inicial', default: NOTEBOOK_RUN.b0 },
  lr: { kind: 'number', label: 'Tasa de aprendizaje η', default: NOTEBOOK_RUN.lr, min: 0, exclusiveMin: true, max: 1e12 },
  epochs: { kind: 'number', label: 'Épocas', default: NOTEBOOK_RUN.epochs, integer: true, min: 1, max: 100_000 },
  backend: BACKEND_FIELD,
  autoplay: AUTOPLAY_FIELD,
} satisfies Fields;

/** Charts follow the run four times a second; the readouts every frame. */
const CHART_INTERVAL_MS = 250;

const LOSS_SERIES = [{ key: 'loss', label: 'pérdida', color: 'var(--accent)' }];

const PRINT_COLUMNS: PrintColumn[] = [
  { label: 'Pérdida', value: (r) => formatNumber(r.logs.loss, 4) },
  { label: 'w', value: (r) => formatNumber(r.params![0][0], 7) },
  { label: 'b', value: (r) => formatNumber(r.params![1][0], 7) },
];

const POINTS = RECTA_X.map((x, i) => ({ x, y: RECTA_Y[i] }));

function lossSummary(history: EpochRecord[]): string {
  const last = history[history.length - 1];
  if (!last) return 'Pérdida por época: todavía no hay épocas.';
  return `Pérdida por época: de ${formatNumber(history[0].logs.loss)} en la época 1 a ${formatNumber(last.logs.loss)} en la época ${last.epoch}.`;
}

/** The four points and the line the neuron has learnt so far. */
const FitChart = memo(function FitChart({ w, b }: { w: number | null; b: number | null }) {
  const fitLine = w !== null && b !== null ? [0, 5].map((x) => ({ x, fit: w * x + b })) : [];
  return (
    <figure className="chart" aria-label="Los cuatro puntos y la recta que ha aprendido la neurona">
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis dataKey="x" type="number" domain={[0, 5]} ticks={[0, 1, 2, 3, 4, 5]} stroke="var(--muted)" />
          <YAxis type="number" domain={[0, 12]} allowDataOverflow stroke="var(--muted)" width={40} />
          <Scatter data={POINTS} dataKey="y" fill="var(--fg)" isAnimationActive={false} name="datos" />
          <Line data={fitLine} dataKey="fit" stroke="var(--accent)" strokeWidth={3} dot={false} isAnimationActive={false} name="ŷ = w·x + b" />
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption>
        {w !== null && b !== null ? `ŷ = ${formatNumber(w)}·x + ${formatNumber(b)} (la meta es y = 2x + 1)` : 'Sin parámetros todavía'}
      </figcaption>
    </figure>
  );
});

/** Exercise A: one neuron ŷ = w·x + b learns y = 2x + 1 from four points by gradient descent. */
export function Recta() {
  const { values, notices, set } = useUrlState(FIELDS);
  const spec: RunSpec = useMemo(
    () => rectaSpec({ w0: values.w0, b0: values.b0, lr: values.lr, epochs: values.epochs, backend: values.backend }),
    [values.w0, values.b0, values.lr, values.epochs, values.backend],
  );
  const [view, controls] = useTrainer(spec, values.autoplay);
  const last = view.history[view.history.length - 1];
  const w = view.params?.[0][0] ?? null;
  const b = view.params?.[1][0] ?? null;
  const busy = view.status === 'training';

  const chartHistory = useThrottled(view.history, CHART_INTERVAL_MS);
  const lossRows = useMemo(() => chartHistory.map((r) => ({ epoch: r.epoch, loss: r.logs.loss })), [chartHistory]);
  const chartParams = useThrottled(view.params, CHART_INTERVAL_MS);

  return (
    <section className="widget" data-testid="widget-recta" aria-label="Una neurona aprende y = 2x + 1">
      <UrlNotices notices={notices} />
      <div className="widget-controls recta-sliders" role="group" aria-label="Mueve w y b antes de entrenar y mira la pérdida">
        <Slider label="w" value={values.w0} min={-1} max={5} step={0.01} valueText={formatNumber(values.w0, 4)}
          disabled={busy} onChange={(v) => set({ w0: v })} testId="slider-w0" />
        <Slider label="b" value={values.b0} min={-3} max={5} step={0.01} valueText={formatNumber(values.b0, 4)}
          disabled={busy} onChange={(v) => set({ b0: v })} testId="slider-b0" />
      </div>
      <div className="widget-controls">
        <FieldControl field={FIELDS.w0} value={values.w0} disabled={busy} onCommit={(v) => set({ w0: v })} testId="input-w0" />
        <FieldControl field={FIELDS.b0} value={values.b0} disabled={busy} onCommit={(v) => set({ b0: v })} testId="input-b0" />
        <FieldControl field={FIELDS.lr} value={values.lr} disabled={busy} onCommit={(v) => set({ lr: v })} testId="input-lr" />
        <FieldControl field={FIELDS.epochs} value={values.epochs} disabled={busy} onCommit={(v) => set({ epochs: v })} testId="input-epochs" />
        <FieldControl field={FIELDS.backend} value={values.backend} disabled={busy} onCommit={(v) => set({ backend: v as BackendPreference })} testId="input-backend" />
        <TrainingControls view={view} controls={controls} />
      </div>

      <div className="readout-row">
        <EngineReadouts view={view} />
        <Readout testId="loss" label="Pérdida (MSE)" value={(last?.logs ?? view.initialLogs)?.loss ?? null} format="number" digits={4} />
        <Readout testId="param-w" label="w" value={w} format="number" digits={7} />
        <Readout testId="param-b" label="b" value={b} format="number" digits={7} />
      </div>
      <EngineMessages view={view} />

      <div className="widget-charts">
        <LossChart
          rows={lossRows}
          series={LOSS_SERIES}
          summary={lossSummary(chartHistory)}
        />
        <FitChart w={chartParams?.[0][0] ?? null} b={chartParams?.[1][0] ?? null} />
      </div>

      <NotebookPrints history={view.history} epochs={values.epochs} columns={PRINT_COLUMNS} />
    </section>
  );
}
