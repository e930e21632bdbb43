import { formatNumber } from '../../ui/format';
import { ProgressBar } from '../../ui/ProgressBar';
import { Readout } from '../../ui/Readout';
import { STATUS_LABELS } from '../EngineReadouts';
import type { TrainerView } from '../useTrainer';

const points = (a: number, b: number) => formatNumber((a - b) * 100, 1);

/**
 * The control experiment: the same head, epochs, learning rate, seed and images on a base
 * with random weights. What pretraining buys is the gap between the two, measured.
 */
export function RandomControl({
  view,
  started,
  mainAccuracy,
  epochs,
  disabled,
  onStart,
}: {
  view: TrainerView;
  /** Whether the control was asked for (before that its trainer does not exist). */
  started: boolean;
  mainAccuracy: number | null;
  epochs: number;
  disabled: boolean;
  onStart: () => void;
}) {
  const accuracy = view.history.at(-1)?.logs.val_accuracy ?? null;
  const finished = view.status === 'done' && accuracy !== null;
  return (
    <section className="random-control" aria-label="Control: base aleatoria" data-testid="control">
      <h3>Control: la misma cabeza sobre una base sin preentrenar</h3>
      <p className="hint">
        Misma cabeza, mismas {epochs} épocas, misma η, misma semilla y mismas imágenes; solo cambia la base, con pesos aleatorios y
        congelada igual. Así se ve lo que aporta el preentrenamiento en lugar de suponerlo. Antes se miden las medias y varianzas de
        BatchNormalization en tus imágenes de entrenamiento: con las iniciales (0 y 1) los rasgos de una base aleatoria salen casi nulos y
        la cabeza no podría pasar del azar.
      </p>
      <div className="widget-actions">
        <button type="button" data-testid="control-train" disabled={disabled} onClick={onStart}>
          Entrenar el control
        </button>
        <Readout
          testId="control-status"
          label="Estado del control"
          value={view.status === 'loading' ? null : view.status}
          text={started ? STATUS_LABELS[view.status] : 'Sin empezar'}
        />
        <Readout testId="control-val-accuracy" label="Validación con base aleatoria" value={accuracy} format="percent" digits={1} />
      </div>
      {view.preparing ? <ProgressBar fraction={view.preparing.fraction} label={view.preparing.label} testId="control-progress" /> : null}
      {view.message && view.status === 'error' ? (
        <p className="message message-error" role="alert">
          {view.message}
        </p>
      ) : null}
      {finished && mainAccuracy !== null ? (
        <p className={mainAccuracy > accuracy ? 'message' : 'hint'} data-testid="control-verdict" data-value={mainAccuracy - accuracy}>
          {mainAccuracy > accuracy
            ? `Con la base preentrenada, la cabeza acierta el ${formatNumber(mainAccuracy * 100, 1)} % de las imágenes apartadas; sobre la base aleatoria, el ${formatNumber(accuracy * 100, 1)} %. El preentrenamiento aporta ${points(mainAccuracy, accuracy)} puntos.`
            : `Esta vez la base aleatoria llega al ${formatNumber(accuracy * 100, 1)} % y la preentrenada al ${formatNumber(mainAccuracy * 100, 1)} %: con tan pocas imágenes o épocas el azar pesa mucho; prueba con más.`}
        </p>
      ) : null}
    </section>
  );
}
