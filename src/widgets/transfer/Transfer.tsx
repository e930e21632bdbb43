import { useEffect, useMemo, useRef, useState } from 'react';
import type { BackendPreference, RunSpec } from '../../engine/spec';
import { MINI_PRETRAIN_CLASSES } from '../../engine/efficientnet/mini';
import type { Evaluation } from '../../engine/trainer';
import { formatNumber } from '../../ui/format';
import { LossChart } from '../../ui/LossChart';
import { ProgressBar } from '../../ui/ProgressBar';
import { Readout } from '../../ui/Readout';
import { useThrottled } from '../../ui/useThrottled';
import { EngineMessages, EngineReadouts } from '../EngineReadouts';
import { FieldControl } from '../FieldControl';
import { TrainingControls } from '../TrainingControls';
import { AUTOPLAY_FIELD, BACKEND_FIELD, SEED_FIELD, useUrlState, type Fields } from '../urlState';
import { useEngineSession } from '../useEngineSession';
import { useTrainer, type TrainerView } from '../useTrainer';
import { galleryIndices } from '../../ui/PredictionGallery';
import { BaseWeightsPanel } from './BaseWeightsPanel';
import { HELD_OUT_GALLERY, HeldOutEvaluation } from './HeldOutEvaluation';
import { OwnImagesPanel } from './OwnImagesPanel';
import { useOwnImages } from './ownImages';
import { ClassPicker } from './ClassPicker';
import { PhaseExplanation } from './PhaseExplanation';
import { describeUnfreeze, PhaseTwo } from './PhaseTwo';
import { RandomControl } from './RandomControl';
import {
  BASE_FIELD,
  CLASSES_FIELD,
  classNames,
  EPOCHS2_FIELD,
  EPOCHS_FIELD,
  IMAGES_FIELD,
  LR2_FIELD,
  LR_FIELD,
  NAMES_FIELD,
  parseClasses,
  transferSpec,
  UNFREEZE_FIELD,
  VALIDATION_FIELD,
  type TransferSettings,
} from './settings';
import { useBaseWeights } from './useBaseWeights';
import { useRemoteLoad } from './useRemoteLoad';

const FIELDS = {
  base: BASE_FIELD,
  classes: CLASSES_FIELD,
  nombres: NAMES_FIELD,
  images: IMAGES_FIELD,
  val: VALIDATION_FIELD,
  lr: LR_FIELD,
  epochs: EPOCHS_FIELD,
  unfreeze: UNFREEZE_FIELD,
  lr2: LR2_FIELD,
  epochs2: EPOCHS2_FIELD,
  seed: SEED_FIELD,
  backend: BACKEND_FIELD,
  autoplay: AUTOPLAY_FIELD,
} satisfies Fields;

const CHART_INTERVAL_MS = 400;
const ACCURACY_SERIES = [
  { key: 'accuracy', label: 'entrenamiento', color: 'var(--series-1)' },
  { key: 'val_accuracy', label: 'validación', color: 'var(--series-2)' },
  { key: 'control_val_accuracy', label: 'validación, base aleatoria (control)', color: 'var(--series-4)' },
];
const LOSS_SERIES = [
  { key: 'loss', label: 'entrenamiento', color: 'var(--series-1)' },
  { key: 'val_loss', label: 'validación', color: 'var(--series-2)' },
];

/** Validation accuracy where phase 1 ended (the epoch phase 2 began at, or the last one). */
export function phaseOneAccuracy(view: TrainerView): number | null {
  const end = view.phases[1]?.epoch ?? view.epoch;
  return view.history.find((r) => r.epoch === end)?.logs.val_accuracy ?? null;
}

/**
 * Exercise E: a pretrained EfficientNet frozen under a new head (phase 1, on cached
 * features), then its top blocks unfrozen and fine-tuned with a small learning rate
 * (phase 2), against the same head on a randomly initialised base.
 */
