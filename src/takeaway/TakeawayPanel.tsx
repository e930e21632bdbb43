import { useMemo, useState } from 'react';
import { downloadText } from './download';
import { historyCsv } from './historyCsv';
import { highlight, type CodeLanguage } from './highlight';
import { useHasHistory, useLabValues, type LabRunStore } from './LabRunContext';
import { buildNotebook } from './notebook';
import { kerasCode } from './program';
import { programFor } from './programs';
import './takeaway.css';

function CodeBlock({ title, code, language, testId }: { title: string; code: string; language: CodeLanguage; testId: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const html = useMemo(() => highlight(code, language), [code, language]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
    setTimeout(() => setCopied('idle'), 2500);
  };
  return (
    <section className="code-block" aria-label={title}>
      <div className="code-block-head">
        <h3>{title}</h3>
        <button type="button" onClick={() => void copy()} data-testid={`copy-${testId}`}>
          Copiar
        </button>
        <span role="status" className="code-block-status">
          {copied === 'copied' ? 'Copiado' : copied === 'failed' ? 'No se pudo copiar: selecciona el texto' : ''}
        </span>
      </div>
      {/* highlight.js escapes the code; the HTML only adds its <span class="hljs-…"> marks. */}
      <pre className="hljs" data-testid={testId} data-language={language}>
        <code dangerouslySetInnerHTML={{ __html: html }} />
      </pre>
    </section>
  );
}

/**
 * Below a lab's widget: the Keras and TF.js code of the exact configuration on screen (a fold,
 * closed by default), the notebook to open in Colab and the history as Keras's CSVLogger
 * writes it. Everything comes from what the widget publishes (see LabRunContext).
 */
export default function TakeawayPanel({ store }: { store: LabRunStore }) {
  const { widget } = store;
  const values = useLabValues(store);
  const hasHistory = useHasHistory(store);
  const program = useMemo(() => (values ? programFor(widget, values) : null), [widget, values]);
  if (!program) return null;

  // The link as it is when clicked: the URL holds every control.
  const downloadNotebook = () =>
    downloadText(
      `${widget}.ipynb`,
      buildNotebook(program, { history: store.getHistory(), link: window.location.href }),
      'application/x-ipynb+json',
    );
  const downloadHistory = () => downloadText(`${widget}-historial.csv`, historyCsv(store.getHistory()), 'text/csv');

  return (
    <section className="takeaway" aria-label="Llévatelo: el código, el cuaderno y el historial">
      <div className="takeaway-actions">
        <button type="button" data-testid="download-notebook" onClick={downloadNotebook}>
          Descargar cuaderno (.ipynb)
        </button>
        <button
          type="button"
          data-testid="download-history"
          disabled={!hasHistory}
          title={hasHistory ? undefined : 'Entrena al menos una época para tener historial'}
          onClick={downloadHistory}
        >
          Descargar historial (CSV)
        </button>
      </div>
      <details className="takeaway-code">
        <summary>Ver el código</summary>
        <p className="hint">
          El código de la configuración que ves arriba: cambia con cada control. El cuaderno lleva el mismo programa, explicado paso a paso,
          para abrirlo en Colab.
        </p>
        <CodeBlock title="Keras (Python)" code={kerasCode(program)} language="python" testId="code-keras" />
        <CodeBlock title="TensorFlow.js" code={program.tfjs} language="javascript" testId="code-tfjs" />
      </details>
    </section>
  );
}
