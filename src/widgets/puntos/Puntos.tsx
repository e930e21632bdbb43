import { useCallback, useMemo } from 'react';
import type { EpochRecord, RunSpec } from '../../engine/protocol';
import { formatNumber } from '../../ui/format';
import { LossChart } from '../../ui/LossChart';
import { Readout } from '../../ui/Readout';
import { useThrottled } from '../../ui/useThrottled';
import { MetricReadouts, TrainingReadouts } from '../EngineReadouts';
import { FieldControl, SettingsFields } from '../FieldControl';
import { Hero, MoreOptions } from '../LabParts';
import { NotebookPrints, type PrintColumn } from '../NotebookPrints';
import { PredictionTable } from '../PredictionTable';
import { StepTracePanel } from '../StepTraceView';
import { TrainingControls } from '../TrainingControls';
import { useSettings } from '../urlState';
import { useTrainer } from '../useTrainer';
import { UrlNotices } from '../UrlNotices';
import { notebookEpoch } from '../notebookEpoch';
import { DATASETS, lineGrid, planeGrid, serializePoints, type Point, type Task } from './datasets';
import { NetworkView } from './NetworkView';
import { Plane } from './Plane';
import { PointsFile } from './PointsFile';
import {
  ACTIVATION_FIELD,
  CLASS_SHAPES,
  notebookNeuron,
  PUNTOS_FIELDS as FIELDS,
  puntosSpec,
  settingsClasses,
  settingsPoints,
} from './settings';
import './puntos.css';

/** Cells per side of the class map and the neurons' maps: 1600 cells per forward pass, cheap on any backend. */
const GRID_SIZE = 40;
/** Points along x for a regression's curve. */
const LINE_SIZE = 100;

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
const REGRESSION_COLUMNS: PrintColumn[] = [{ label: 'Error cuadrático medio', value: (r) => formatNumber(r.logs.loss, 4) }];

const LOSS_NAMES = { 1: 'error cuadrático medio', 2: 'entropía cruzada binaria' } as Record<number, string>;
const lossName = (classes: number) => LOSS_NAMES[classes] ?? 'entropía cruzada categórica';

function planeSummary(points: readonly Point[], accuracy: number | null, classes: number, single: boolean): string {
  if (classes === 1) return `${points.length} puntos (x, y): la red aprende y a partir de x; la curva es su predicción.`;
  const counts = Array.from({ length: classes }, (_, c) => `${points.filter((p) => p.c === c).length} de la clase ${c}`);
  const what = `${points.length} puntos: ${counts.slice(0, -1).join(', ')} y ${counts.at(-1)}.`;
  const model = single && classes === 2 ? ' Una neurona: su frontera es una recta.' : '';
  const hits = accuracy === null ? '' : ` Acierta el ${formatNumber(accuracy * 100, 1)} %.`;
  return `${what}${model} Color: la clase elegida, más intenso cuanto más segura.${hits}`;
}

function lossSummary(history: EpochRecord[]): string {
  const last = history[history.length - 1];
  if (!last) return 'Todavía no hay épocas.';
  return `Pérdida de ${formatNumber(history[0].logs.loss)} a ${formatNumber(last.logs.loss)} en ${last.epoch} épocas.`;
}

function modelHint(task: Task, classes: number, capas: number, neuronas: number, activation: string): string {
  const net =
    capas === 0
      ? classes === 2
        ? 'Una sola neurona: w₁x + w₂y + b = 0 es su frontera, siempre una recta.'
        : classes === 1
          ? 'Sin capas ocultas la red es y = wx + b: solo una recta.'
          : `Una capa softmax de ${classes} neuronas, una por clase.`
      : `${capas} ${capas === 1 ? 'capa oculta' : 'capas ocultas'} de ${neuronas} neuronas ${activation}; los pesos iniciales salen de la semilla (Glorot uniforme).`;
  const head =
    task === 'regresion'
      ? 'Salida lineal y error cuadrático medio.'
      : classes > 2
        ? `Salida softmax con ${classes} clases y entropía cruzada categórica.`
        : '';
  return `${net} ${head}`.trim();
}

/**
 * Exercise C and beyond, as in TensorFlow Playground: points of the plane in 2 to 4
 * classes (or a 1-D regression), a network whose every neuron is drawn over the plane, and
 * the student's own data. One neuron draws one line; hidden layers let the boundary bend.
 */
