import { useState } from 'react';
import { downloadBlob, zipFiles } from '../../takeaway/download';
import type { SessionRef } from '../useEngineSession';

/** Where "Guardar en el navegador" keeps the transfer model (IndexedDB) and "Usar mi modelo" finds it. */
export const SAVED_TRANSFER_KEY = 'laboratorio-transferencia';
export const TRANSFER_ZIP = 'mi-modelo-transferencia.zip';

/**
 * The trained network (base, unfrozen blocks and head: pixels in, classes out) kept in this
 * browser or downloaded as one zip (model.json with the class names inside, its weights, and
 * clases.json), so "Usar mi modelo" can judge new photos with it after a reload.
 */
export function ModelKeeper({ session, names, disabled }: { session: SessionRef; names: string[]; disabled: boolean }) {
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const act = (what: () => Promise<string>) => {
    if (!session.current) return;
    setNote({ text: 'Un momento…', error: false });
    what().then(
      (text) => setNote({ text, error: false }),
      (error: unknown) => setNote({ text: error instanceof Error ? error.message : String(error), error: true }),
    );
  };
  const metadata = { names };
  return (
    <div className="model-storage" role="group" aria-label="Guardar el modelo entrenado">
      <button
        type="button"
        data-testid="transfer-save"
        disabled={disabled}
        onClick={() =>
          act(async () => {
            await session.current!.saveToBrowser(SAVED_TRANSFER_KEY, 0, metadata);
            return 'Modelo guardado en este navegador: «Usar mi modelo» lo encuentra aunque recargues la página.';
          })
        }
      >
        Guardar en el navegador
      </button>
      <button
        type="button"
        data-testid="transfer-download"
        disabled={disabled}
        onClick={() =>
          act(async () => {
            const { modelJson, weights } = await session.current!.exportModel(0, metadata);
            const zip = zipFiles({
              'model.json': modelJson,
              'model.weights.bin': new Uint8Array(weights),
              'clases.json': JSON.stringify(names),
            });
            downloadBlob(TRANSFER_ZIP, new Blob([zip], { type: 'application/zip' }));
            return `Descargado ${TRANSFER_ZIP}: model.json, model.weights.bin (TensorFlow.js) y clases.json.`;
          })
        }
      >
        Descargar el modelo (.zip)
      </button>
      {note ? (
        <p className={note.error ? 'message message-error' : 'hint'} role="status" data-testid="transfer-save-note">
          {note.text}
        </p>
      ) : null}
    </div>
  );
}
