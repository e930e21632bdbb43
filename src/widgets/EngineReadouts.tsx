import type { ReactNode } from 'react';
import { BACKEND_LABELS, type BackendChoice, type Logs } from '../engine/protocol';
import { Readout } from '../ui/Readout';
import './LabParts.css';
import type { TrainerView } from './useTrainer';

export const STATUS_LABELS: Record<TrainerView['status'], string> = {
  loading: 'Preparando…',
  idle: 'Listo',
  training: 'Entrenando',
  paused: 'En pausa',
  done: 'Terminado',
  diverged: 'Divergió',
  error: 'Error',
};

/** The backend the engine chose, for training or for one computation; '—' until it has chosen. */
export function BackendReadout({ backend }: { backend: BackendChoice | null | undefined }) {
  const name = backend?.name ?? null;
  return <Readout testId="backend" label="Motor" value={name} text={name ? BACKEND_LABELS[name] : '—'} />;
}

/** Why the engine runs where it runs, once it has chosen. */
export function BackendReason({ backend }: { backend: BackendChoice | null | undefined }) {
  return backend ? (
    <p className="backend-reason" data-testid="backend-reason">
      {backend.reason}
    </p>
  ) : null;
}

/** The readouts that teach on every training widget: status and epoch. */
export function RunReadouts({ view }: { view: TrainerView }) {
  return (
    <>
      <Readout testId="status" label="Estado" value={view.status === 'loading' ? null : view.status} text={STATUS_LABELS[view.status]} />
      <Readout testId="epoch" label="Época" value={view.epoch} text={`${view.epoch} de ${view.epochs}`} />
    </>
  );
}

/** The engine's figures a page shows; a one-off computation (no training) has no speed or tensor count. */
interface EngineFigures {
  backend: BackendChoice | null | undefined;
  samplesPerSecond?: number | null;
  tensorCount?: number | null;
}

/**
 * The engine's own figures (backend and why, speed, live tensors) as one small line: they
 * matter to the curious and to the instructor, not to the lesson, so they stay out of the way.
 */
export function EngineLine({ view }: { view: EngineFigures }) {
  return (
    <div className="engine-line" role="group" aria-label="Motor">
      <BackendReadout backend={view.backend} />
      {view.samplesPerSecond === undefined ? null : (
        <Readout testId="samples-per-second" label="Velocidad" value={view.samplesPerSecond} format="number" digits={1} unit="muestras/s" />
      )}
      {view.tensorCount === undefined ? null : (
        <Readout testId="tensor-count" label="Tensores vivos" value={view.tensorCount} format="integer" />
      )}
      <BackendReason backend={view.backend} />
    </div>
  );
}

/** Messages about how the run goes or ended: paused while hidden, diverged, failed. */
export function EngineMessages({ view }: { view: TrainerView }) {
  const alarming = view.status === 'diverged' || view.status === 'error';
  return (
    <>
      {view.pausedWhileHidden && view.status === 'paused' ? (
        <p className="message" role="status" data-testid="hidden-pause">
          En pausa porque la pestaña quedó oculta: así no gasta batería ni GPU mientras nadie mira. Pulsa «Continuar» para seguir.
        </p>
      ) : null}
      {view.message ? (
        <p className={alarming ? 'message message-error' : 'message'} role={alarming ? 'alert' : 'status'} data-testid="message">
          {view.message}
        </p>
      ) : null}
    </>
  );
}

/** A training widget's readouts: status, epoch and the widget's own in large type, the engine's line under them. */
export function TrainingReadouts({ view, children }: { view: TrainerView; children: ReactNode }) {
  return (
    <div className="training-readouts">
      <div className="readout-row">
        <RunReadouts view={view} />
        {children}
      </div>
      <EngineMessages view={view} />
      <EngineLine view={view} />
    </div>
  );
}

interface MetricReadoutsProps {
  /** The logs to show: the last epoch's, or before the first epoch what the engine measured at the start. */
  logs: Logs | null | undefined;
  lossLabel?: string;
  /** Shows the training accuracy, with these decimals; a regression has none. */
  accuracyDigits?: number;
  /** Shows the validation accuracy too, for runs that keep images apart. */
  validation?: boolean;
}

/** The latest loss and accuracy, under the test ids every widget gives them. */
export function MetricReadouts({ logs, lossLabel = 'Pérdida', accuracyDigits, validation = false }: MetricReadoutsProps) {
  return (
    <>
      <Readout testId="loss" label={lossLabel} value={logs?.loss ?? null} format="number" digits={4} />
      {accuracyDigits === undefined ? null : (
        <Readout testId="accuracy" label="Exactitud" value={logs?.accuracy ?? null} format="percent" digits={accuracyDigits} />
      )}
      {validation ? (
        <Readout testId="val-accuracy" label="Exactitud en validación" value={logs?.val_accuracy ?? null} format="percent" digits={1} />
      ) : null}
    </>
  );
}
