import { useMemo } from 'react';
import { confusionMatrix } from '../../engine/report';
import type { Evaluation } from '../../engine/trainer';
import { ConfusionMatrix } from '../../ui/ConfusionMatrix';
import { formatNumber } from '../../ui/format';
import { PixelImage } from '../../ui/PixelImage';
import { Readout } from '../../ui/Readout';
import { galleryIndices } from '../cifar10/Evaluation';

export const HELD_OUT_GALLERY = 16;
const percent = (v: number) => `${formatNumber(v * 100, 1)} %`;

/** The model on the held-out images, one by one: accuracy, confusion matrix, predictions with their pictures. */
export function HeldOutEvaluation({ result, images, side, names }: { result: Evaluation; images: Uint8Array[]; side: number; names: string[] }) {
  const counts = useMemo(() => confusionMatrix(result.labels, result.predicted, names.length), [result, names.length]);
  const shown = useMemo(() => galleryIndices(result, HELD_OUT_GALLERY), [result]);
  return (
    <section className="evaluation" aria-label="Evaluación con las imágenes apartadas" data-testid="evaluation">
      <h3>Las {result.labels.length} imágenes apartadas para validar</h3>
      <div className="readout-row">
        <Readout testId="heldout-accuracy" label="Exactitud, imagen a imagen" value={result.accuracy} format="percent" digits={1} />
      </div>
      <div className="evaluation-grid">
        <ConfusionMatrix counts={counts} classes={names} />
        <ul className="gallery" data-testid="gallery">
          {shown.map((index, i) =>
            images[i] ? (
              <li key={index} className={result.labels[index] === result.predicted[index] ? 'hit' : 'miss'} data-testid="gallery-item">
                <PixelImage rgb={images[i]} side={side} size={72} label={`Imagen apartada ${index + 1}: ${names[result.labels[index]]}`} />
                <span>
                  dice <strong>{names[result.predicted[index]]}</strong> ({percent(result.confidence[index])})
                </span>
                <span>es {names[result.labels[index]]}</span>
              </li>
            ) : null,
          )}
        </ul>
      </div>
    </section>
  );
}
