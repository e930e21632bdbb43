import { useMemo } from 'react';
import { confusionMatrix, type Evaluation } from '../../engine/protocol';
import { ConfusionExplorer } from '../../ui/ConfusionExplorer';
import { galleryIndices, PredictionGallery } from '../../ui/PredictionGallery';
import { Readout } from '../../ui/Readout';

export const HELD_OUT_GALLERY = 16;

const imageLabel = (index: number) => `Imagen apartada ${index + 1}`;

/**
 * The model on the held-out images, one by one: accuracy, confusion matrix (its cells open
 * their images, read through `loadImages`), predictions with their pictures.
 */
export function HeldOutEvaluation({
  result,
  images,
  side,
  names,
  loadImages,
}: {
  result: Evaluation;
  images: Uint8Array[];
  side: number;
  names: string[];
  loadImages: (indices: number[]) => Promise<Uint8Array[]>;
}) {
  const counts = useMemo(() => confusionMatrix(result.labels, result.predicted, names.length), [result, names.length]);
  const shown = useMemo(() => galleryIndices(result, HELD_OUT_GALLERY), [result]);
  return (
    <section className="evaluation" aria-label="Evaluación con las imágenes apartadas" data-testid="evaluation">
      <h3>Las {result.labels.length} imágenes apartadas para validar</h3>
      <div className="readout-row">
        <Readout testId="heldout-accuracy" label="Exactitud, imagen a imagen" value={result.accuracy} format="percent" digits={1} />
      </div>
      <div className="evaluation-grid">
        <ConfusionExplorer result={result} counts={counts} classes={names} loadImages={loadImages} side={side} imageLabel={imageLabel} />
        <PredictionGallery result={result} shown={shown} images={images} side={side} size={72} names={names} imageLabel={imageLabel} />
      </div>
    </section>
  );
}
