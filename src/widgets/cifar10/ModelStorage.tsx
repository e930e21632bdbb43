import { downloadBlob, unzipPicked, zipFiles } from '../../takeaway/download';
import { kerasWeightsH5 } from '../../takeaway/kerasWeights';
import { CIFAR10_WEIGHTS_FILE } from '../../takeaway/labs/cifar10';
import { useActionNote } from '../useActionNote';
import type { SessionRef } from '../useEngineSession';
import { FileButton } from '../../ui/FileButton';

const KEY = 'laboratorio-cifar10-mlp';

/** Keep the trained model in this browser (IndexedDB), download it in tfjs format, load it back. */
export function ModelStorage({ session, disabled, onLoaded }: { session: SessionRef; disabled: boolean; onLoaded: () => void }) {
  const [note, act] = useActionNote(session);
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
            // One download: the two files of the TF.js format in one zip.
            const zip = zipFiles({ 'model.json': modelJson, 'model.weights.bin': new Uint8Array(weights) });
            downloadBlob('cifar10-tfjs.zip', new Blob([zip], { type: 'application/zip' }));
            return 'Descargado cifar10-tfjs.zip: model.json y model.weights.bin (formato de TensorFlow.js).';
          })
        }
      >
        Descargar (TensorFlow.js)
      </button>
      <button
        type="button"
        data-testid="download-keras-weights"
        disabled={disabled}
        onClick={() =>
          act(async () => {
            const { modelJson, weights } = await session.current!.exportModel();
            const h5 = await kerasWeightsH5(modelJson, weights);
            downloadBlob(CIFAR10_WEIGHTS_FILE, new Blob([h5 as Uint8Array<ArrayBuffer>], { type: 'application/x-hdf5' }));
            return `Descargado ${CIFAR10_WEIGHTS_FILE} (Keras 3): cárgalo con model.load_weights() en el modelo de «Ver el código».`;
          })
        }
      >
        Descargar pesos de Keras (.weights.h5)
      </button>
      <FileButton
        multiple
        accept=".json,.bin,.zip"
        testId="load-files"
        disabled={disabled}
        onFiles={(files) => {
          if (files.length > 0)
            act(
              async () => (
                await session.current!.loadWeights({ files: await unzipPicked(files) }),
                onLoaded(),
                `Modelo cargado de ${files.map((f) => f.name).join(' y ')}.`
              ),
            );
        }}
      >
        Cargar archivos…
      </FileButton>
      {note ? (
        <p className={note.error ? 'message message-error' : 'hint'} role={note.error ? 'alert' : 'status'} data-testid="storage-note">
          {note.text}
        </p>
      ) : null}
    </div>
  );
}
