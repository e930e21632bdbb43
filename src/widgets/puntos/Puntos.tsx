import { useCallback, useMemo } from 'react';
import type { Activation, BackendPreference, EpochRecord, RunSpec } from '../../engine';
import { formatNumber } from '../../ui/format';
import { LossChart } from '../../ui/LossChart';
import { Readout } from '../../ui/Readout';
import { useThrottled } from '../../ui/useThrottled';
import { binaryClassifierSpec } from '../binaryClassifier';
import { EngineMessages, EngineReadouts } from '../EngineReadouts';
import { FieldControl } from '../FieldControl';
import { NotebookPrints, type PrintColumn } from '../NotebookPrints';
import { PredictionTable } from '../PredictionTable';
import { StepTraceView } from '../StepTraceView';
import { TrainingControls } from '../TrainingControls';
import { AUTOPLAY_FIELD, BACKEND_FIELD, SEED_FIELD, useUrlState, type ChoiceField, type Fields } from '../urlState';
import { useTrainer } from '../useTrainer';
import { DATASETS, MAX_POINTS, parsePoints, planeGrid, serializePoints, type DatasetName, type Point } from './datasets';
import { PUNTOS_NOTEBOOK } from './exercise';
import { Plane } from './Plane';
import { UrlNotices } from '../UrlNotices';

/** Cells per side of the probability map: 1600 predictions per update, cheap on any backend. */
const GRID_SIZE = 40;
const CHART_INTERVAL_MS = 250;

const DATASET_FIELD: ChoiceField<DatasetName> = {
  kind: 'choice',
  label: 'Datos',
  default: 'ejercicio',
  options: Object.keys(DATASETS) as DatasetName[],
  optionLabels: Object.fromEntries(Object.entries(DATASETS).map(([k, d]) => [k, d.label])) as Record<DatasetName, string>,
};
const ACTIVATION_FIELD: ChoiceField<Extract<Activation, 'relu' | 'tanh' | 'sigmoid'>> = {
  kind: 'choice',
  label: 'Activación oculta',
  default: 'tanh',
  options: ['relu', 'tanh', 'sigmoid'],
  optionLabels: { relu: 'ReLU', tanh: 'tanh', sigmoid: 'sigmoide' },
};
const CLASS_FIELD: ChoiceField<'0' | '1'> = {
  kind: 'choice',
  label: 'Un clic añade',
  default: '1',
  options: ['0', '1'],
  optionLabels: { '0': 'clase 0 (círculo)', '1': 'clase 1 (cuadrado)' },
};

const FIELDS = {
  datos: DATASET_FIELD,
  ruido: { kind: 'number', label: 'Ruido', default: 0.2, min: 0, max: 1 },
  puntos: {
    kind: 'text',
    label: 'Los puntos',
    default: '',
    check: (raw: string) => (parsePoints(raw) ? null : `deben ser hasta ${MAX_POINTS} ternas «x,y,clase» separadas por «;», con clase 0 o 1`),
  },
  capas: { kind: 'number', label: 'Capas ocultas', default: 0, integer: true, min: 0, max: 4 },
  neuronas: { kind: 'number', label: 'Neuronas por capa', default: 4, integer: true, min: 1, max: 16 },
  activacion: ACTIVATION_FIELD,
  w0: { kind: 'vector', label: 'Pesos iniciales', default: [...PUNTOS_NOTEBOOK.w0], length: 2, labels: ['w₁ inicial', 'w₂ inicial'] },
  b0: { kind: 'number', label: 'b inicial', default: PUNTOS_NOTEBOOK.b0 },
  lr: { kind: 'number', label: 'Tasa de aprendizaje η', default: PUNTOS_NOTEBOOK.lr, min: 0, exclusiveMin: true, max: 1e12 },
  epochs: { kind: 'number', label: 'Épocas', default: PUNTOS_NOTEBOOK.epochs, integer: true, min: 1, max: 1_000_000 },
  seed: SEED_FIELD,
  clase: CLASS_FIELD,
  backend: BACKEND_FIELD,
  autoplay: AUTOPLAY_FIELD,
} satisfies Fields;


const LOSS_SERIES = [{ key: 'loss', label: 'pérdida', color: 'var(--accent)' }];
const PARAM_SERIES = [
  { key: 'w1', label: 'w₁', color: 'var(--series-1)' },
  { key: 'w2', label: 'w₂', color: 'var(--series-2)' },
  { key: 'b', label: 'b', color: 'var(--series-3)' },
];
const NEURON_COLUMNS: PrintColumn[] = [
  { label: 'Pérdida', value: (r) => formatNumber(r.logs.loss, 4) },
  { label: 'w₁', value: (r) => formatNumber(r.params![0][0], 7) },
  { label: 'w₂', value: (r) => formatNumber(r.params![0][1], 7) },
  { label: 'b', value: (r) => formatNumber(r.params![1][0], 7) },
];
const NETWORK_COLUMNS: PrintColumn[] = [
  { label: 'Pérdida', value: (r) => formatNumber(r.logs.loss, 4) },
  { label: 'Exactitud', value: (r) => `${formatNumber(r.logs.accuracy * 100, 1)} %` },
];

