import { useEffect, useMemo, useRef, useState } from 'react';
import type { RunSpec } from '../../engine/protocol';
import { formatInteger, formatNumber } from '../../ui/format';
import { LossChart, trainingCurves } from '../../ui/LossChart';
import { Readout } from '../../ui/Readout';
import { LARGE_CHART_INTERVAL_MS, useThrottled } from '../../ui/useThrottled';
import { MetricReadouts, TrainingReadouts } from '../EngineReadouts';
import { FieldControl, SettingsFields } from '../FieldControl';
import { TrainingControls } from '../TrainingControls';
import { useSettings } from '../urlState';
import { useEngineSession } from '../useEngineSession';
import { useTrainer } from '../useTrainer';
import { Hero, MoreOptions } from '../LabParts';
import { AugmentControls } from '../augment/AugmentControls';
import { BackendComparison } from './BackendComparison';
import { DataGallery } from './DataGallery';
import { describeNetwork } from './describe';
import { FirstLayer, TRAINING } from './FirstLayer';
import { galleryIndices } from '../../ui/PredictionGallery';
import { Evaluation, GALLERY_SIZE } from './Evaluation';
import { ModelStorage } from './ModelStorage';
import { OptimizerRace } from './OptimizerRace';
import { RegularizationRace } from './RegularizationRace';
import {
  CIFAR10_FIELDS as FIELDS,
  cifar10Spec,
  DEFAULT_LR,
  EARLY_STOPPING,
  REFERENCE_MLP_PARAMS,
  SCHEDULE,
  VALIDATION_SPLIT,
} from './settings';
import { DatasetStatus } from '../DatasetStatus';
import { trainFilesFor, useCifar10 } from '../useCifar10';
import { useEvaluation } from '../useEvaluation';
import { WeightHistograms } from './WeightHistograms';
import { UrlNotices } from '../UrlNotices';
import './cifar10.css';

const LOSS_SERIES = [{ key: 'batch_loss', label: 'lote a lote', color: 'var(--series-4)' }, ...trainingCurves('loss')];
const ACCURACY_SERIES = [{ key: 'batch_accuracy', label: 'lote a lote', color: 'var(--series-4)' }, ...trainingCurves('accuracy')];

type Point = Record<string, number>;

/**
 * Exercise D: an MLP (or a small CNN) on the whole of CIFAR-10, trained live. Loss and
 * accuracy per epoch and per batch, weight histograms, the CNN's first layer, an optimizer
 * race, overfitting against its cures, and an honest test evaluation.
 */
