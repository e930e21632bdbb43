import { useMemo } from 'react';
import type { EpochRecord, RunSpec } from '../../engine/protocol';
import { formatNumber } from '../../ui/format';
import { LossChart } from '../../ui/LossChart';
import { Readout } from '../../ui/Readout';
import { useThrottled } from '../../ui/useThrottled';
import { MetricReadouts, TrainingReadouts } from '../EngineReadouts';
import { SettingsFields } from '../FieldControl';
import { NotebookPrints, type PrintColumn } from '../NotebookPrints';
import { PredictionTable } from '../PredictionTable';
import { StepTracePanel } from '../StepTraceView';
import { TrainingControls } from '../TrainingControls';
import { useSettings } from '../urlState';
import { useTrainer } from '../useTrainer';
import { Hero, MoreOptions } from '../LabParts';
import { Plane } from '../puntos/Plane';
import './and.css';
import { AND_DOMAIN, AND_GRID_SIZE, AND_X, AND_Y, andSpec } from './exercise';
import { AND_FIELDS as FIELDS } from './settings';
import { UrlNotices } from '../UrlNotices';
import { notebookEpoch } from '../notebookEpoch';

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

const AND_POINTS = AND_X.map(([x, y], i) => ({ x, y, c: AND_Y[i] }));
const ignore = () => undefined;

function planeSummary(predictions: number[] | null): string {
  const hits = predictions ? predictions.filter((p, i) => (p > 0.5 ? 1 : 0) === AND_Y[i]).length : null;
  const said = hits === null ? '' : ` Ahora acierta ${hits} de 4.`;
  return `Solo (1, 1) es de la clase 1 (cuadrado). La frontera es la recta w₁x₁ + w₂x₂ + b = 0; el color, la clase que elige la neurona.${said}`;
}

/** Exercise B: a sigmoid neuron learns the AND gate with binary cross-entropy. */
export function AndGate() {
  const settings = useSettings(FIELDS);
  const { values, notices } = settings;
  const spec: RunSpec = useMemo(() => andSpec(values), [values]);
  const [view, controls] = useTrainer(spec, settings.autoplay);
  const last = view.history[view.history.length - 1];
  const busy = view.status === 'training';

  const chartHistory = useThrottled(view.history);
  const params = useThrottled(view.params);
  const map = useThrottled(view.activations)?.at(-1) ?? null;
  const line = params ? { w: [params[0][0], params[0][1]] as [number, number], b: params[1][0] } : null;
  const lossRows = useMemo(() => chartHistory.map((r) => ({ epoch: notebookEpoch(r), loss: r.logs.loss })), [chartHistory]);
  const paramRows = useMemo(
    () => chartHistory.map((r) => ({ epoch: notebookEpoch(r), w1: r.params![0][0], w2: r.params![0][1], b: r.params![1][0] })),
    [chartHistory],
  );
  const text = summary(chartHistory);

  return (
    <section className="widget" data-testid="widget-and" aria-label="Una neurona aprende la puerta AND">
      <UrlNotices notices={notices} />
      <div className="widget-controls">
        <SettingsFields settings={settings} fields={FIELDS} names={['lr', 'epochs']} disabled={busy} />
        <TrainingControls view={view} controls={controls} settings={settings} traced />
      </div>

      <Hero className="and-hero" label="Las cuatro entradas y la frontera de la neurona">
        <Plane
          domain={AND_DOMAIN}
          points={AND_POINTS}
          grid={map}
          gridSize={AND_GRID_SIZE}
          classes={2}
          curve={null}
          line={line}
          editable={false}
          addClass={1}
          onAdd={ignore}
          onRemove={ignore}
          summary={planeSummary(view.predictions)}
          caption
        />
      </Hero>

      <TrainingReadouts view={view}>
        <MetricReadouts logs={last?.logs ?? view.initialLogs} lossLabel="Pérdida (entropía cruzada binaria)" accuracyDigits={0} />
        <Readout testId="param-w" label="w" value={view.params?.[0] ?? null} digits={7} />
        <Readout testId="param-b" label="b" value={view.params?.[1] ?? null} digits={7} />
      </TrainingReadouts>

      <MoreOptions>
        <SettingsFields settings={settings} fields={FIELDS} names={['w0', 'b0', 'backend']} disabled={busy} />
      </MoreOptions>

      <div className="widget-charts widget-wide">
        <LossChart rows={lossRows} series={LOSS_SERIES} summary={text} />
        <LossChart rows={paramRows} series={PARAM_SERIES} logScale={false} summary={`Evolución de los pesos. ${text}`} />
      </div>

      <div className="widget-tables">
        <PredictionTable x={AND_X} y={AND_Y} probabilities={view.predictions} />
        <NotebookPrints history={view.history} epochs={values.epochs} columns={PRINT_COLUMNS} />
      </div>

      <StepTracePanel trace={view.trace} lossName="entropía cruzada binaria" />
    </section>
  );
}
