import { useState } from 'react';
import type { SessionRef } from '../useEngineSession';

const KEY = 'laboratorio-cifar10-mlp';

function download(name: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  // Give the browser time to start the download before the address dies.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Keep the trained model in this browser (IndexedDB), download it in tfjs format, load it back. */
export function ModelStorage({ session, disabled, onLoaded }: { session: SessionRef; disabled: boolean; onLoaded: () => void }) {
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const act = (what: () => Promise<string>) => {
    const remote = session.current;
    if (!remote) return;
    setNote({ text: 'Un momento…', error: false });
    what().then(
      (text) => setNote({ text, error: false }),
      (error: unknown) => setNote({ text: error instanceof Error ? error.message : String(error), error: true }),
    );
  };
  return (
    <div className="model-storage" role="group" aria-label="Guardar y cargar el modelo">
      <button
        type="button"
        data-testid="save-browser"
        disabled={disabled}
        onClick={() => act(async () => (await session.current!.saveToBrowser(KEY), 'Modelo guardado en este navegador (IndexedDB).'))}
      >
        Guardar en el navegador
      </button>
      <button
        type="button"
        data-testid="load-browser"
        disabled={disabled}
        onClick={() =>
          act(async () => (await session.current!.loadWeights({ key: KEY }), onLoaded(), 'Modelo cargado desde este navegador.'))
        }
      >
        Cargar del navegador
      </button>
      <button
        type="button"
        data-testid="download-model"
        disabled={disabled}
        onClick={() =>
          act(async () => {
            const { modelJson, weights } = await session.current!.exportModel();
            download('model.json', modelJson, 'application/json');
            download('model.weights.bin', weights, 'application/octet-stream');
            return 'Descargados model.json y model.weights.bin (formato de TensorFlow.js).';
          })
        }
      >
        Descargar (TensorFlow.js)
      </button>
      <label className="file-button">
        Cargar archivos…
        <input
          type="file"
          multiple
          accept=".json,.bin"
          data-testid="load-files"
          disabled={disabled}
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = '';
            if (files.length > 0)
              act(
                async () => (
                  await session.current!.loadWeights({ files }),
                  onLoaded(),
                  `Modelo cargado de ${files.map((f) => f.name).join(' y ')}.`
                ),
              );
          }}
        />
      </label>
      {note ? (
        <p className={note.error ? 'message message-error' : 'hint'} role={note.error ? 'alert' : 'status'} data-testid="storage-note">
          {note.text}
        </p>
      ) : null}
    </div>
  );
}
