import { useEffect, useMemo, useRef, useState } from 'react';
import { type Evaluation, MINI_PRETRAIN_CLASSES, type RunSpec } from '../../engine/protocol';
import { formatNumber } from '../../ui/format';
import { LossChart, trainingCurves } from '../../ui/LossChart';
import { ProgressBar } from '../../ui/ProgressBar';
import { Readout } from '../../ui/Readout';
import { LARGE_CHART_INTERVAL_MS, useThrottled } from '../../ui/useThrottled';
import { MetricReadouts, TrainingReadouts } from '../EngineReadouts';
import { Hero, MoreOptions } from '../LabParts';
import { SettingsFields } from '../FieldControl';
import { TrainingControls } from '../TrainingControls';
import { DatasetStatus } from '../DatasetStatus';
import { useSettings } from '../urlState';
import { UrlNotices } from '../UrlNotices';
import { useCifar10 } from '../useCifar10';
import { useEngineSession } from '../useEngineSession';
import { useEvaluation } from '../useEvaluation';
import { useTrainer } from '../useTrainer';
import { galleryIndices } from '../../ui/PredictionGallery';
import { BaseWeightsPanel, WeightsProgress } from './BaseWeightsPanel';
import { HELD_OUT_GALLERY, HeldOutEvaluation } from './HeldOutEvaluation';
import { ModelKeeper } from './ModelKeeper';
import { OwnImagesPanel } from './OwnImagesPanel';
import { useOwnImages } from './ownImages';
import { ClassPicker } from './ClassPicker';
import { PhaseExplanation } from './PhaseExplanation';
import { phaseOneAccuracy, PhaseReadouts } from './PhaseReadouts';
import { describeUnfreeze, PhaseTwo } from './PhaseTwo';
import { RandomControl } from './RandomControl';
import {
  classNames,
  DEFAULT_CLASSES,
  parseClasses,
  TRANSFER_FIELDS as FIELDS,
  transferSettings,
  transferSpec,
  type TransferSettings,
} from './settings';
import { useBaseWeights } from './useBaseWeights';
import { UseMyModel } from './UseMyModel';
import { augmentSpec, parseAugment } from '../augment/augment';
import './transfer.css';

/** The default task's classes, in Spanish: none of them was in the mini base's pretraining. */
const DEFAULT_NAMES = classNames(parseClasses(DEFAULT_CLASSES), '').join(', ');

const ACCURACY_SERIES = [
  ...trainingCurves('accuracy'),
  { key: 'control_val_accuracy', label: 'control (base aleatoria)', color: 'var(--series-4)' },
];
const LOSS_SERIES = trainingCurves('loss');

/**
 * Exercise E: a pretrained EfficientNet frozen under a new head (phase 1, on cached
 * features), then its top blocks unfrozen and fine-tuned with a small learning rate
 * (phase 2), against the same head on a randomly initialised base.
 */
