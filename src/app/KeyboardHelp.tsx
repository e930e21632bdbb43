import { useEffect, useRef } from 'react';
import { SHORTCUTS } from '../ui/keys';

/** The list of keys, as a modal dialog (Esc or the button closes it and focus returns). */
export function KeyboardHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="keyboard-help" aria-labelledby="keyboard-help-title" onClose={onClose} data-testid="keyboard-help">
      <h2 id="keyboard-help-title">Teclado</h2>
      <p>En un laboratorio, las teclas mueven su entrenamiento. En una lección con varios, el que tiene el foco.</p>
      <dl>
        {SHORTCUTS.map((s) => (
          <div key={s.keys}>
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{s.what}</dd>
          </div>
        ))}
      </dl>
      <p>Tab recorre todos los controles; Esc cierra esta ayuda.</p>
      <button type="button" onClick={onClose} autoFocus>
        Cerrar
      </button>
    </dialog>
  );
}
