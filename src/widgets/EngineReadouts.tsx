import type { ReactNode } from 'react';
import { BACKEND_LABELS, type BackendChoice, type Logs } from '../engine/protocol';
import { Readout } from '../ui/Readout';
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

/** Readouts every widget shows: status, epoch, backend, speed and live tensors. */
export function EngineReadouts({ view }: { view: TrainerView }) {
  return (
    <>
      <Readout testId="status" label="Estado" value={view.status === 'loading' ? null : view.status} text={STATUS_LABELS[view.status]} />
      <Readout testId="epoch" label="Época" value={view.epoch} text={`${view.epoch} de ${view.epochs}`} />
      <BackendReadout backend={view.backend} />
      <Readout testId="samples-per-second" label="Velocidad" value={view.samplesPerSecond} format="number" digits={1} unit="muestras/s" />
      <Readout testId="tensor-count" label="Tensores vivos" value={view.tensorCount} format="integer" />
    </>
  );
}

/** Why the engine runs where it runs, and any message about how the run ended. */
export function EngineMessages({ view }: { view: TrainerView }) {
  const alarming = view.status === 'diverged' || view.status === 'error';
  return (
    <>
      <BackendReason backend={view.backend} />
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

/** A training widget's readout row: the engine's readouts first, then the widget's own; the engine's messages under it. */
export function TrainingReadouts({ view, children }: { view: TrainerView; children: ReactNode }) {
  return (
    <>
      <div className="readout-row">
        <EngineReadouts view={view} />
        {children}
      </div>
      <EngineMessages view={view} />
    </>
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