export function Cifar10() {
  const settings = useSettings(FIELDS);
  const { values, notices, set } = settings;
  const generation = useRef(0);
  const session = useEngineSession(generation);
  // 139 MB for the whole set: downloaded when the student asks (or autoplay does), read silently once kept.
  const [data, retry] = useCifar10(session, trainFilesFor(values.train), !settings.autoplay);
  const base: RunSpec = useMemo(() => cifar10Spec(values), [values]);
  const spec = data.status === 'ready' ? base : null;
  const [view, controls] = useTrainer(spec, settings.autoplay, { session, slot: 0 });
  const busy = view.status === 'training';
  // The engine counts the model's parameters from its spec, so the count shows before any download.
  const [plannedParams, setPlannedParams] = useState<number | null>(null);
  useEffect(() => {
    let current = true;
    const model = base.model;
    if (model.kind === 'mlp' || model.kind === 'cnn') void session.current?.paramCount(model).then((n) => current && setPlannedParams(n));
    return () => {
      current = false;
    };
  }, [session, base.model]);
  const last = view.history.at(-1);
  const validationImages = Math.floor(values.train * VALIDATION_SPLIT);
  const cnn = values.model === 'cnn';
  // The CNN's first layer is read again whenever training rests with new weights.
  const resting = view.status !== 'training' && view.status !== 'loading';
  const stepped = view.epoch > 0 || view.batch > 0;
  const trained = cnn && spec && stepped ? (resting ? `${view.epoch}:${view.batch}:${view.status}` : TRAINING) : null;

  // Per-batch running means, kept for the curves; a reset or a new run clears them.
  const [batchPoints, setBatchPoints] = useState<Point[]>([]);
  const cleared = view.history.length === 0;
  useEffect(() => {
    if (cleared) setBatchPoints([]);
  }, [cleared, spec]);
  useEffect(() => {
    const p = view.progress;
    if (!p) return;
    const point: Point = { epoch: view.epoch + p.batch / view.batchesPerEpoch, batch_loss: p.loss };
    if (p.accuracy !== null) point.batch_accuracy = p.accuracy;
    setBatchPoints((points) => [...points, point]);
    // One point per progress report: the epoch it belongs to arrives with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.progress]);

  const history = useThrottled(view.history, LARGE_CHART_INTERVAL_MS);
  const points = useThrottled(batchPoints, LARGE_CHART_INTERVAL_MS);
  const rows = useMemo(() => {
    // An epoch's mean is where its running mean ends, so the batch curve joins the epoch points.
    const epochs = history.map((r) => ({ epoch: r.epoch, ...r.logs, batch_loss: r.logs.loss, batch_accuracy: r.logs.accuracy }));
    return [...epochs, ...points].sort((a, b) => a.epoch - b.epoch);
  }, [history, points]);

  // The test evaluation, with the gallery's pictures.
  const {
    result: evaluation,
    evaluating,
    evaluate,
    clear: clearEvaluation,
  } = useEvaluation(view.status, async () => {
    const remote = session.current;
    const result = await remote?.evaluateTest();
    return remote && result ? { result, images: await remote.testImages(galleryIndices(result, GALLERY_SIZE)) } : null;
  });

  return (
    <section className="widget" data-testid="widget-cifar10" aria-label="Un MLP aprende CIFAR-10">
      <UrlNotices notices={notices} />
      <DatasetStatus state={data} retry={retry} />

      <div className="widget-controls dense-controls">
        <SettingsFields settings={settings} fields={FIELDS} names={['model', 'train', 'dropout', 'l2']} disabled={busy} />
        <AugmentControls value={values.augment} disabled={busy} onCommit={(augment) => set({ augment })} />
        <TrainingControls view={view} controls={controls} settings={settings} />
      </div>

      <Hero className="widget-charts cifar-charts" label="Pérdida y exactitud">
        {/* Before the first batch the hero shows the data; the charts take over once it trains. */}
        {view.epoch === 0 && view.progress === null ? (
          <DataGallery />
        ) : (
          <>
            <LossChart
              title="Pérdida por época y por lote"
              rows={rows}
              series={LOSS_SERIES}
              connectGaps
              height={320}
              summary={`Pérdida por época y por lote; ${history.length} épocas completas.`}
            />
            <LossChart
              title="Exactitud por época y por lote"
              rows={rows}
              series={ACCURACY_SERIES}
              logScale={false}
              connectGaps
              height={320}
              summary="Exactitud en entrenamiento y validación por época y por lote."
            />
          </>
        )}
      </Hero>

      <TrainingReadouts view={view}>
        <Readout testId="param-count" label="Parámetros" value={view.info?.paramCount ?? plannedParams} format="integer" />
        {cnn ? (
          <Readout testId="param-count-mlp" label="Parámetros del MLP del cuaderno" value={REFERENCE_MLP_PARAMS} format="integer" />
        ) : null}
        <MetricReadouts logs={last?.logs} accuracyDigits={1} validation />
        <Readout testId="learning-rate" label="η actual" value={view.learningRate} format="number" digits={3} />
        <Readout
          testId="batch"
          label="Lote"
          value={view.progress?.batch ?? null}
          text={view.progress ? `${formatInteger(view.progress.batch)} de ${formatInteger(view.batchesPerEpoch)}` : '—'}
        />
      </TrainingReadouts>

      <MoreOptions>
        <FieldControl
          field={FIELDS.optimizer}
          value={values.optimizer}
          disabled={busy}
          onCommit={(optimizer) => set({ optimizer, lr: DEFAULT_LR[optimizer] })}
          testId="input-optimizer"
        />
        <SettingsFields settings={settings} fields={FIELDS} names={['lr', 'batch', 'epochs', 'l1', 'parada', 'programa']} disabled={busy} />
        {/* The MLP's shape; the CNN's is fixed (see describeNetwork). */}
        <SettingsFields settings={settings} fields={FIELDS} names={['hidden', 'units', 'activacion', 'bn']} disabled={busy || cnn} />
        <SettingsFields settings={settings} fields={FIELDS} names={['seed', 'backend']} disabled={busy} />
      </MoreOptions>

      <p className="hint" data-testid="network">
        {describeNetwork(values)}{' '}
        {values.parada
          ? `Parada temprana como el cuaderno: ${EARLY_STOPPING.monitor}, min_delta ${formatNumber(EARLY_STOPPING.minDelta)}, paciencia ${EARLY_STOPPING.patience}, con los mejores pesos. `
          : ''}
        {/* The schedule decays: its rate is negative, written with a true minus sign. */}
        {values.programa
          ? `Programa de η: ${SCHEDULE.holdEpochs} épocas igual y luego ×e^−${formatNumber(-SCHEDULE.rate)} por época. `
          : ''}{' '}
        {formatInteger(values.train)} imágenes: {formatInteger(values.train - validationImages)} para entrenar y{' '}
        {formatInteger(validationImages)} (el {formatNumber(VALIDATION_SPLIT * 100)} %) para validar; las 10.000 de prueba se guardan para
        el final.
      </p>

      <FirstLayer session={session} trained={trained} />
      <WeightHistograms history={history} />

      <div className="widget-actions">
        <button
          type="button"
          data-testid="evaluate"
          disabled={busy || evaluating || view.status === 'loading'}
          onClick={() => void evaluate()}
        >
          {evaluating ? 'Evaluando…' : 'Evaluar con las imágenes de prueba'}
        </button>
        <ModelStorage session={session} disabled={busy || view.status === 'loading'} onLoaded={clearEvaluation} />
      </div>
      {evaluation ? (
        <Evaluation
          result={evaluation.result}
          images={evaluation.images}
          history={view.history}
          loadImages={async (indices) => (await session.current?.testImages(indices)) ?? []}
        />
      ) : null}

      <BackendComparison spec={spec} />
      <OptimizerRace base={spec} session={session} />
      <RegularizationRace values={values} ready={data.status === 'ready'} session={session} onPreset={set} />
    </section>
  );
}