function planeSummary(points: readonly Point[], accuracy: number | null, single: boolean): string {
  const ones = points.filter((p) => p.c === 1).length;
  const what = `${points.length} puntos: ${points.length - ones} de la clase 0 y ${ones} de la clase 1.`;
  const model = single ? 'Una neurona: su frontera es una recta.' : 'Red con capas ocultas: la frontera puede curvarse.';
  const hits = accuracy === null ? '' : ` Acierta el ${formatNumber(accuracy * 100, 1)} %.`;
  return `${what} ${model}${hits}`;
}

function lossSummary(history: EpochRecord[]): string {
  const last = history[history.length - 1];
  if (!last) return 'Todavía no hay épocas.';
  return `Pérdida de ${formatNumber(history[0].logs.loss)} a ${formatNumber(last.logs.loss)} en ${last.epoch} épocas.`;
}

/**
 * Exercise C and beyond: a binary classifier on points of the plane. One neuron draws one
 * line; hidden layers let the boundary bend, as in TensorFlow Playground.
 */
export function Puntos() {
  const { values, notices, set } = useUrlState(FIELDS);
  const dataset = DATASETS[values.datos];
  const points = useMemo(
    () => (values.puntos ? parsePoints(values.puntos)! : dataset.points(values.seed, values.ruido)),
    [values.puntos, dataset, values.seed, values.ruido],
  );
  const single = values.capas === 0;
  const grid = useMemo(() => planeGrid(dataset.domain, GRID_SIZE), [dataset]);
  const spec: RunSpec | null = useMemo(() => {
    if (points.length === 0) return null;
    const x = points.map((p) => [p.x, p.y]);
    return binaryClassifierSpec({
      x,
      y: points.map((p) => p.c),
      w0: values.w0,
      b0: values.b0,
      hidden: Array.from({ length: values.capas }, () => ({ units: values.neuronas, activation: values.activacion })),
      lr: values.lr,
      epochs: values.epochs,
      backend: values.backend,
      seed: values.seed,
      watchInputs: [...x, ...grid],
    });
  }, [points, grid, values.w0, values.b0, values.capas, values.neuronas, values.activacion, values.lr, values.epochs, values.backend, values.seed]);
  const [view, controls] = useTrainer(spec, values.autoplay);
  const busy = view.status === 'training';
  const last = view.history[view.history.length - 1];
  const logs = last?.logs ?? view.initialLogs;

  const chartHistory = useThrottled(view.history, CHART_INTERVAL_MS);
  const predictions = useThrottled(view.predictions, CHART_INTERVAL_MS);
  const params = useThrottled(view.params, CHART_INTERVAL_MS);
  const lossRows = useMemo(() => chartHistory.map((r) => ({ epoch: r.epoch, loss: r.logs.loss })), [chartHistory]);
  const paramRows = useMemo(
    () => (single ? chartHistory.map((r) => ({ epoch: r.epoch, w1: r.params![0][0], w2: r.params![0][1], b: r.params![1][0] })) : []),
    [chartHistory, single],
  );
  const line = single && params ? { w: [params[0][0], params[0][1]] as [number, number], b: params[1][0] } : null;

  const editPoints = useCallback((next: Point[]) => set({ puntos: serializePoints(next) }), [set]);
  const onAdd = useCallback((p: Point) => editPoints([...points, p]), [editPoints, points]);
  const onRemove = useCallback((i: number) => editPoints(points.filter((_, j) => j !== i)), [editPoints, points]);

  return (
    <section className="widget" data-testid="widget-puntos" aria-label="Clasificar puntos en el plano">
      <UrlNotices notices={notices} />
      <div className="widget-controls">
        <FieldControl field={FIELDS.datos} value={values.datos} disabled={busy}
          onCommit={(v) => set({ datos: v as DatasetName, puntos: '' })} testId="input-datos" />
        {values.datos !== 'ejercicio' && !values.puntos ? (
          <FieldControl field={FIELDS.ruido} value={values.ruido} disabled={busy} onCommit={(v) => set({ ruido: v })} testId="input-ruido" />
        ) : null}
        <FieldControl field={FIELDS.capas} value={values.capas} disabled={busy} onCommit={(v) => set({ capas: v })} testId="input-capas" />
        {single ? (
          <>
            <FieldControl field={FIELDS.w0} value={values.w0} disabled={busy} onCommit={(v) => set({ w0: v })} testId="input-w0" />
            <FieldControl field={FIELDS.b0} value={values.b0} disabled={busy} onCommit={(v) => set({ b0: v })} testId="input-b0" />
          </>
        ) : (
          <>
            <FieldControl field={FIELDS.neuronas} value={values.neuronas} disabled={busy} onCommit={(v) => set({ neuronas: v })} testId="input-neuronas" />
            <FieldControl field={FIELDS.activacion} value={values.activacion} disabled={busy}
              onCommit={(v) => set({ activacion: v as typeof values.activacion })} testId="input-activacion" />
          </>
        )}
        <FieldControl field={FIELDS.lr} value={values.lr} disabled={busy} onCommit={(v) => set({ lr: v })} testId="input-lr" />
        <FieldControl field={FIELDS.epochs} value={values.epochs} disabled={busy} onCommit={(v) => set({ epochs: v })} testId="input-epochs" />
        <FieldControl field={FIELDS.seed} value={values.seed} disabled={busy} onCommit={(v) => set({ seed: v })} testId="input-seed" />
        <FieldControl field={FIELDS.backend} value={values.backend} disabled={busy} onCommit={(v) => set({ backend: v as BackendPreference })} testId="input-backend" />
        <TrainingControls view={view} controls={controls} traced />
      </div>
      {points.length === 0 ? (
        <p className="message message-error" role="alert">
          No queda ningún punto: añade alguno con un clic en el plano o restaura los datos.
        </p>
      ) : null}
      <p className="hint">
        {dataset.label}
        {values.puntos ? ' (editados)' : ''}.{' '}
        {single
          ? 'Una sola neurona: w₁x + w₂y + b = 0 es su frontera, siempre una recta.'
          : `${values.capas} ${values.capas === 1 ? 'capa oculta' : 'capas ocultas'} de ${values.neuronas} neuronas ${ACTIVATION_FIELD.optionLabels![values.activacion]}; los pesos iniciales salen de la semilla (Glorot uniforme).`}
      </p>

      <div className="readout-row">
        <EngineReadouts view={view} />
        <Readout testId="loss" label="Pérdida (entropía cruzada binaria)" value={logs?.loss ?? null} format="number" digits={4} />
        <Readout testId="accuracy" label="Exactitud" value={logs?.accuracy ?? null} format="percent" digits={1} />
        {single ? (
          <>
            <Readout testId="param-w" label="w" value={view.params?.[0] ?? null} digits={7} />
            <Readout testId="param-b" label="b" value={view.params?.[1] ?? null} digits={7} />
          </>
        ) : null}
        <Readout testId="param-count" label="Parámetros" value={view.info?.paramCount ?? null} format="integer" />
      </div>
      <EngineMessages view={view} />

      <div className="puntos-layout">
        <div>
          <Plane
            domain={dataset.domain}
            points={points}
            grid={predictions ? predictions.slice(points.length) : null}
            gridSize={GRID_SIZE}
            line={line}
            editable={!busy}
            addClass={values.clase === '1' ? 1 : 0}
            onAdd={onAdd}
            onRemove={onRemove}
            summary={planeSummary(points, logs?.accuracy ?? null, single)}
          />
          <div className="widget-controls">
            <FieldControl field={FIELDS.clase} value={values.clase}
              onCommit={(v) => set({ clase: v as '0' | '1' })} testId="input-clase" />
            <span className="hint">Un clic sobre un punto lo quita.</span>
            {values.puntos ? (
              <button type="button" data-testid="restore-points" disabled={busy} onClick={() => set({ puntos: '' })}>
                Restaurar los puntos
              </button>
            ) : null}
          </div>
        </div>
        <div className="widget-charts puntos-charts">
          <LossChart rows={lossRows} series={LOSS_SERIES} summary={lossSummary(chartHistory)} />
          {single ? <LossChart rows={paramRows} series={PARAM_SERIES} logScale={false} summary={`Evolución de w₁, w₂ y b. ${lossSummary(chartHistory)}`} /> : null}
        </div>
      </div>

      <div className="widget-tables">
        <PredictionTable x={points.map((p) => [p.x, p.y])} y={points.map((p) => p.c)} probabilities={view.predictions?.slice(0, points.length) ?? null} />
        <NotebookPrints history={view.history} epochs={values.epochs} columns={single ? NEURON_COLUMNS : NETWORK_COLUMNS} />
      </div>

      {view.trace ? (
        <StepTraceView trace={view.trace} lossName="entropía cruzada binaria" />
      ) : (
        <p className="hint">Pulsa «Un paso» para ver una actualización completa, número a número.</p>
      )}
    </section>
  );
}
