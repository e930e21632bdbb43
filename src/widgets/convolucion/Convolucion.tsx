import { useEffect, useRef, useState } from 'react';
import { type BackendChoice, type FeatureMaps, IMAGE_SIDE } from '../../engine/protocol';
import { NumberInput, SelectInput } from '../../ui/controls';
import { formatNumber } from '../../ui/format';
import { PixelImage } from '../../ui/PixelImage';
import { Readout } from '../../ui/Readout';
import { EngineLine } from '../EngineReadouts';
import { SettingsFields } from '../FieldControl';
import { DatasetStatus } from '../DatasetStatus';
import { useSettings } from '../urlState';
import { useCifar10 } from '../useCifar10';
import { useEngineSession } from '../useEngineSession';
import { KERNEL_LIMIT, KERNELS, presetOf, STEP_SIDE, stepImage, toGray, type KernelName } from './kernels';
import { CONVOLUCION_FIELDS as FIELDS, convolution, STEP } from './settings';
import { KernelView } from './KernelView';
import { ValueMap } from './ValueMap';
import { UrlNotices } from '../UrlNotices';
import { Hero, MoreOptions } from '../LabParts';
import './convolucion.css';

/** Test images offered as thumbnails: the first ones of the official test set. */
const CHOICES = 12;

/**
 * The CNN background made visible: one 3×3 filter slides over a grey image and makes a
 * feature map; ReLU keeps the positive part; 2×2 max pooling with stride 2 halves it.
 * Computed with tfjs's conv2d and maxPool on the engine's backend.
 */
