import { useEffect, useState } from 'react';
import { IMAGE_SIDE, type FirstLayerView } from '../../engine/protocol';
import { formatNumber } from '../../ui/format';
import { PixelImage } from '../../ui/PixelImage';
import type { SessionRef } from '../useEngineSession';

/** The test images the student can look through the first layer with (the first few of the official set). */
const CHOICES = [0, 1, 2, 3, 4, 5, 6, 7];

/** The `trained` key while the weights change: the last picture stays, nothing is read. */
export const TRAINING = 'training';

/** Grey bytes as RGB, for PixelImage. */
const grey = (values: Uint8Array) => Uint8Array.from({ length: values.length * 3 }, (_, i) => values[Math.floor(i / 3)]);

/**
 * What the CNN's first Conv2D learned, CNN Explainer style: its filters as RGB tiles and the
 * chosen test image's activation maps, one per filter. Read from the trained model when
 * `trained` changes to a resting state (an epoch ends, or the run pauses or stops); null
 * (no trained CNN) clears it.
 */
export function FirstLayer({ session, trained }: { session: SessionRef; trained: string | null }) {
  const [choice, setChoice] = useState(CHOICES[0]);
  const [thumbs, setThumbs] = useState<{ images: Uint8Array[]; labels: string[] } | null>(null);
  const [layer, setLayer] = useState<FirstLayerView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const remote = session.current;
    if (trained === null) setLayer(null);
    if (!remote || trained === null || trained === TRAINING) return;
    let current = true;
    remote
      .firstLayer(choice, 0)
      .then((view) => {
        if (!current) return;
        setLayer(view);
        setError(null);
      })
      .catch((e: unknown) => current && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      current = false;
    };
  }, [session, trained, choice]);

  // Asked once there is a trained model, so the test images are surely loaded.
  const resting = trained !== null && trained !== TRAINING;
  useEffect(() => {
    const remote = session.current;
    if (!remote || !resting || thumbs) return;
    void remote.testImages(CHOICES).then((images) => setThumbs({ images, labels: CHOICES.map((i) => `Imagen de prueba ${i}`) }));
  }, [session, resting, thumbs]);

  if (trained === null && !layer) return null;
  return (
    <section className="first-layer widget-wide" data-testid="first-layer" aria-label="La primera capa convolucional">
      <h3>Lo que ve la primera capa</h3>
      {error ? <p className="message">{error}</p> : null}
      {layer ? (
        <div className="first-layer-grid">
          <figure>
            <figcaption>
              Los {layer.filters.length} filtros aprendidos ({layer.kernelSize}×{layer.kernelSize} píxeles en color; cada uno estirado de su
              peso más bajo, negro, al más alto, blanco)
            </figcaption>
            <div className="tiles" data-testid="filters" data-value={layer.filters.length}>
              {layer.filters.map((rgb, i) => (
                <PixelImage key={i} rgb={rgb} side={layer.kernelSize} size={36} label={`Filtro ${i + 1}`} />
              ))}
            </div>
          </figure>
          <figure>
            <figcaption>
              Elige una imagen de prueba: sus {layer.maps.length} mapas de activación tras la capa (Conv2D y ReLU; negro es 0, blanco el
              valor más alto de la capa, {formatNumber(layer.maxActivation, 3)})
            </figcaption>
            <div className="choices" role="radiogroup" aria-label="Imagen de prueba">
              {thumbs?.images.map((rgb, i) => (
                <button
                  key={CHOICES[i]}
                  type="button"
                  role="radio"
                  aria-checked={CHOICES[i] === choice}
                  className={CHOICES[i] === choice ? 'chosen' : undefined}
                  data-testid={`first-layer-image-${CHOICES[i]}`}
                  onClick={() => setChoice(CHOICES[i])}
                >
                  <PixelImage rgb={rgb} side={IMAGE_SIDE} size={40} label={thumbs.labels[i]} />
                </button>
              ))}
            </div>
            <div className="tiles maps" data-testid="feature-maps" data-value={layer.maps.length}>
              {layer.maps.map((values, i) => (
                <PixelImage key={i} rgb={grey(values)} side={layer.mapSide} size={48} label={`Mapa del filtro ${i + 1}`} />
              ))}
            </div>
          </figure>
        </div>
      ) : (
        <p className="hint">Leyendo la primera capa…</p>
      )}
    </section>
  );
}
