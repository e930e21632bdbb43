import { Dialog } from '../ui/Dialog';
import { SHORTCUTS } from '../ui/keys';

/** The list of keys, as a modal dialog (Esc or the button closes it and focus returns). */
export function KeyboardHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Teclado" testId="keyboard-help">
      <p>En un laboratorio, las teclas mueven su entrenamiento. En una lección con varios, el que tiene el foco.</p>
      <dl className="keyboard-help">
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
    </Dialog>
  );
}
