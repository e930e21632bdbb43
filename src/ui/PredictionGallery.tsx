import type { Evaluation } from '../engine/protocol';
import { formatNumber } from './format';
import { PixelImage } from './PixelImage';
import './PredictionGallery.css';

type Predictions = Pick<Evaluation, 'labels' | 'predicted' | 'confidence'>;

/** Mistakes first, the most confident ones first (they teach most), then correct answers. */
export function galleryIndices(result: Predictions, size: number): number[] {
  const all = Array.from(result.labels.keys());
  const byConfidence = (a: number, b: number) => result.confidence[b] - result.confidence[a];
  const wrong = all.filter((i) => result.labels[i] !== result.predicted[i]).sort(byConfidence);
  const right = all.filter((i) => result.labels[i] === result.predicted[i]).sort(byConfidence);
  const mistakes = Math.min(wrong.length, Math.ceil((size * 2) / 3));
  return [...wrong.slice(0, mistakes), ...right.slice(0, size - mistakes)];
}

/** The samples of class `truth` predicted as `predicted`, the most confident first. */
export function pairIndices(result: Predictions, truth: number, predicted: number, size: number): number[] {
  const all = Array.from(result.labels.keys()).filter((i) => result.labels[i] === truth && result.predicted[i] === predicted);
  return all.sort((a, b) => result.confidence[b] - result.confidence[a]).slice(0, size);
}

const percent = (v: number) => `${formatNumber(v * 100, 1)} %`;

/**
 * Images with what the model says and what they are; `images[i]` is the picture of sample
 * `shown[i]`, `imageLabel` names it for screen readers.
 */
export function PredictionGallery({
  result,
  shown,
  images,
  side,
  size,
  names,
  imageLabel,
}: {
  result: Predictions;
  shown: number[];
  images: Uint8Array[];
  side: number;
  size: number;
  names: readonly string[];
  imageLabel: (index: number) => string;
}) {
  return (
    <ul className="gallery" data-testid="gallery">
      {shown.map((index, i) =>
        images[i] ? (
          <li key={index} className={result.labels[index] === result.predicted[index] ? 'hit' : 'miss'} data-testid="gallery-item">
            <PixelImage rgb={images[i]} side={side} size={size} label={`${imageLabel(index)}: ${names[result.labels[index]]}`} />
            <span>
              dice <strong>{names[result.predicted[index]]}</strong> ({percent(result.confidence[index])})
            </span>
            <span>es {names[result.labels[index]]}</span>
          </li>
        ) : null,
      )}
    </ul>
  );
}
