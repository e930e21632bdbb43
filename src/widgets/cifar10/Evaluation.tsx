import { useMemo } from 'react';
import {
  CIFAR10_CLASSES,
  classificationReport,
  confusionMatrix,
  type EpochRecord,
  type Evaluation as Result,
  IMAGE_SIDE,
} from '../../engine/protocol';
import { ClassificationReport } from '../../ui/ClassificationReport';
import { ConfusionExplorer } from '../../ui/ConfusionExplorer';
import { formatNumber } from '../../ui/format';
import { galleryIndices, PredictionGallery } from '../../ui/PredictionGallery';
import { Readout } from '../../ui/Readout';

/** Points of accuracy between training and test beyond which the gap is called overfitting. */
const OVERFIT_POINTS = 5;
export const GALLERY_SIZE = 24;

const percent = (v: number) => `${formatNumber(v * 100, 1)} %`;

function GapNote({ history, test }: { history: EpochRecord[]; test: number }) {
  const last = history.at(-1);
  if (!last) return null;
  const train = last.logs.accuracy;
  const gap = (train - test) * 100;
  const figures = `En entrenamiento acierta el ${percent(train)} (media de la última época, con Dropout activo)${
    last.logs.val_accuracy !== undefined ? `, en validación el ${percent(last.logs.val_accuracy)}` : ''
  } y en prueba el ${percent(test)}.`;
  return (
    <p className={gap > OVERFIT_POINTS ? 'message' : 'hint'} data-testid="gap-note" data-value={gap}>
      {figures}{' '}
      {gap > OVERFIT_POINTS
        ? `Son ${formatNumber(gap, 1)} puntos de diferencia: el modelo ha memorizado detalles de sus imágenes de entrenamiento que no sirven para imágenes nuevas. Eso es sobreajuste (overfitting). Más Dropout, menos épocas (EarlyStopping) o más datos lo reducen.`
        : 'La diferencia es pequeña: por ahora no hay sobreajuste apreciable.'}
    </p>
  );
}

const testImageLabel = (index: number) => `Imagen de prueba ${index}`;

/**
 * The honest evaluation: test accuracy, confusion matrix (its cells open their images,
 * read through `loadImages`), classification report, gallery.
 */
export function Evaluation({
  result,
  images,
  history,
  loadImages,
}: {
  result: Result;
  images: Uint8Array[];
  history: EpochRecord[];
  loadImages: (indices: number[]) => Promise<Uint8Array[]>;
}) {
  const counts = useMemo(() => confusionMatrix(result.labels, result.predicted, CIFAR10_CLASSES.length), [result]);
  const report = useMemo(() => classificationReport(counts), [counts]);
  const shown = useMemo(() => galleryIndices(result, GALLERY_SIZE), [result]);
  return (
    <section className="evaluation" aria-label="Evaluación en el conjunto de prueba" data-testid="evaluation">
      <h3>Evaluación con las 10.000 imágenes de prueba</h3>
      <div className="readout-row">
        <Readout testId="test-accuracy" label="Exactitud en prueba" value={result.accuracy} format="percent" digits={1} />
        <Readout testId="test-loss" label="Pérdida en prueba" value={result.loss} format="number" digits={4} />
      </div>
      <GapNote history={history} test={result.accuracy} />
      <div className="evaluation-grid">
        <ConfusionExplorer
          result={result}
          counts={counts}
          classes={CIFAR10_CLASSES}
          loadImages={loadImages}
          side={IMAGE_SIDE}
          imageLabel={testImageLabel}
        />
        <ClassificationReport report={report} classes={CIFAR10_CLASSES} />
      </div>
      <h4>Imágenes de prueba: primero los errores</h4>
      <PredictionGallery
        result={result}
        shown={shown}
        images={images}
        side={IMAGE_SIDE}
        size={64}
        names={CIFAR10_CLASSES}
        imageLabel={testImageLabel}
      />
    </section>
  );
}
