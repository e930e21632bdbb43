import { useEffect, useId, useRef, type ReactNode } from 'react';
import './Dialog.css';

/**
 * A modal dialog driven by `open`: the browser's <dialog> traps focus and closes on Esc, the
 * button closes it too, and focus goes back to what opened it.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  testId,
}: {
  open: boolean;
  onClose(): void;
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={onClose} data-testid={testId}>
      <h2 id={titleId}>{title}</h2>
      {open ? children : null}
      <button type="button" className="dialog-close" onClick={onClose}>
        Cerrar
      </button>
    </dialog>
  );
}
