import { useEffect, useMemo, useRef, useState } from 'react';
import type { BackendPreference, RunSpec } from '../../engine';
import type { Evaluation as Result } from '../../engine/trainer';
import { Checkbox } from '../../ui/controls';
import { formatInteger, formatNumber } from '../../ui/format';
import { LossChart } from '../../ui/LossChart';
import { ProgressBar } from '../../ui/ProgressBar';
import { Readout } from '../../ui/Readout';
import { useThrottled } from '../../ui/useThrottled';
import { EngineMessages, EngineReadouts } from '../EngineReadouts';
import { FieldControl } from '../FieldControl';
import { TrainingControls } from '../TrainingControls';
import { AUTOPLAY_FIELD, BACKEND_FIELD, SEED_FIELD, useUrlState, type ChoiceField, type Fields } from '../urlState';
import { useEngineSession } from '../useEngineSession';
import { useTrainer } from '../useTrainer';
import { BackendComparison } from './BackendComparison';
import { galleryIndices } from '../../ui/PredictionGallery';
import { Evaluation, GALLERY_SIZE } from './Evaluation';
import { ModelStorage } from './ModelStorage';
import { OptimizerRace } from './OptimizerRace';
import { cifar10Spec, DEFAULT_LR, OPTIMIZER_LABELS, type Cifar10Settings, type OptimizerName } from './spec';
import { useCifar10Data } from './useCifar10Data';
import { WeightHistograms } from './WeightHistograms';
import { UrlNotices } from '../UrlNotices';

const CHART_INTERVAL_MS = 500;

const OPTIMIZER_FIELD: ChoiceField<OptimizerName> = {
  kind: 'choice',
  label: 'Optimizador',
  default: 'adam',
  options: ['sgd', 'momentum', 'adam', 'rmsprop'],
  optionLabels: OPTIMIZER_LABELS,
};
const ACTIVATION_FIELD: ChoiceField<Cifar10Settings['activation']> = {
  kind: 'choice',
  label: 'Activación oculta',
  default: 'relu',
  options: ['relu', 'gelu', 'tanh'],
  optionLabels: { relu: 'ReLU', gelu: 'GELU', tanh: 'tanh' },
};

const FIELDS = {
  train: { kind: 'number', label: 'Imágenes de entrenamiento', default: 50_000, integer: true, min: 1_000, max: 50_000 },
  optimizer: OPTIMIZER_FIELD,
  lr: { kind: 'number', label: 'Tasa de aprendizaje η', default: DEFAULT_LR.adam, min: 0, exclusiveMin: true, max: 10 },
  batch: { kind: 'number', label: 'Tamaño de lote', default: 64, integer: true, min: 1, max: 4096 },
  epochs: { kind: 'number', label: 'Épocas (máximo)', default: 100, integer: true, min: 1, max: 1000 },
  hidden: { kind: 'number', label: 'Capas ocultas', default: 4, integer: true, min: 0, max: 8 },
  units: { kind: 'number', label: 'Neuronas por capa', default: 1024, integer: true, min: 1, max: 4096 },
  activacion: ACTIVATION_FIELD,
  dropout: { kind: 'number', label: 'Dropout', default: 0.2, min: 0, max: 0.9 },
  bn: { kind: 'flag', label: 'BatchNormalization', default: false },
  parada: { kind: 'flag', label: 'Parada temprana', default: true },
  programa: { kind: 'flag', label: 'Programa de η', default: false },
  seed: SEED_FIELD,
  backend: BACKEND_FIELD,
  autoplay: AUTOPLAY_FIELD,
} satisfies Fields;

const LOSS_SERIES = [
  { key: 'batch_loss', label: 'lote a lote', color: 'var(--series-4)' },
  { key: 'loss', label: 'entrenamiento', color: 'var(--series-1)' },
  { key: 'val_loss', label: 'validación', color: 'var(--series-2)' },
];
const ACCURACY_SERIES = [
  { key: 'batch_accuracy', label: 'lote a lote', color: 'var(--series-4)' },
  { key: 'accuracy', label: 'entrenamiento', color: 'var(--series-1)' },
  { key: 'val_accuracy', label: 'validación', color: 'var(--series-2)' },
];

type Point = Record<string, number>;

