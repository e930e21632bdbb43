import type { RunSpec } from '../../engine/protocol';
import { downloadBlob, zipFiles } from '../../takeaway/download';
import { hasKerasTwin, NO_KERAS_TWIN, TRANSFER_WEIGHTS_FILE, transferKerasWeightsH5 } from '../../takeaway/kerasTransferWeights';
import { useActionNote } from '../useActionNote';
import type { SessionRef } from '../useEngineSession';

/** Where "Guardar en el navegador" keeps the transfer model (IndexedDB) and "Usar mi modelo" finds it. */
export const SAVED_TRANSFER_KEY = 'laboratorio-transferencia';
export const TRANSFER_ZIP = 'mi-modelo-transferencia.zip';

/**
 * The trained network (base, unfrozen blocks and head: pixels in, classes out) kept in this
 * browser or downloaded as one zip (model.json with the class names inside, its weights, and
 * clases.json), so "Usar mi modelo" can judge new photos with it after a reload; or, on the
 * B0 and B3 bases, as the Keras 3 weights of the model "Ver el código" builds for the run.
 */
export function ModelKeeper({
  session,
  spec,
  names,
  disabled,
}: {
  session: SessionRef;
  /** The run whose model is trained: its base and data say which Keras model the weights are for. */
  spec: RunSpec | null;
  names: string[];
  disabled: boolean;
}) {
  const [note, act] = useActionNote(session);
  const metadata = { names };
  // CIFAR-10's 32×32 images are resized inside the Keras model; the student's photos come at the base's side.
  const keras = spec?.model.kind === 'transfer' ? { base: spec.model.base, resizing: spec.data.kind === 'cifar10-classes' } : null;
  const twin = keras !== null && hasKerasTwin(keras.base);
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
      <button
        type="button"
        data-testid="transfer-download-keras"
        disabled={disabled || !twin}
        aria-describedby={keras && !twin ? 'transfer-keras-why' : undefined}
        onClick={() =>
          act(async () => {
            const { modelJson, weights } = await session.current!.exportModel(0);
            const h5 = await transferKerasWeightsH5(modelJson, weights, keras!);
            downloadBlob(TRANSFER_WEIGHTS_FILE, new Blob([h5 as Uint8Array<ArrayBuffer>], { type: 'application/x-hdf5' }));
            return `Descargado ${TRANSFER_WEIGHTS_FILE} (Keras 3): cárgalo con model.load_weights() en el modelo de «Ver el código».`;
          })
        }
      >
        Descargar pesos de Keras (.weights.h5)
      </button>
      {keras && !twin ? (
        <p className="hint" id="transfer-keras-why" data-testid="transfer-keras-why">
          {NO_KERAS_TWIN}
        </p>
      ) : null}
      {note ? (
        <p className={note.error ? 'message message-error' : 'hint'} role="status" data-testid="transfer-save-note">
          {note.text}
        </p>
      ) : null}
    </div>
  );
}
