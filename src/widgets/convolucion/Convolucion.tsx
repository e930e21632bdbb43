import * as Comlink from 'comlink';
import { useEffect, useRef, useState } from 'react';
import type { BackendChoice, BackendPreference } from '../../engine';
import { IMAGE_SIDE } from '../../engine/cifar10/classes';
import type { LoadProgress } from '../../engine/cifar10/load';
import type { FeatureMaps } from '../../engine/convolution';
import { BACKEND_LABELS } from '../../engine/labels';
import { NumberInput, SelectInput } from '../../ui/controls';
import { formatNumber } from '../../ui/format';
import { PixelImage } from '../../ui/PixelImage';
import { ProgressBar } from '../../ui/ProgressBar';
import { Readout } from '../../ui/Readout';
import { FieldControl } from '../FieldControl';
import { BACKEND_FIELD, useUrlState, type ChoiceField, type Fields } from '../urlState';
import { useEngineSession } from '../useEngineSession';
import { KERNELS, parseKernel, presetOf, STEP_SIDE, stepImage, toGray, type KernelName } from './kernels';
import { ValueMap } from './ValueMap';
import { UrlNotices } from '../UrlNotices';

/** Test images offered as thumbnails: the first ones of the official test set. */
const CHOICES = 12;
const STEP = 'escalon';

const FIELDS = {
  imagen: {
    kind: 'text',
    label: 'La imagen',
    default: '3',
    check: (raw: string) => (raw === STEP || /^\d+$/.test(raw) && Number(raw) < 10_000 ? null : `debe ser «${STEP}» o un número de imagen de prueba entre 0 y 9999`),
  },
  k: {
    kind: 'text',
    label: 'El filtro',
    default: KERNELS.borde_horizontal.values.join(','),
    check: (raw: string) => (parseKernel(raw) ? null : 'debe tener 9 números entre −100 y 100 separados por comas'),
  },
  paso: { kind: 'choice', label: 'Paso (stride)', default: '1', options: ['1', '2'] } as ChoiceField<'1' | '2'>,
  relleno: {
    kind: 'choice',
    label: 'Relleno (padding)',
    default: 'same',
    options: ['same', 'valid'],
    optionLabels: { same: 'same: con ceros alrededor', valid: 'valid: sin relleno' },
  } as ChoiceField<'same' | 'valid'>,
  backend: BACKEND_FIELD,
} satisfies Fields;

type DataState = { status: 'idle' | 'ready' } | { status: 'loading'; progress: LoadProgress } | { status: 'error'; message: string };

/**
 * The CNN background made visible: one 3×3 filter slides over a grey image and makes a
 * feature map; ReLU keeps the positive part; 2×2 max pooling with stride 2 halves it.
 * Computed with tfjs's conv2d and maxPool on the engine's backend.
 */
