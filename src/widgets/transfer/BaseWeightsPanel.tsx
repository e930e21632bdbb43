import { useState } from 'react';
import { MINI_DESCRIPTION } from '../../engine/protocol';
import { formatNumber } from '../../ui/format';
import { ProgressBar } from '../../ui/ProgressBar';
import { Readout } from '../../ui/Readout';
import type { LoadState } from '../useRemoteLoad';
import type { BaseInUse, ReadyWeights } from './useBaseWeights';

const NAMES = { b0: 'EfficientNetB0', b3: 'EfficientNetB3', mini: 'EfficientNet mini' } as const;
const MB = (bytes: number) => `${formatNumber(bytes / 1e6, 1)} MB`;

/** Which weights the base has and where they came from, in one sentence. */
export function describeWeights(w: ReadyWeights): string {
  const source = typeof w.metadata.source === 'string' ? w.metadata.source : '';
  const fromFile = w.origin === 'file' || (source !== '' && !/^https?:/.test(source));
  const what = w.metadata.weights === 'imagenet' ? `Pesos ImageNet de ${NAMES[w.base]}` : `Pesos de ${NAMES[w.base]}`;
  const where =
    w.origin === 'network'
      ? `descargados de este sitio (${MB(w.bytes)}) y guardados en este navegador: la próxima visita no descargará nada`
      : fromFile
        ? `convertidos en este navegador desde tu archivo ${source} (${MB(w.bytes)}) y guardados en él para usarlos sin conexión`
        : `leídos de la copia guardada en este navegador (${MB(w.bytes)}), sin descargar nada`;
  return `${what}, ${where}.`;
}

/** The download of the base's weights, shown by the run buttons: nothing trains until it ends. */
export function WeightsProgress({ state }: { state: LoadState<BaseInUse> }) {
  return state.status === 'loading' ? (
    <ProgressBar fraction={state.progress.fraction} label={state.progress.label} testId="weights-progress" />
  ) : null;
}

/**
 * The base's weights: which weights are in use, why the offline
 * base stands in when ImageNet's are absent, and a place to drop an official .h5 file.
 */
export function BaseWeightsPanel({
  state,
  retry,
  convert,
  conversion,
}: {
  state: LoadState<BaseInUse>;
  retry: () => void;
  convert: (file: File) => void;
  conversion: { busy: boolean; error: string | null };
}) {
  const [over, setOver] = useState(false);
  const ready = state.status === 'ready' ? state.value : null;
  const pick = (files: FileList | null | undefined) => {
    const file = files?.[0];
    if (file) convert(file);
  };
  return (
    <section className="transfer-weights" aria-label="Pesos de la base">
      {state.status === 'error' ? (
        <div className="message message-error" role="alert" data-testid="weights-error">
          <p>No se pudieron cargar los pesos de la base. {state.message}</p>
          <button type="button" data-testid="weights-retry" onClick={retry}>
            Reintentar
          </button>
        </div>
      ) : null}
      {ready?.fallback ? (
        <p className="message" role="status" data-testid="weights-fallback">
          {ready.fallback} Por eso se usa la base mini: {MINI_DESCRIPTION} Los pesos ImageNet se preparan al publicar el sitio con «npm run
          weights»; también puedes soltar aquí el archivo oficial de Keras.
        </p>
      ) : null}
      {ready ? (
        <div className="readout-row">
          <Readout
            testId="weights-source"
            label="Pesos en uso"
            value={`${typeof ready.weights.metadata.weights === 'string' ? ready.weights.metadata.weights : 'desconocidos'}:${ready.weights.origin}`}
            text={describeWeights(ready.weights)}
            className="readout-wide"
          />
        </div>
      ) : null}
      {ready && ready.weights.base === 'mini' && !ready.fallback ? <p className="hint">{MINI_DESCRIPTION}</p> : null}
      {/* Dropping a file is a shortcut: the label wraps a file input that keyboards reach. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
      <label
        className={over ? 'drop-zone drop-over' : 'drop-zone'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          pick(e.dataTransfer.files);
        }}
      >
        {conversion.busy
          ? 'Convirtiendo el archivo en este navegador…'
          : '¿Tienes efficientnetb0_notop.h5 o efficientnetb3_notop.h5 (los pesos oficiales de Keras)? Suéltalo aquí o pulsa para elegirlo: se convierte en este navegador y queda guardado para usarlo sin conexión.'}
        <input
          type="file"
          accept=".h5,.hdf5"
          data-testid="h5-input"
          disabled={conversion.busy}
          onChange={(e) => {
            pick(e.target.files);
            e.target.value = '';
          }}
        />
      </label>
      {conversion.error ? (
        <p className="message message-error" role="alert" data-testid="h5-error">
          {conversion.error}
        </p>
      ) : null}
    </section>
  );
}
