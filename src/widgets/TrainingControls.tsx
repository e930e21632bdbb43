import type { TrainerControls, TrainerView } from './useTrainer';

/**
 * Play/pause, one step and reset: the same buttons, in the same place, on every widget.
 * With `traced`, the step keeps every intermediate number for the step-by-step view.
 */
export function TrainingControls({ view, controls, traced = false }: { view: TrainerView; controls: TrainerControls; traced?: boolean }) {
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
      <button type="button" data-testid="step" disabled={!ready} onClick={() => (traced ? controls.traceStep() : controls.step('batch'))}>
        → Un paso
      </button>
      <button type="button" data-testid="reset" disabled={status === 'loading'} onClick={() => controls.reset()}>
        ↺ Reiniciar
      </button>
    </div>
  );
}
