import { BACKEND_LABELS } from '../engine/labels';
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

/** Readouts every widget shows: status, epoch, backend, speed and live tensors. */
export function EngineReadouts({ view }: { view: TrainerView }) {
  const backend = view.backend?.name ?? null;
  return (
    <>
      <Readout testId="status" label="Estado" value={view.status === 'loading' ? null : view.status} text={STATUS_LABELS[view.status]} />
      <Readout testId="epoch" label="Época" value={view.epoch} text={`${view.epoch} de ${view.epochs}`} />
      <Readout testId="backend" label="Motor" value={backend} text={backend ? BACKEND_LABELS[backend] : '—'} />
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
      {view.backend ? <p className="backend-reason" data-testid="backend-reason">{view.backend.reason}</p> : null}
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