export function Puntos() {
  const settings = useSettings(FIELDS);
  const { values, notices, set } = settings;
  const dataset = DATASETS[values.datos];
  const task = dataset.task;
  const points = useMemo(() => settingsPoints(values), [values]);
  const classes = settingsClasses(values, points);
  const single = values.capas === 0;
  const neuron = notebookNeuron(values, classes);
  const grid = useMemo(
    () => (task === 'regresion' ? lineGrid(dataset.domain, LINE_SIZE) : planeGrid(dataset.domain, GRID_SIZE)),
    [dataset, task],
  );
  const inputValues = useMemo(() => Float32Array.from(grid.flat()), [grid]);
  const spec: RunSpec | null = useMemo(() => puntosSpec(values, points, grid), [values, points, grid]);
  const [view, controls] = useTrainer(spec, settings.autoplay);
  const busy = view.status === 'training';
  const last = view.history[view.history.length - 1];
  const logs = last?.logs ?? view.initialLogs;

  // Heat maps and charts follow the run at the chart pace, not at every update.
  const chartHistory = useThrottled(view.history);
  const activations = useThrottled(view.activations);
  const params = useThrottled(view.params);
  const output = activations?.at(-1) ?? null;
  const lossRows = useMemo(() => chartHistory.map((r) => ({ epoch: notebookEpoch(r), loss: r.logs.loss })), [chartHistory]);
  const paramRows = useMemo(
    () =>
      neuron ? chartHistory.map((r) => ({ epoch: notebookEpoch(r), w1: r.params![0][0], w2: r.params![0][1], b: r.params![1][0] })) : [],
    [chartHistory, neuron],
  );
  const line = neuron && params ? { w: [params[0][0], params[0][1]] as [number, number], b: params[1][0] } : null;
  const curve = useMemo(() => (task === 'regresion' && output ? { x: grid.map((g) => g[0]), y: output } : null), [task, output, grid]);
  const layers = useMemo(
    () => [...Array<number>(values.capas).fill(values.neuronas), classes > 2 ? classes : 1],
    [values.capas, values.neuronas, classes],
  );
  const inputs = useMemo(() => (task === 'regresion' ? ['x'] : ['x₁', 'x₂']), [task]);

  const editPoints = useCallback((next: Point[]) => set({ puntos: serializePoints(next) }), [set]);
  const onAdd = useCallback((p: Point) => editPoints([...points, task === 'regresion' ? { ...p, c: 0 } : p]), [editPoints, points, task]);
  const onRemove = useCallback((i: number) => editPoints(points.filter((_, j) => j !== i)), [editPoints, points]);
  const generated = !values.puntos && values.datos !== 'ejercicio';
  // Said under the readouts rather than under the plane, so the plane and the network fit a laptop's screen.
  const summary = planeSummary(points, logs?.accuracy ?? null, classes, single);

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
            ...(generated && dataset.maxClasses > 2 ? (['clases'] as const) : []),
            'capas',
            ...(single ? [] : (['neuronas', 'activacion'] as const)),
            'lr',
          ]}
          disabled={busy}
        />
        <TrainingControls view={view} controls={controls} settings={settings} traced />
      </div>

      <Hero className="puntos-hero" label="El plano con la frontera y la red">
        <div className="puntos-plane">
          <Plane
            domain={dataset.domain}
            points={points}
            grid={output}
            gridSize={GRID_SIZE}
            classes={classes}
            curve={curve}
            line={line}
            editable={!busy}
            addClass={task === 'regresion' ? 0 : Number(values.clase)}
            onAdd={onAdd}
            onRemove={onRemove}
            summary={summary}
            caption={false}
          />
        </div>
        <NetworkView
          inputs={inputs}
          layers={layers}
          hiddenActivation={values.activacion}
          classes={classes}
          activations={activations}
          params={params}
          gridSize={task === 'regresion' ? LINE_SIZE : GRID_SIZE}
          inputValues={inputValues}
        />
      </Hero>

      <TrainingReadouts view={view}>
        <MetricReadouts logs={logs} lossLabel={`Pérdida (${lossName(classes)})`} accuracyDigits={classes === 1 ? undefined : 1} />
        {neuron ? (
          <>
            <Readout testId="param-w" label="w" value={view.params?.[0] ?? null} digits={7} />
            <Readout testId="param-b" label="b" value={view.params?.[1] ?? null} digits={7} />
          </>
        ) : null}
        <Readout testId="param-count" label="Parámetros" value={view.info?.paramCount ?? null} format="integer" />
      </TrainingReadouts>

      {points.length === 0 ? (
        <p className="message message-error" role="alert">
          No queda ningún punto: añade alguno con un clic en el plano o restaura los datos.
        </p>
      ) : null}
      <p className="hint" data-testid="plane-summary">
        {summary}
      </p>
      <p className="hint">
        {dataset.label}
        {values.puntos ? ' (editados)' : ''}.{' '}
        {modelHint(task, classes, values.capas, values.neuronas, ACTIVATION_FIELD.optionLabels![values.activacion])} Un clic en el plano
        añade un punto{task === 'regresion' ? '' : ` de la clase ${values.clase} (${CLASS_SHAPES[Number(values.clase)]})`}; un clic sobre un
        punto lo quita.
      </p>
      <div className="widget-controls">
        {task === 'regresion' ? null : <SettingsFields settings={settings} fields={FIELDS} names={['clase']} />}
        {values.puntos ? (
          <button type="button" data-testid="restore-points" disabled={busy} onClick={() => set({ puntos: '' })}>
            Restaurar los puntos
          </button>
        ) : null}
      </div>
      <PointsFile points={points} task={task} disabled={busy} onLoad={editPoints} />

      <MoreOptions>
        <SettingsFields
          settings={settings}
          fields={FIELDS}
          names={[...(generated ? (['ruido'] as const) : []), ...(neuron ? (['w0', 'b0'] as const) : []), 'epochs', 'seed', 'backend']}
          disabled={busy}
        />
      </MoreOptions>

      <div className="widget-charts widget-wide">
        <LossChart rows={lossRows} series={LOSS_SERIES} summary={lossSummary(chartHistory)} />
        {neuron ? (
          <LossChart
            rows={paramRows}
            series={PARAM_SERIES}
            logScale={false}
            summary={`Evolución de w₁, w₂ y b. ${lossSummary(chartHistory)}`}
          />
        ) : null}
      </div>

      <div className="widget-tables">
        {classes === 2 ? (
          <PredictionTable x={points.map((p) => [p.x, p.y])} y={points.map((p) => p.c)} probabilities={view.predictions} />
        ) : null}
        <NotebookPrints
          history={view.history}
          epochs={values.epochs}
          columns={classes === 1 ? REGRESSION_COLUMNS : neuron ? NEURON_COLUMNS : NETWORK_COLUMNS}
        />
      </div>

      <StepTracePanel trace={view.trace} lossName={lossName(classes)} />
    </section>
  );
}
