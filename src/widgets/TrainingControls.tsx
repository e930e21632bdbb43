import type { TrainerControls, TrainerView } from './useTrainer';

/** Play/pause, one step and reset: the same buttons, in the same place, on every widget. */
export function TrainingControls({ view, controls }: { view: TrainerView; controls: TrainerControls }) {
  const { status } = view;
  const ready = status === 'idle' || status === 'paused';
  const training = status === 'training';
  return (
    <div className="training-controls" role="group" aria-label="Control del entrenamiento">
      <button
        type="button"
        className="primary"
        data-testid="play"
        disabled={!ready && !training}
        onClick={() => (training ? controls.pause() : controls.start())}
      >
        {training ? '❚❚ Pausar' : status === 'paused' ? '▶ Continuar' : '▶ Entrenar'}
      </button>
      <button type="button" data-testid="step" disabled={!ready} onClick={() => controls.step('batch')}>
        → Un paso
      </button>
      <button type="button" data-testid="reset" disabled={status === 'loading'} onClick={() => controls.reset()}>
        ↺ Reiniciar
      </button>
    </div>
  );
}