export function Convolucion() {
  const settings = useSettings(FIELDS);
  const { values, notices, set } = settings;
  const { imageIndex, kernel, stride, padding } = convolution(values);
  const preset = presetOf(kernel);
  const generation = useRef(0);
  const session = useEngineSession(generation);
  // Only the test images are needed: that file alone.
  const [data, retry] = useCifar10(session, 0);
  const ready = data.status === 'ready';
  const [thumbnails, setThumbnails] = useState<Uint8Array[]>([]);
  const [picked, setPicked] = useState<{ index: number; rgb: Uint8Array } | null>(null);
  const [result, setResult] = useState<(FeatureMaps & { backend: BackendChoice }) | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const remote = session.current;
    if (!remote || !ready) return;
    let live = true;
    remote
      .testImages(Array.from({ length: CHOICES }, (_, i) => i))
      .then((images) => live && setThumbnails(images))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [session, ready]);

  useEffect(() => {
    const remote = session.current;
    if (!remote || imageIndex === null || !ready) return;
    let live = true;
    void remote.testImages([imageIndex]).then(([rgb]) => live && setPicked({ index: imageIndex, rgb }));
    return () => {
      live = false;
    };
  }, [session, imageIndex, ready]);

  const gray = imageIndex === null ? stepImage() : picked?.index === imageIndex ? toGray(picked.rgb) : null;
  const side = imageIndex === null ? STEP_SIDE : IMAGE_SIDE;
  const key = `${values.imagen}|${values.k}|${values.paso}|${values.relleno}|${values.backend}|${gray ? 'ready' : 'waiting'}`;
  useEffect(() => {
    const remote = session.current;
    if (!remote || !gray) return;
    const run = ++generation.current;
    remote
      .convolve(gray, side, kernel, stride, padding, values.backend)
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
  const scale = 4;
  const peak = result ? result.map.reduce((m, v) => Math.max(m, Math.abs(v)), 0) : null;
  return (
    <section className="widget" data-testid="widget-convolucion" aria-label="Un filtro de convolución sobre una imagen">
      <UrlNotices notices={notices} />
      <div className="widget-controls conv-controls">
        <div className="conv-images" role="group" aria-label="Elige la imagen">
          <button
            type="button"
            className={imageIndex === null ? 'conv-pick active' : 'conv-pick'}
            aria-pressed={imageIndex === null}
            data-testid="pick-escalon"
            onClick={() => set({ imagen: STEP })}
          >
            Escalón
          </button>
          {thumbnails.map((rgb, i) => (
            <button
              key={i}
              type="button"
              className={imageIndex === i ? 'conv-pick active' : 'conv-pick'}
              aria-pressed={imageIndex === i}
              data-testid={`pick-${i}`}
              onClick={() => set({ imagen: String(i) })}
            >
              <PixelImage rgb={rgb} side={IMAGE_SIDE} size={40} label={`Imagen de prueba ${i}`} />
            </button>
          ))}
        </div>
        <DatasetStatus state={data} retry={retry} fallback="El escalón sintético sigue disponible." />
        <SelectInput<KernelName | 'propio'>
          label="Filtro"
          value={preset ?? 'propio'}
          testId="input-preset"
          options={[
            ...Object.entries(KERNELS).map(([value, k]) => ({ value: value as KernelName, label: k.label })),
            { value: 'propio', label: 'Tus números' },
          ]}
          onChange={(name) => name !== 'propio' && set({ k: KERNELS[name].values.join(',') })}
        />
        <div className="conv-kernel" role="group" aria-label="Los 9 números del filtro 3×3">
          {kernel.map((v, i) => (
            <NumberInput
              key={i}
              label={`fila ${Math.floor(i / 3) + 1}, columna ${(i % 3) + 1}`}
              value={v}
              testId={`kernel-${i}`}
              validate={(n) => (Math.abs(n) <= KERNEL_LIMIT ? null : `entre −${KERNEL_LIMIT} y ${KERNEL_LIMIT}`)}
              onCommit={(n) => setCell(i, n)}
            />
          ))}
        </div>
        <p className="hint">{preset ? `${KERNELS[preset].label}: ${KERNELS[preset].note}.` : 'Un filtro con tus números.'}</p>
      </div>

      <Hero className="conv-hero" label="La imagen, el filtro y el mapa de características">
        <h3 className="chart-title">Imagen ∗ filtro = mapa de características → ReLU → max pooling</h3>
        {gray && result ? (
          <div className="conv-maps">
            <div className="conv-row">
              <ValueMap values={gray} side={side} signed={false} size={side * scale} label="Entrada (grises)" testId="input-map" />
              <span className="conv-op" aria-hidden="true">
                ∗
              </span>
              <KernelView kernel={kernel} />
              <span className="conv-op" aria-hidden="true">
                =
              </span>
              <ValueMap
                values={result.map}
                side={result.side}
                signed
                size={side * scale}
                label="Mapa de características"
                testId="feature-map"
              />
            </div>
            <div className="conv-row">
              <span className="conv-op" aria-hidden="true">
                →
              </span>
              <ValueMap values={result.relu} side={result.side} signed={false} size={side * scale} label="Tras ReLU" testId="relu-map" />
              <span className="conv-op" aria-hidden="true">
                →
              </span>
              <ValueMap
                values={result.pooled}
                side={result.pooledSide}
                signed={false}
                size={(side * scale) / 2}
                label="Max pooling 2×2, paso 2"
                testId="pooled-map"
              />
            </div>
          </div>
        ) : (
          <p className="hint conv-waiting">Preparando la imagen…</p>
        )}
        <p className="conv-legend">
          Filtro y mapa: <span className="conv-scale" aria-hidden="true" /> azul negativo, blanco 0, naranja positivo (el más intenso vale{' '}
          {peak === null ? '—' : formatNumber(peak, 3)}). Entrada, ReLU y pooling: de negro (0) a blanco (el mayor). Cada cuadro es un
          píxel: columnas x de izquierda a derecha, filas y de arriba abajo.
        </p>
      </Hero>

      {error ? (
        <p className="message message-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="readout-row">
        <Readout
          testId="map-size"
          label="Mapa de características"
          value={result ? result.side : null}
          text={result ? `${result.side}×${result.side}` : '—'}
        />
        <Readout
          testId="pooled-size"
          label="Tras max pooling"
          value={result ? result.pooledSide : null}
          text={result ? `${result.pooledSide}×${result.pooledSide}` : '—'}
        />
      </div>
      <EngineLine view={{ backend: result?.backend }} />

      <MoreOptions>
        <SettingsFields settings={settings} fields={FIELDS} names={['paso', 'relleno', 'backend']} />
      </MoreOptions>
    </section>
  );
}
