import { useCallback, useMemo } from 'react';
import type { EpochRecord, RunSpec } from '../../engine/protocol';
import { formatNumber } from '../../ui/format';
import { LossChart } from '../../ui/LossChart';
import { Readout } from '../../ui/Readout';
import { useThrottled } from '../../ui/useThrottled';
import { predictionGroups } from '../binaryClassifier';
import { MetricReadouts, TrainingReadouts } from '../EngineReadouts';
import { FieldControl, SettingsFields } from '../FieldControl';
import { NotebookPrints, type PrintColumn } from '../NotebookPrints';
import { PredictionTable } from '../PredictionTable';
import { StepTracePanel } from '../StepTraceView';
import { TrainingControls } from '../TrainingControls';
import { useSettings } from '../urlState';
import { useTrainer } from '../useTrainer';
import { DATASETS, planeGrid, serializePoints, type Point } from './datasets';
import { Plane } from './Plane';
import { ACTIVATION_FIELD, PUNTOS_FIELDS as FIELDS, puntosSpec, settingsPoints } from './settings';
import { UrlNotices } from '../UrlNotices';
import './puntos.css';
import { notebookEpoch } from '../notebookEpoch';

/** Cells per side of the probability map: 1600 predictions per update, cheap on any backend. */
const GRID_SIZE = 40;

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
  const settings = useSettings(FIELDS);
  const { values, notices, set } = settings;
  const dataset = DATASETS[values.datos];
  const points = useMemo(() => settingsPoints(values), [values]);
  const single = values.capas === 0;
  const grid = useMemo(() => planeGrid(dataset.domain, GRID_SIZE), [dataset]);
  const spec: RunSpec | null = useMemo(() => puntosSpec(values, points, grid), [values, points, grid]);
  const [view, controls] = useTrainer(spec, settings.autoplay);
  const busy = view.status === 'training';
  const last = view.history[view.history.length - 1];
  const logs = last?.logs ?? view.initialLogs;

  const chartHistory = useThrottled(view.history);
  const chartPredictions = useThrottled(view.predictions);
  // The spec watches the points, then the grid's cells: one probability each.
  const watched = [points.length, grid.length];
  const [, gridProbabilities] = predictionGroups(chartPredictions, watched) ?? [];
  const [pointProbabilities] = predictionGroups(view.predictions, watched) ?? [];
  const params = useThrottled(view.params);
  const lossRows = useMemo(() => chartHistory.map((r) => ({ epoch: notebookEpoch(r), loss: r.logs.loss })), [chartHistory]);
  const paramRows = useMemo(
    () =>
      single ? chartHistory.map((r) => ({ epoch: notebookEpoch(r), w1: r.params![0][0], w2: r.params![0][1], b: r.params![1][0] })) : [],
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
        <FieldControl
          field={FIELDS.datos}
          value={values.datos}
          disabled={busy}
          onCommit={(datos) => set({ datos, puntos: '' })}
          testId="input-datos"
        />
        <SettingsFields
          settings={settings}
          fields={FIELDS}
          names={[
            ...(values.datos !== 'ejercicio' && !values.puntos ? (['ruido'] as const) : []),
            'capas',
            ...(single ? (['w0', 'b0'] as const) : (['neuronas', 'activacion'] as const)),
            'lr',
            'epochs',
            'seed',
            'backend',
          ]}
          disabled={busy}
        />
        <TrainingControls view={view} controls={controls} settings={settings} traced />
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

      <TrainingReadouts view={view}>
        <MetricReadouts logs={logs} lossLabel="Pérdida (entropía cruzada binaria)" accuracyDigits={1} />
        {single ? (
          <>
            <Readout testId="param-w" label="w" value={view.params?.[0] ?? null} digits={7} />
            <Readout testId="param-b" label="b" value={view.params?.[1] ?? null} digits={7} />
          </>
        ) : null}
        <Readout testId="param-count" label="Parámetros" value={view.info?.paramCount ?? null} format="integer" />
      </TrainingReadouts>

      <div className="puntos-layout">
        <div>
          <Plane
            domain={dataset.domain}
            points={points}
            grid={gridProbabilities ?? null}
            gridSize={GRID_SIZE}
            line={line}
            editable={!busy}
            addClass={values.clase === '1' ? 1 : 0}
            onAdd={onAdd}
            onRemove={onRemove}
            summary={planeSummary(points, logs?.accuracy ?? null, single)}
          />
          <div className="widget-controls">
            <SettingsFields settings={settings} fields={FIELDS} names={['clase']} />
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
          {single ? (
            <LossChart
              rows={paramRows}
              series={PARAM_SERIES}
              logScale={false}
              summary={`Evolución de w₁, w₂ y b. ${lossSummary(chartHistory)}`}
            />
          ) : null}
        </div>
      </div>

      <div className="widget-tables">
        <PredictionTable x={points.map((p) => [p.x, p.y])} y={points.map((p) => p.c)} probabilities={pointProbabilities ?? null} />
        <NotebookPrints history={view.history} epochs={values.epochs} columns={single ? NEURON_COLUMNS : NETWORK_COLUMNS} />
      </div>

      <StepTracePanel trace={view.trace} lossName="entropía cruzada binaria" />
    </section>
  );
}