export function Convolucion() {
  const { values, notices, set } = useUrlState(FIELDS);
  const kernel = parseKernel(values.k)!;
  const preset = presetOf(kernel);
  const imageIndex = values.imagen === STEP ? null : Number(values.imagen);
  const generation = useRef(0);
  const session = useEngineSession(generation);
  const [data, setData] = useState<DataState>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const [thumbnails, setThumbnails] = useState<Uint8Array[]>([]);
  const [picked, setPicked] = useState<{ index: number; rgb: Uint8Array } | null>(null);
  const [result, setResult] = useState<(FeatureMaps & { backend: BackendChoice }) | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Only the test images are needed: load that file alone, once.
  useEffect(() => {
    const remote = session.current;
    if (!remote) return;
    let live = true;
    setData({ status: 'loading', progress: { fraction: 0, label: 'Preparando la descarga' } });
    remote
      .loadCifar10(new URL('data/cifar10/', document.baseURI).href, Comlink.proxy((progress: LoadProgress) => live && setData({ status: 'loading', progress })), 0)
      .then(() => remote.testImages(Array.from({ length: CHOICES }, (_, i) => i)))
      .then((images) => {
        if (!live) return;
        setThumbnails(images);
        setData({ status: 'ready' });
      })
      .catch((e: unknown) => live && setData({ status: 'error', message: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [session, attempt]);

  useEffect(() => {
    const remote = session.current;
    if (!remote || imageIndex === null || data.status !== 'ready') return;
    let live = true;
    void remote.testImages([imageIndex]).then(([rgb]) => live && setPicked({ index: imageIndex, rgb }));
    return () => {
      live = false;
    };
  }, [session, imageIndex, data.status]);

  const gray = imageIndex === null ? stepImage() : picked?.index === imageIndex ? toGray(picked.rgb) : null;
  const side = imageIndex === null ? STEP_SIDE : IMAGE_SIDE;
  const key = `${values.imagen}|${values.k}|${values.paso}|${values.relleno}|${values.backend}|${gray ? 'ready' : 'waiting'}`;
  useEffect(() => {
    const remote = session.current;
    if (!remote || !gray) return;
    const run = ++generation.current;
    remote
      .convolve(gray, side, kernel, Number(values.paso) as 1 | 2, values.relleno, values.backend)
      .then((r) => {
        if (generation.current !== run) return;
        setResult(r);
        setError(null);
      })
      .catch((e: unknown) => generation.current === run && setError(e instanceof Error ? e.message : String(e)));
    // key stands for the image, the kernel, stride, padding and backend.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const setCell = (i: number, v: number) => set({ k: kernel.map((x, j) => (j === i ? v : x)).join(',') });
  const scale = 6;
  return (
    <section className="widget" data-testid="widget-convolucion" aria-label="Un filtro de convolución sobre una imagen">
      <UrlNotices notices={notices} />
      <div className="conv-images" role="group" aria-label="Elige la imagen">
        <button type="button" className={imageIndex === null ? 'conv-pick active' : 'conv-pick'} aria-pressed={imageIndex === null}
          data-testid="pick-escalon" onClick={() => set({ imagen: STEP })}>
          Escalón
        </button>
        {thumbnails.map((rgb, i) => (
          <button key={i} type="button" className={imageIndex === i ? 'conv-pick active' : 'conv-pick'} aria-pressed={imageIndex === i}
            data-testid={`pick-${i}`} onClick={() => set({ imagen: String(i) })}>
            <PixelImage rgb={rgb} side={IMAGE_SIDE} size={40} label={`Imagen de prueba ${i}`} />
          </button>
        ))}
      </div>
      {data.status === 'loading' ? <ProgressBar fraction={data.progress.fraction} label={data.progress.label} testId="data-progress" /> : null}
      {data.status === 'error' ? (
        <div className="message message-error" role="alert" data-testid="data-error">
          <p>No se pudieron cargar las imágenes de CIFAR-10. {data.message} El escalón sintético sigue disponible.</p>
          <button type="button" data-testid="data-retry" onClick={() => setAttempt((n) => n + 1)}>
            Reintentar
          </button>
        </div>
      ) : null}

      <div className="widget-controls">
        <SelectInput<KernelName | 'propio'>
          label="Filtro"
          value={preset ?? 'propio'}
          testId="input-preset"
          options={[...Object.entries(KERNELS).map(([value, k]) => ({ value: value as KernelName, label: k.label })), { value: 'propio', label: 'Tus números' }]}
          onChange={(name) => name !== 'propio' && set({ k: KERNELS[name].values.join(',') })}
        />
        <FieldControl field={FIELDS.paso} value={values.paso} onCommit={(v) => set({ paso: v as '1' | '2' })} testId="input-paso" />
        <FieldControl field={FIELDS.relleno} value={values.relleno} onCommit={(v) => set({ relleno: v as 'same' | 'valid' })} testId="input-relleno" />
        <FieldControl field={FIELDS.backend} value={values.backend} onCommit={(v) => set({ backend: v as BackendPreference })} testId="input-backend" />
      </div>
      <div className="conv-kernel" role="group" aria-label="Los 9 números del filtro 3×3">
        {kernel.map((v, i) => (
          <NumberInput key={i} label={`fila ${Math.floor(i / 3) + 1}, columna ${(i % 3) + 1}`} value={v} testId={`kernel-${i}`}
            validate={(n) => (Math.abs(n) <= 100 ? null : 'entre −100 y 100')} onCommit={(n) => setCell(i, n)} />
        ))}
      </div>
      <p className="hint">{preset ? `${KERNELS[preset].label}: ${KERNELS[preset].note}.` : 'Un filtro con tus números.'}</p>

      {error ? (
        <p className="message message-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="readout-row">
        <Readout testId="backend" label="Motor" value={result?.backend.name ?? null} text={result ? BACKEND_LABELS[result.backend.name] : '—'} />
        <Readout testId="map-size" label="Mapa de características" value={result ? result.side : null} text={result ? `${result.side}×${result.side}` : '—'} />
        <Readout testId="pooled-size" label="Tras max pooling" value={result ? result.pooledSide : null} text={result ? `${result.pooledSide}×${result.pooledSide}` : '—'} />
      </div>
      {gray && result ? (
        <div className="conv-maps">
          <ValueMap values={gray} side={side} signed={false} size={side * scale} label="Entrada (grises)" testId="input-map" />
          <ValueMap values={result.map} side={result.side} signed size={side * scale} label="Mapa de características" testId="feature-map" />
          <ValueMap values={result.relu} side={result.side} signed={false} size={side * scale} label="Tras ReLU" testId="relu-map" />
          <ValueMap values={result.pooled} side={result.pooledSide} signed={false} size={(side * scale) / 2} label="Max pooling 2×2, paso 2" testId="pooled-map" />
        </div>
      ) : (
        <p className="hint">Preparando la imagen…</p>
      )}
      <p className="hint">
        Mapa de características: naranja donde el filtro responde con valores positivos, azul con negativos; el más intenso vale{' '}
        {result ? formatNumber(Math.max(...result.map.map(Math.abs)), 3) : '—'}.
      </p>
    </section>
  );
}