export function Transfer() {
  const { values, notices, set } = useUrlState(FIELDS);
  const generation = useRef(0);
  const session = useEngineSession(generation);
  const weights = useBaseWeights(session, values.base, (base) => set({ base }));
  const cifarClasses = parseClasses(values.classes);
  const [cifar, retryCifar] = useRemoteLoad(session, cifarClasses ? 'cifar10' : null, (remote, onProgress) =>
    // One training file holds about 1.000 images of each class: a fifth of the download.
    remote.loadCifar10(new URL('data/cifar10/', document.baseURI).href, onProgress, 1),
  );
  const own = useOwnImages(session);
  const names = classNames(cifarClasses, values.nombres);
  const seenInPretraining = (cifarClasses ?? []).filter((c) => MINI_PRETRAIN_CLASSES.includes(c)).map((c) => classNames([c], '')[0]);
  const inUse = weights.state.status === 'ready' ? weights.state.value.weights.base : null;
  const dataReady = cifarClasses ? cifar.status === 'ready' : own.version > 0;

  const settings: TransferSettings | null = inUse && {
    base: inUse,
    weights: 'pretrained',
    classes: cifarClasses,
    ownVersion: own.version,
    images: values.images,
    validation: values.val,
    lr: values.lr,
    epochs: values.epochs,
    seed: values.seed,
    backend: values.backend,
  };
  const settingsKey = JSON.stringify(settings);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const spec: RunSpec | null = useMemo(() => (settings && dataReady ? transferSpec(settings) : null), [settingsKey, dataReady]);
  const [view, controls] = useTrainer(spec, values.autoplay, { session, slot: 0 });
  const busy = view.status === 'training' || view.preparing !== null;
  const phase = Math.max(1, view.phases.length);
  const blocks = view.info?.blocks ?? [];
  const last = view.history.at(-1);

  // The control: the same head, budget and seed on a randomly initialised base (slot 1).
  const [controlWanted, setControlWanted] = useState(false);
  useEffect(() => setControlWanted(false), [spec]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const controlSpec = useMemo(() => (controlWanted && settings && spec ? transferSpec({ ...settings, weights: 'random' }) : null), [controlWanted, spec]);
  const [control] = useTrainer(controlSpec, true, { session, slot: 1 });

  // Phase 2 from the panel, or by itself after phase 1 with autoplay=1.
  const fineTune = async () => {
    if (await controls.fineTune({ unfreeze: Math.min(values.unfreeze, blocks.length), learningRate: values.lr2, epochs: values.epochs2 })) controls.start();
  };
  const autoTuned = useRef<RunSpec | null>(null);
  useEffect(() => {
    if (!values.autoplay || view.status !== 'done' || view.phases.length !== 1 || autoTuned.current === spec) return;
    autoTuned.current = spec;
    void fineTune();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.status]);

  // The held-out images judged one by one: when a phase ends, or on demand.
  const [evaluation, setEvaluation] = useState<{ result: Evaluation; images: Uint8Array[]; side: number } | null>(null);
  const evaluate = async () => {
    const remote = session.current;
    const result = await remote?.evaluateTest(0);
    if (!remote || !result) return;
    const pictures = await remote.heldOutImages(shownIndices(result), 0);
    if (pictures) setEvaluation({ result, ...pictures });
  };
  useEffect(() => {
    if (view.status === 'done') void evaluate();
    if (view.status === 'loading' || view.status === 'training' || view.status === 'idle') setEvaluation(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.status]);

  const history = useThrottled(view.history, CHART_INTERVAL_MS);
  const controlHistory = useThrottled(control.history, CHART_INTERVAL_MS);
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
    () => view.phases.slice(1).map((p) => ({ epoch: p.epoch, label: `descongelado: ${p.unfrozen} ${p.unfrozen === 1 ? 'bloque' : 'bloques'}` })),
    [view.phases],
  );

  const before = phaseOneAccuracy(view);
  const after = view.phases.length > 1 && view.epoch > view.phases.at(-1)!.epoch ? (last?.logs.val_accuracy ?? null) : null;
  const trainImages = cifarClasses ? values.images * names.length : own.perClass.reduce((n, l) => n + l.length, 0);
  const epochMs = view.samplesPerSecond ? (1000 * trainImages) / view.samplesPerSecond : null;

  return (
    <section className="widget transfer" data-testid="widget-transfer" aria-label="Transferencia de aprendizaje con EfficientNet">
      {notices.map((n) => (
        <p key={n} className="message message-error" role="alert" data-testid="url-notice">{n}</p>
      ))}
      <BaseWeightsPanel state={weights.state} retry={weights.retry} convert={(file) => void weights.convert(file)} conversion={weights.conversion} />

      <div className="widget-controls dense-controls">
        <FieldControl field={BASE_FIELD} value={values.base} disabled={busy} onCommit={(v) => set({ base: v as typeof values.base })} testId="input-base" />
        <ClassPicker classes={cifarClasses} disabled={busy} onChange={(classes) => set({ classes })} />
        {cifarClasses ? (
          <>
            <FieldControl field={IMAGES_FIELD} value={values.images} disabled={busy} onCommit={(images) => set({ images })} testId="input-images" />
            <FieldControl field={VALIDATION_FIELD} value={values.val} disabled={busy} onCommit={(val) => set({ val })} testId="input-val" />
          </>
        ) : null}
        <FieldControl field={EPOCHS_FIELD} value={values.epochs} disabled={busy} onCommit={(epochs) => set({ epochs })} testId="input-epochs" />
        <FieldControl field={LR_FIELD} value={values.lr} disabled={busy} onCommit={(lr) => set({ lr })} testId="input-lr" />
        <FieldControl field={SEED_FIELD} value={values.seed} disabled={busy} onCommit={(seed) => set({ seed })} testId="input-seed" />
        <FieldControl field={BACKEND_FIELD} value={values.backend} disabled={busy} onCommit={(v) => set({ backend: v as BackendPreference })} testId="input-backend" />
        <TrainingControls view={view} controls={controls} />
      </div>

      {inUse === 'mini' && seenInPretraining.length > 0 ? (
        <p className="hint" data-testid="classes-seen">
          Ojo: la base mini ya vio {seenInPretraining.join(' y ')} al preentrenarse; con esas clases la comparación con la base aleatoria es
          menos justa. Las de la tarea por defecto (pájaro, gato, ciervo, perro) nunca las vio.
        </p>
      ) : null}
      {cifarClasses && cifar.status === 'loading' ? <ProgressBar fraction={cifar.progress.fraction} label={cifar.progress.label} testId="data-progress" /> : null}
      {cifarClasses && cifar.status === 'error' ? (
        <div className="message message-error" role="alert" data-testid="data-error">
          <p>No se pudieron cargar las imágenes de CIFAR-10. {cifar.message}</p>
          <button type="button" data-testid="data-retry" onClick={retryCifar}>Reintentar</button>
        </div>
      ) : null}
      {!cifarClasses ? (
        <OwnImagesPanel own={own} names={names} disabled={busy}
          onRename={(i, name) => set({ nombres: names.map((n, j) => (j === i ? name.replace(/,/g, ' ') : n)).join(',') })} />
      ) : null}
      {view.preparing ? <ProgressBar fraction={view.preparing.fraction} label={view.preparing.label} testId="prepare-progress" /> : null}

      <div className="readout-row">
        <EngineReadouts view={view} />
        <Readout testId="phase" label="Fase" value={view.phases.length ? phase : null}
          text={phase === 1 ? '1: base congelada' : `${phase}: ${view.phases.at(-1)!.unfrozen} ${view.phases.at(-1)!.unfrozen === 1 ? 'bloque' : 'bloques'} descongelados`} />
        <Readout testId="param-count" label="Parámetros" value={view.info?.paramCount ?? null} format="integer" />
        <Readout testId="trainable-count" label="Entrenables" value={view.info?.trainableCount ?? null} format="integer" />
        <Readout testId="loss" label="Pérdida" value={last?.logs.loss ?? null} format="number" digits={4} />
        <Readout testId="accuracy" label="Exactitud" value={last?.logs.accuracy ?? null} format="percent" digits={1} />
        <Readout testId="val-accuracy" label="Exactitud en validación" value={last?.logs.val_accuracy ?? null} format="percent" digits={1} />
        <Readout testId="epoch-ms" label="Duración de una época" value={epochMs} format="number" digits={1} unit="ms" />
      </div>
      <EngineMessages view={view} />
      <PhaseExplanation view={view} base={inUse} />

      <div className="widget-charts transfer-charts">
        <LossChart rows={rows} series={ACCURACY_SERIES} logScale={false} markers={markers}
          summary={`Exactitud por época en las dos fases${markers.length ? `; descongelado en la época ${markers.map((m) => m.epoch).join(', ')}` : ''}.`} />
        <LossChart rows={rows} series={LOSS_SERIES} markers={markers} summary="Pérdida por época en las dos fases." />
      </div>
      {markers.length > 0 ? (
        <ul className="phase-markers hint">
          {view.phases.slice(1).map((p) => (
            <li key={p.epoch} data-testid="phase-marker" data-value={p.epoch}>
              Época {p.epoch}: {describeUnfreeze(blocks, p.unfrozen)}; η = {formatNumber(p.learningRate, 3)}; se guardan las activaciones a la
              entrada de {p.cutName}.
            </li>
          ))}
        </ul>
      ) : null}
      <div className="readout-row">
        <Readout testId="val-accuracy-before" label="Validación al acabar la fase 1" value={before} format="percent" digits={1} />
        <Readout testId="val-accuracy-after" label="Validación tras afinar" value={after} format="percent" digits={1} />
      </div>

      {blocks.length > 0 ? (
        <PhaseTwo blocks={blocks} unfreeze={values.unfreeze} lr2={values.lr2} epochs2={values.epochs2} disabled={busy}
          canStart={(view.status === 'done' || view.status === 'paused') && view.epoch > 0}
          onChange={(changes) => set(changes)} onStart={() => void fineTune()} />
      ) : null}

      <RandomControl view={control} started={controlWanted} mainAccuracy={before} epochs={values.epochs} disabled={!spec || controlWanted} onStart={() => setControlWanted(true)} />

      <div className="widget-actions">
        <button type="button" data-testid="evaluate" disabled={busy || view.status === 'loading'} onClick={() => void evaluate()}>
          Evaluar con las imágenes apartadas
        </button>
      </div>
      {evaluation ? <HeldOutEvaluation result={evaluation.result} images={evaluation.images} side={evaluation.side} names={names} /> : null}
    </section>
  );
}

/** The gallery's order (mistakes first), the same the evaluation shows. */
const shownIndices = (result: Evaluation) => galleryIndices(result, HELD_OUT_GALLERY);
