import { useId, useState, type FocusEvent } from 'react';
import { Dialog } from './Dialog';
import './CopyLinkButton.css';

type CopyState = { what: string; ok: boolean } | null;

/** Copies text to the clipboard and says so (or says why not) for a few seconds. */
function useCopy(): [CopyState, (text: string, what: string) => Promise<void>] {
  const [state, setState] = useState<CopyState>(null);
  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setState({ what, ok: true });
    } catch {
      setState({ what, ok: false });
    }
    setTimeout(() => setState(null), 2500);
  };
  return [state, copy];
}

const selectAll = (event: FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => event.currentTarget.select();

/**
 * Copies the link of the exact configuration (the URL holds every control), and offers it with
 * `snippet`, the HTML that embeds the lab in another page.
 */
export function CopyLinkButton({ url, snippet }: { url: string; snippet: string }) {
  const [state, copy] = useCopy();
  const [dialogState, copyInDialog] = useCopy();
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <span className="copy-link">
      <button type="button" onClick={() => void copy(url, 'Enlace')} data-testid="copy-link" data-href={url}>
        Copiar enlace
      </button>
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)} data-testid="share-open">
        Insertar…
      </button>
      <span role="status" className="copy-link-status">
        {state ? (state.ok ? 'Enlace copiado' : `No se pudo copiar; el enlace es ${url}`) : ''}
      </span>
      <Dialog open={open} onClose={() => setOpen(false)} title="Compartir o insertar este laboratorio" testId="share-dialog">
        <div className="share-field">
          <label htmlFor={`${id}-link`}>Enlace a esta configuración</label>
          <input id={`${id}-link`} type="text" readOnly value={url} onFocus={selectAll} data-testid="share-link" />
          <button type="button" onClick={() => void copyInDialog(url, 'Enlace')}>
            Copiar
          </button>
        </div>
        <div className="share-field">
          <label htmlFor={`${id}-iframe`}>Para insertarlo en otra página (HTML, 800 × 600, sin cabecera ni pie)</label>
          <textarea id={`${id}-iframe`} readOnly rows={4} value={snippet} onFocus={selectAll} data-testid="iframe-snippet" />
          <button type="button" onClick={() => void copyInDialog(snippet, 'Código')} data-testid="copy-iframe">
            Copiar
          </button>
        </div>
        <p role="status" className="copy-link-status">
          {dialogState ? (dialogState.ok ? `${dialogState.what} copiado` : 'No se pudo copiar: selecciona el texto y cópialo a mano.') : ''}
        </p>
      </Dialog>
    </span>
  );
}
