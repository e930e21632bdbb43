import { useState } from 'react';
import type { Evaluation } from '../engine/protocol';
import { ConfusionMatrix, type ConfusionCell } from './ConfusionMatrix';
import { formatInteger } from './format';
import { pairIndices, PredictionGallery } from './PredictionGallery';

/** Images shown for one cell: the most confident ones, which teach most. */
const PAIR_SIZE = 12;

type Pair = { cell: ConfusionCell; shown: number[]; images: Uint8Array[] | null; error?: string };

/**
 * The confusion matrix whose cells open their images: pressing a cell (true class, predicted
 * class) shows that pair's samples with the probability the model gave its answer. Images
 * come from `loadImages` (the worker keeps them), indices as in `result`.
 */
export function ConfusionExplorer({
  result,
  counts,
  classes,
  loadImages,
  side,
  imageLabel,
}: {
  result: Pick<Evaluation, 'labels' | 'predicted' | 'confidence'>;
  counts: number[][];
  classes: readonly string[];
  loadImages: (indices: number[]) => Promise<Uint8Array[]>;
  side: number;
  imageLabel: (index: number) => string;
}) {
  const [pair, setPair] = useState<Pair | null>(null);
  const select = (cell: ConfusionCell) => {
    if (pair && pair.cell[0] === cell[0] && pair.cell[1] === cell[1]) return setPair(null);
    const shown = pairIndices(result, cell[0], cell[1], PAIR_SIZE);
    setPair({ cell, shown, images: null });
    // A later press wins over this one's late images.
    const settle = (change: Partial<Pair>) => setPair((p) => (p?.shown === shown ? { ...p, ...change } : p));
    loadImages(shown).then(
      (images) => settle({ images }),
      (error: unknown) => settle({ images: [], error: error instanceof Error ? error.message : String(error) }),
    );
  };

  const [truth, predicted] = pair?.cell ?? [0, 0];
  const count = counts[truth]?.[predicted] ?? 0;
  const what =
    truth === predicted
      ? `${formatInteger(count)} imágenes de ${classes[truth]} bien clasificadas`
      : `${formatInteger(count)} imágenes de ${classes[truth]} que el modelo tomó por ${classes[predicted]}`;
  return (
    <div className="confusion-explorer">
      <ConfusionMatrix counts={counts} classes={classes} selected={pair?.cell ?? null} onSelect={select} />
      {pair ? (
        <section className="confusion-pair" aria-live="polite" data-testid="confusion-pair" data-value={`${truth}-${predicted}`}>
          <h4>
            {what}
            {count > PAIR_SIZE ? `; aquí las ${PAIR_SIZE} en que estaba más seguro` : ''}
          </h4>
          {count === 0 ? (
            <p className="hint">Ninguna: esta casilla está vacía.</p>
          ) : pair.error ? (
            <p className="message message-error">No se pudieron leer las imágenes: {pair.error}</p>
          ) : pair.images ? (
            <PredictionGallery
              result={result}
              shown={pair.shown}
              images={pair.images}
              side={side}
              size={56}
              names={classes}
              imageLabel={imageLabel}
            />
          ) : (
            <p className="hint">Cargando las imágenes…</p>
          )}
          <button type="button" onClick={() => setPair(null)}>
            Cerrar
          </button>
        </section>
      ) : null}
    </div>
  );
}
