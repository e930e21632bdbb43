import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { BACKEND_NAMES } from '../engine/spec';
import { isShortcut } from '../ui/keys';
import type { TrainerControls, TrainerView } from './useTrainer';

const BACKEND_CYCLE = ['auto', ...BACKEND_NAMES];

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
 */
export function TrainingControls({ view, controls, traced = false }: { view: TrainerView; controls: TrainerControls; traced?: boolean }) {
  const { status } = view;
  // While the engine prepares (caching a transfer run's activations) nothing can run yet.
  const waiting = view.preparing !== null;
  const ready = (status === 'idle' || status === 'paused') && !waiting;
  const training = status === 'training';
  const group = useRef<HTMLDivElement>(null);
  const [, setParams] = useSearchParams();
  const step = () => (traced ? controls.traceStep() : controls.step('batch'));

  // Space, → and R drive the run; B cycles the backend (through the URL, like the menu).
  const latest = useRef({ ready, training, step, controls, setParams });
  latest.current = { ready, training, step, controls, setParams };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isShortcut(event) || !ownsKeys(group.current?.closest('.widget') ?? null)) return;
      const { ready, training, step, controls, setParams } = latest.current;
      const key = event.key.toLowerCase();
      if (key === ' ' && (ready || training)) training ? controls.pause() : controls.start();
      else if (key === 'arrowright' && ready) step();
      else if (key === 'r') controls.reset();
      else if (key === 'b' && !training) {
        // Read the address itself: two quick presses may come before React re-renders.
        const next = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
        const at = BACKEND_CYCLE.indexOf(next.get('backend') ?? 'auto');
        next.set('backend', BACKEND_CYCLE[(at + 1) % BACKEND_CYCLE.length]);
        next.delete('autoplay');
        setParams(next, { replace: true });
      } else return;
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
