import { useEffect, useRef } from 'react';
import { isShortcut } from '../ui/keys';
import { nextBackend, type BackendSettings } from './urlState';
import type { TrainerControls, TrainerView } from './useTrainer';

/**
 * Does this widget own a page-wide key? The one holding focus does; with focus elsewhere,
 * a page with a single widget (the #/lab pages) gives it the keys.
 */
function ownsKeys(root: Element | null): boolean {
  if (!root) return false;
  const focused = document.activeElement;
  if (focused && root.contains(focused)) return true;
  const widgets = document.querySelectorAll('.widget');
  const focusedWidget = focused?.closest('.widget');
  return !focusedWidget && widgets.length === 1 && widgets[0] === root;
}

/**
 * Play/pause, one step and reset: the same buttons, in the same place, on every widget.
 * With `traced`, the step keeps every intermediate number for the step-by-step view.
 * `settings` are the widget's own (see urlState), which the B key changes like the menu.
 */
export function TrainingControls({
  view,
  controls,
  settings,
  traced = false,
}: {
  view: TrainerView;
  controls: TrainerControls;
  settings: BackendSettings;
  traced?: boolean;
}) {
  const { status } = view;
  // While the engine prepares (caching a transfer run's activations) nothing can run yet.
  const waiting = view.preparing !== null;
  const ready = (status === 'idle' || status === 'paused') && !waiting;
  const training = status === 'training';
  const group = useRef<HTMLDivElement>(null);
  const step = () => (traced ? controls.traceStep() : controls.step('batch'));

  // Space, → and R drive the run; B cycles the backend.
  const latest = useRef({ ready, training, step, controls, settings });
  latest.current = { ready, training, step, controls, settings };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isShortcut(event) || !ownsKeys(group.current?.closest('.widget') ?? null)) return;
      const { ready, training, step, controls, settings } = latest.current;
      const key = event.key.toLowerCase();
      if (key === ' ' && (ready || training)) {
        if (training) controls.pause();
        else controls.start();
      } else if (key === 'arrowright' && ready) step();
      else if (key === 'r') controls.reset();
      // An update function: two quick presses may come before React re-renders.
      else if (key === 'b' && !training) settings.set(({ backend }) => ({ backend: nextBackend(backend) }));
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="training-controls" role="group" aria-label="Control del entrenamiento (Espacio, → y R)" ref={group}>
      <button
        type="button"
        className="primary"
        data-testid="play"
        disabled={!ready && !training}
        onClick={() => (training ? controls.pause() : controls.start())}
      >
        {training ? '❚❚ Pausar' : status === 'paused' ? '▶ Continuar' : '▶ Entrenar'}
      </button>
      <button type="button" data-testid="step" disabled={!ready} onClick={step}>
        → Un paso
      </button>
      <button type="button" data-testid="reset" disabled={status === 'loading' || waiting} onClick={() => controls.reset()}>
        ↺ Reiniciar
      </button>
    </div>
  );
}