/** Every hidden layer's Dense kernel and bias plus the output layer: 6,305,802 for the reference. */
function describeNetwork(s: Cifar10Settings): string {
  const layers = s.hidden === 0 ? 'sin capas ocultas' : `${s.hidden} × Dense(${formatInteger(s.units)}, ${ACTIVATION_FIELD.optionLabels![s.activation]})`;
  const extras = [s.bn ? 'BatchNormalization' : '', s.dropout > 0 ? `Dropout(${formatNumber(s.dropout, 2)})` : ''].filter(Boolean).join(' + ');
  return `3072 entradas → ${layers}${extras && s.hidden > 0 ? ` con ${extras}` : ''} → Dense(10, softmax).`;
}

/**
 * Exercise D: an MLP on the whole of CIFAR-10, trained live. Loss and accuracy per epoch
 * and per batch, weight histograms, an optimizer race, and an honest test evaluation.
 */
export function Cifar10() {
  const { values, notices, set } = useUrlState(FIELDS);
  const generation = useRef(0);
  const session = useEngineSession(generation);
  const [data, retry] = useCifar10Data(session);
  const settings: Cifar10Settings = {
    train: values.train,
    optimizer: values.optimizer,
    lr: values.lr,
    batch: values.batch,
    epochs: values.epochs,
    hidden: values.hidden,
    units: values.units,
    activation: values.activacion,
    dropout: values.dropout,
    bn: values.bn,
    earlyStopping: values.parada,
    schedule: values.programa,
    seed: values.seed,
    backend: values.backend,
  };
  const settingsKey = JSON.stringify(settings);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const base: RunSpec = useMemo(() => cifar10Spec(settings), [settingsKey]);
  const spec = data.status === 'ready' ? base : null;
  const [view, controls] = useTrainer(spec, values.autoplay, { session, slot: 0 });
  const busy = view.status === 'training';
  const last = view.history.at(-1);

  // Per-batch running means, kept for the curves; a reset or a new run clears them.
  const [batchPoints, setBatchPoints] = useState<Point[]>([]);
  useEffect(() => {
    if (view.history.length === 0) setBatchPoints([]);
  }, [view.history.length === 0, spec]);
  useEffect(() => {
    const p = view.progress;
    if (!p) return;
    const point: Point = { epoch: view.epoch + p.batch / view.batchesPerEpoch, batch_loss: p.loss };
    if (p.accuracy !== null) point.batch_accuracy = p.accuracy;
    setBatchPoints((points) => [...points, point]);
  }, [view.progress]);

  const history = useThrottled(view.history, CHART_INTERVAL_MS);
  const points = useThrottled(batchPoints, CHART_INTERVAL_MS);
  const rows = useMemo(() => {
    // An epoch's mean is where its running mean ends, so the batch curve joins the epoch points.
    const epochs = history.map((r) => ({ epoch: r.epoch, ...r.logs, batch_loss: r.logs.loss, batch_accuracy: r.logs.accuracy }));
    return [...epochs, ...points].sort((a, b) => a.epoch - b.epoch);
  }, [history, points]);

  // The test evaluation: automatic when a run ends, on demand after a pause.
  const [evaluation, setEvaluation] = useState<{ result: Result; images: Uint8Array[] } | null>(null);
  const [evaluating, setEvaluating] = useState(false);
  const evaluate = async () => {
    const remote = session.current;
    if (!remote) return;
    setEvaluating(true);
    try {
      const result = await remote.evaluateTest();
      if (result) setEvaluation({ result, images: await remote.testImages(galleryIndices(result, GALLERY_SIZE)) });
    } finally {
      setEvaluating(false);
    }
  };
  useEffect(() => {
    if (view.status === 'done') void evaluate();
    // New or reset weights: the old evaluation no longer describes them.
    if (view.status === 'loading' || view.status === 'training' || view.status === 'idle') setEvaluation(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.status]);

  const field = (name: keyof typeof FIELDS, testId: string) => (
    <FieldControl field={FIELDS[name] as never} value={values[name] as never} disabled={busy}
      onCommit={(v) => set({ [name]: v } as never)} testId={testId} />
  );

  return (
    <section className="widget" data-testid="widget-cifar10" aria-label="Un MLP aprende CIFAR-10">
      <UrlNotices notices={notices} />
      {data.status === 'loading' ? <ProgressBar fraction={data.progress.fraction} label={data.progress.label} testId="data-progress" /> : null}
      {data.status === 'error' ? (
        <div className="message message-error" role="alert" data-testid="data-error">
          <p>No se pudieron cargar las imágenes de CIFAR-10. {data.message}</p>
          <button type="button" data-testid="data-retry" onClick={retry}>
            Reintentar
          </button>
        </div>
      ) : null}

      <div className="widget-controls dense-controls">
        {field('train', 'input-train')}
        <FieldControl field={FIELDS.optimizer} value={values.optimizer} disabled={busy}
          onCommit={(v) => set({ optimizer: v as OptimizerName, lr: DEFAULT_LR[v as OptimizerName] })} testId="input-optimizer" />
        {field('lr', 'input-lr')}
        {field('batch', 'input-batch')}
        {field('epochs', 'input-epochs')}
        {field('hidden', 'input-hidden')}
        {field('units', 'input-units')}
        {field('activacion', 'input-activacion')}
        {field('dropout', 'input-dropout')}
        <Checkbox label="BatchNormalization" checked={values.bn} disabled={busy} onChange={(bn) => set({ bn })} testId="input-bn" />
        <Checkbox label="Parada temprana" checked={values.parada} disabled={busy}
          onChange={(parada) => set({ parada })} testId="input-parada" />
        <Checkbox label="Programa de η" checked={values.programa} disabled={busy}
          onChange={(programa) => set({ programa })} testId="input-programa" />
        {field('seed', 'input-seed')}
        <FieldControl field={FIELDS.backend} value={values.backend} disabled={busy}
          onCommit={(v) => set({ backend: v as BackendPreference })} testId="input-backend" />
        <TrainingControls view={view} controls={controls} />
      </div>
      <p className="hint" data-testid="network">
        {describeNetwork(settings)} {values.parada ? 'Parada temprana como el cuaderno: val_loss, min_delta 0,01, paciencia 3, con los mejores pesos. ' : ''}
        {values.programa ? 'Programa de η: 10 épocas igual y luego ×e^−0,1 por época. ' : ''} {formatInteger(values.train)} imágenes: {formatInteger(values.train - Math.floor(values.train * 0.1))} para
        entrenar y {formatInteger(Math.floor(values.train * 0.1))} (el 10 %) para validar; las 10.000 de prueba se guardan para el final.
      </p>

      <div className="readout-row">
        <EngineReadouts view={view} />
        <Readout testId="param-count" label="Parámetros" value={view.info?.paramCount ?? null} format="integer" />
        <Readout testId="loss" label="Pérdida" value={last?.logs.loss ?? null} format="number" digits={4} />
        <Readout testId="accuracy" label="Exactitud" value={last?.logs.accuracy ?? null} format="percent" digits={1} />
        <Readout testId="val-accuracy" label="Exactitud en validación" value={last?.logs.val_accuracy ?? null} format="percent" digits={1} />
        <Readout testId="learning-rate" label="η actual" value={view.learningRate} format="number" digits={3} />
        <Readout testId="batch" label="Lote" value={view.progress?.batch ?? null}
          text={view.progress ? `${formatInteger(view.progress.batch)} de ${formatInteger(view.batchesPerEpoch)}` : '—'} />
      </div>
      <EngineMessages view={view} />

      <div className="widget-charts cifar-charts">
        <LossChart rows={rows} series={LOSS_SERIES} connectGaps height={220} summary={`Pérdida por época y por lote; ${history.length} épocas completas.`} />
        <LossChart rows={rows} series={ACCURACY_SERIES} logScale={false} connectGaps height={220} summary="Exactitud en entrenamiento y validación por época y por lote." />
      </div>
      <WeightHistograms history={history} />

      <div className="widget-actions">
        <button type="button" data-testid="evaluate" disabled={busy || evaluating || view.status === 'loading'} onClick={() => void evaluate()}>
          {evaluating ? 'Evaluando…' : 'Evaluar con las imágenes de prueba'}
        </button>
        <ModelStorage session={session} disabled={busy || view.status === 'loading'} onLoaded={() => setEvaluation(null)} />
      </div>
      {evaluation ? <Evaluation result={evaluation.result} images={evaluation.images} history={view.history} /> : null}

      <BackendComparison spec={spec} />
      <OptimizerRace base={spec} session={session} />
    </section>
  );
}