export function Transfer() {
  const settings = useSettings(FIELDS);
  const { values, notices, set } = settings;
  const generation = useRef(0);
  const session = useEngineSession(generation);
  const weights = useBaseWeights(session, values.base, (base) => set({ base }));
  const cifarClasses = parseClasses(values.classes);
  // One training file holds about 1.000 images of each class: a fifth of the download.
  const [cifar, retryCifar] = useCifar10(session, cifarClasses ? 1 : null);
  const own = useOwnImages(session);
  const names = classNames(cifarClasses, values.nombres);
  const seenInPretraining = (cifarClasses ?? []).filter((c) => MINI_PRETRAIN_CLASSES.includes(c)).map((c) => classNames([c], '')[0]);
  const inUse = weights.state.status === 'ready' ? weights.state.value.weights.base : null;
  const dataReady = cifarClasses ? cifar.status === 'ready' : own.version > 0;

  const run: TransferSettings | null = inUse && transferSettings(values, inUse, own.version);
  const runKey = JSON.stringify(run);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const spec: RunSpec | null = useMemo(() => (run && dataReady ? transferSpec(run) : null), [runKey, dataReady]);
  const [view, controls] = useTrainer(spec, settings.autoplay, { session, slot: 0 });
  const busy = view.status === 'training' || view.preparing !== null;
  const blocks = view.info?.blocks ?? [];
  const last = view.history.at(-1);

  // The control: the same head, budget and seed on a randomly initialised base (slot 1).
  const [controlWanted, setControlWanted] = useState(false);
  useEffect(() => setControlWanted(false), [spec]);
  const controlSpec = useMemo(
    () => (controlWanted && run && spec ? transferSpec({ ...run, weights: 'random' }) : null),
    // `spec` is derived from `run` and changes exactly when the run does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [controlWanted, spec],
  );
  const [control] = useTrainer(controlSpec, true, { session, slot: 1 });

  // Phase 2 from the panel, or by itself after phase 1 with autoplay=1.
  const fineTune = async () => {
    const plan = {
      unfreeze: Math.min(values.unfreeze, blocks.length),
      learningRate: values.lr2,
      epochs: values.epochs2,
      augment: augmentSpec(parseAugment(values.augment) ?? []),
    };
    if (await controls.fineTune(plan)) controls.start();
  };
  const autoTuned = useRef<RunSpec | null>(null);
  useEffect(() => {
    if (!settings.autoplay || view.status !== 'done' || view.phases.length !== 1 || autoTuned.current === spec) return;
    autoTuned.current = spec;
    void fineTune();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.status]);

  // The held-out images judged one by one, with their pictures.
  const { result: evaluation, evaluate } = useEvaluation(view.status, async () => {
    const remote = session.current;
    const result = await remote?.evaluateTest(0);
    const pictures = remote && result ? await remote.heldOutImages(shownIndices(result), 0) : null;
    return result && pictures ? { result, ...pictures } : null;
  });

  const history = useThrottled(view.history, LARGE_CHART_INTERVAL_MS);
  const controlHistory = useThrottled(control.history, LARGE_CHART_INTERVAL_MS);
  const rows = useMemo(() => {
    const byEpoch = new Map<number, Record<string, number>>(history.map((r) => [r.epoch, { epoch: r.epoch, ...r.logs }]));
    for (const r of controlHistory) {
      const row = byEpoch.get(r.epoch) ?? { epoch: r.epoch };
      row.control_val_accuracy = r.logs.val_accuracy;
      byEpoch.set(r.epoch, row);
    }
    return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
  }, [history, controlHistory]);
  const markers = useMemo(
    () =>
      view.phases
        .slice(1)
        .map((p) => ({ epoch: p.epoch, label: `descongelado: ${p.unfrozen} ${p.unfrozen === 1 ? 'bloque' : 'bloques'}` })),
    [view.phases],
  );

  const before = phaseOneAccuracy(view);
  const trainImages = cifarClasses ? values.images * names.length : own.perClass.reduce((n, l) => n + l.length, 0);
  const epochMs = view.samplesPerSecond ? (1000 * trainImages) / view.samplesPerSecond : null;

  return (
    <section className="widget transfer" data-testid="widget-transfer" aria-label="Transferencia de aprendizaje con EfficientNet">
      <UrlNotices notices={notices} />

      <div className="widget-controls dense-controls">
        <SettingsFields settings={settings} fields={FIELDS} names={['base']} disabled={busy} />
        <ClassPicker classes={cifarClasses} disabled={busy} onChange={(classes) => set({ classes })} />
        <SettingsFields
          settings={settings}
          fields={FIELDS}
          names={[...(cifarClasses ? (['images'] as const) : []), 'epochs']}
          disabled={busy}
        />
        <TrainingControls view={view} controls={controls} settings={settings} />
      </div>

      <Hero className="widget-charts transfer-charts" label="Exactitud en las dos fases">
        <LossChart
          title="Exactitud: fase 1 (base congelada) y fase 2 (afinado)"
          rows={rows}
          series={ACCURACY_SERIES}
          logScale={false}
          markers={markers}
          height={360}
          summary={`Exactitud por época en las dos fases${markers.length ? `; descongelado en la época ${markers.map((m) => m.epoch).join(', ')}` : ''}.`}
        />
        <LossChart
          title="Pérdida en las dos fases (escala logarítmica)"
          rows={rows}
          series={LOSS_SERIES}
          markers={markers}
          height={360}
          summary="Pérdida por época en las dos fases."
        />
      </Hero>

      <TrainingReadouts view={view}>
        <MetricReadouts logs={last?.logs} accuracyDigits={1} validation />
        <PhaseReadouts view={view} />
        <Readout testId="trainable-count" label="Entrenables" value={view.info?.trainableCount ?? null} format="integer" />
        <Readout testId="param-count" label="Parámetros" value={view.info?.paramCount ?? null} format="integer" />
        <Readout testId="epoch-ms" label="Duración de una época" value={epochMs} format="number" digits={1} unit="ms" />
      </TrainingReadouts>
      <WeightsProgress state={weights.state} />
      {view.preparing ? <ProgressBar fraction={view.preparing.fraction} label={view.preparing.label} testId="prepare-progress" /> : null}

      {blocks.length > 0 ? (
        <PhaseTwo
          blocks={blocks}
          unfreeze={values.unfreeze}
          lr2={values.lr2}
          epochs2={values.epochs2}
          augment={values.augment}
          disabled={busy}
          canStart={(view.status === 'done' || view.status === 'paused') && view.epoch > 0}
          onChange={(changes) => set(changes)}
          onStart={() => void fineTune()}
        />
      ) : null}

      <MoreOptions>
        <SettingsFields
          settings={settings}
          fields={FIELDS}
          names={[...(cifarClasses ? (['val'] as const) : []), 'lr', 'seed', 'backend']}
          disabled={busy}
        />
      </MoreOptions>

      <div className="widget-wide">
        <BaseWeightsPanel
          state={weights.state}
          retry={weights.retry}
          convert={(file) => void weights.convert(file)}
          conversion={weights.conversion}
        />
        {inUse === 'mini' && seenInPretraining.length > 0 ? (
          <p className="hint" data-testid="classes-seen">
            Ojo: la base mini ya vio {seenInPretraining.join(' y ')} al preentrenarse; con esas clases la comparación con la base aleatoria
            es menos justa. Las de la tarea por defecto ({DEFAULT_NAMES}) nunca las vio.
          </p>
        ) : null}
        {cifarClasses ? (
          <DatasetStatus state={cifar} retry={retryCifar} />
        ) : (
          <OwnImagesPanel
            own={own}
            names={names}
            disabled={busy}
            onRename={(i, name) => set({ nombres: names.map((n, j) => (j === i ? name.replace(/,/g, ' ') : n)).join(',') })}
          />
        )}
        <PhaseExplanation view={view} base={inUse} />
        {markers.length > 0 ? (
          <ul className="phase-markers hint">
            {view.phases.slice(1).map((p) => (
              <li key={p.epoch} data-testid="phase-marker" data-value={p.epoch}>
                Época {p.epoch}: {describeUnfreeze(blocks, p.unfrozen)}; η = {formatNumber(p.learningRate, 3)};{' '}
                {p.augmented
                  ? `con aumento de datos; se guardan las activaciones de validación a la entrada de ${p.cutName}.`
                  : `se guardan las activaciones a la entrada de ${p.cutName}.`}
              </li>
            ))}
          </ul>
        ) : null}
      </div>

      <RandomControl
        view={control}
        started={controlWanted}
        mainAccuracy={before}
        epochs={values.epochs}
        disabled={!spec || controlWanted}
        onStart={() => setControlWanted(true)}
      />

      <div className="widget-actions">
        <button type="button" data-testid="evaluate" disabled={busy || view.status === 'loading'} onClick={() => void evaluate()}>
          Evaluar con las imágenes apartadas
        </button>
        <ModelKeeper session={session} spec={spec} names={names} disabled={busy || view.status === 'loading' || view.epoch === 0} />
      </div>
      {evaluation ? (
        <HeldOutEvaluation
          result={evaluation.result}
          images={evaluation.images}
          side={evaluation.side}
          names={names}
          loadImages={async (indices) => (await session.current?.heldOutImages(indices, 0))?.images ?? []}
        />
      ) : null}

      {/* The run's backend once it has one, so the saved model never moves it. */}
      <UseMyModel session={session} backend={view.backend?.name ?? values.backend} />
    </section>
  );
}

/** The gallery's order (mistakes first), the same the evaluation shows. */
const shownIndices = (result: Evaluation) => galleryIndices(result, HELD_OUT_GALLERY);
