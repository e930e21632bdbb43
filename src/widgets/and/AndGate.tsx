import { useMemo } from 'react';
import type { BackendPreference, EpochRecord, RunSpec } from '../../engine';
import { formatNumber } from '../../ui/format';
import { LossChart } from '../../ui/LossChart';
import { Readout } from '../../ui/Readout';
import { useThrottled } from '../../ui/useThrottled';
import { EngineMessages, EngineReadouts } from '../EngineReadouts';
import { FieldControl } from '../FieldControl';
import { NotebookPrints, type PrintColumn } from '../NotebookPrints';
import { PredictionTable } from '../PredictionTable';
import { StepTraceView } from '../StepTraceView';
import { TrainingControls } from '../TrainingControls';
import { AUTOPLAY_FIELD, BACKEND_FIELD, useUrlState, type Fields } from '../urlState';
import { useTrainer } from '../useTrainer';
import { AND_NOTEBOOK, AND_X, AND_Y, andSpec } from './exercise';
import { UrlNotices } from '../UrlNotices';

const FIELDS = {
  w0: { kind: 'vector', label: 'Pesos iniciales', default: [...AND_NOTEBOOK.w0], length: 2, labels: ['w₁ inicial', 'w₂ inicial'] },
  b0: { kind: 'number', label: 'b inicial', default: AND_NOTEBOOK.b0 },
  lr: { kind: 'number', label: 'Tasa de aprendizaje η', default: AND_NOTEBOOK.lr, min: 0, exclusiveMin: true, max: 1e12 },
  epochs: { kind: 'number', label: 'Épocas', default: AND_NOTEBOOK.epochs, integer: true, min: 1, max: 1_000_000 },
  backend: BACKEND_FIELD,
  autoplay: AUTOPLAY_FIELD,
} satisfies Fields;

const CHART_INTERVAL_MS = 250;

const LOSS_SERIES = [{ key: 'loss', label: 'pérdida', color: 'var(--accent)' }];
const PARAM_SERIES = [
  { key: 'w1', label: 'w₁', color: 'var(--series-1)' },
  { key: 'w2', label: 'w₂', color: 'var(--series-2)' },
  { key: 'b', label: 'b', color: 'var(--series-3)' },
];

const PRINT_COLUMNS: PrintColumn[] = [
  { label: 'Pérdida', value: (r) => formatNumber(r.logs.loss, 4) },
  { label: 'w₁', value: (r) => formatNumber(r.params![0][0], 7) },
  { label: 'w₂', value: (r) => formatNumber(r.params![0][1], 7) },
  { label: 'b', value: (r) => formatNumber(r.params![1][0], 7) },
];

function summary(history: EpochRecord[]): string {
  const last = history[history.length - 1];
  if (!last) return 'Todavía no hay épocas.';
  const [w, b] = last.params!;
  return `Pérdida de ${formatNumber(history[0].logs.loss)} a ${formatNumber(last.logs.loss)} en ${last.epoch} épocas; w₁ = ${formatNumber(w[0])}, w₂ = ${formatNumber(w[1])}, b = ${formatNumber(b[0])}.`;
}

/** Exercise B: a sigmoid neuron learns the AND gate with binary cross-entropy. */
export function AndGate() {
  const { values, notices, set } = useUrlState(FIELDS);
  const spec: RunSpec = useMemo(
    () => andSpec({ w0: values.w0, b0: values.b0, lr: values.lr, epochs: values.epochs, backend: values.backend }),
    [values.w0, values.b0, values.lr, values.epochs, values.backend],
  );
  const [view, controls] = useTrainer(spec, values.autoplay);
  const last = view.history[view.history.length - 1];
  const logs = last?.logs ?? view.initialLogs;
  const busy = view.status === 'training';

  const chartHistory = useThrottled(view.history, CHART_INTERVAL_MS);
  const lossRows = useMemo(() => chartHistory.map((r) => ({ epoch: r.epoch, loss: r.logs.loss })), [chartHistory]);
  const paramRows = useMemo(
    () => chartHistory.map((r) => ({ epoch: r.epoch, w1: r.params![0][0], w2: r.params![0][1], b: r.params![1][0] })),
    [chartHistory],
  );
  const text = summary(chartHistory);

  return (
    <section className="widget" data-testid="widget-and" aria-label="Una neurona aprende la puerta AND">
      <UrlNotices notices={notices} />
      <div className="widget-controls">
        <FieldControl field={FIELDS.w0} value={values.w0} disabled={busy} onCommit={(v) => set({ w0: v })} testId="input-w0" />
        <FieldControl field={FIELDS.b0} value={values.b0} disabled={busy} onCommit={(v) => set({ b0: v })} testId="input-b0" />
        <FieldControl field={FIELDS.lr} value={values.lr} disabled={busy} onCommit={(v) => set({ lr: v })} testId="input-lr" />
        <FieldControl field={FIELDS.epochs} value={values.epochs} disabled={busy} onCommit={(v) => set({ epochs: v })} testId="input-epochs" />
        <FieldControl field={FIELDS.backend} value={values.backend} disabled={busy} onCommit={(v) => set({ backend: v as BackendPreference })} testId="input-backend" />
        <TrainingControls view={view} controls={controls} traced />
      </div>

      <div className="readout-row">
        <EngineReadouts view={view} />
        <Readout testId="loss" label="Pérdida (entropía cruzada binaria)" value={logs?.loss ?? null} format="number" digits={4} />
        <Readout testId="accuracy" label="Exactitud" value={logs?.accuracy ?? null} format="percent" digits={0} />
        <Readout testId="param-w" label="w" value={view.params?.[0] ?? null} digits={7} />
        <Readout testId="param-b" label="b" value={view.params?.[1] ?? null} digits={7} />
      </div>
      <EngineMessages view={view} />

      <div className="widget-charts">
        <LossChart rows={lossRows} series={LOSS_SERIES} summary={text} />
        <LossChart rows={paramRows} series={PARAM_SERIES} logScale={false} summary={`Evolución de los pesos. ${text}`} />
      </div>

      <div className="widget-tables">
        <PredictionTable x={AND_X} y={AND_Y} probabilities={view.predictions} />
        <NotebookPrints history={view.history} epochs={values.epochs} columns={PRINT_COLUMNS} />
      </div>

      {view.trace ? <StepTraceView trace={view.trace} lossName="entropía cruzada binaria" /> : (
        <p className="hint">Pulsa «Un paso» para ver una actualización completa, número a número.</p>
      )}
    </section>
  );
}
