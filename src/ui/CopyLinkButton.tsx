import { useState } from 'react';
import './CopyLinkButton.css';

/** Copies the link of the exact configuration (the URL holds every control). */
export function CopyLinkButton({ href }: { href: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const url = new URL(href, window.location.href).href;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2500);
  };
  return (
    <span className="copy-link">
      <button type="button" onClick={() => void copy()} data-testid="copy-link" data-href={url}>
        Copiar enlace
      </button>
      <span role="status" className="copy-link-status">
        {state === 'copied' ? 'Enlace copiado' : state === 'failed' ? `No se pudo copiar; el enlace es ${url}` : ''}
      </span>
    </span>
  );
}
