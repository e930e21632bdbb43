import { baseFeatures, headParams, type TransferBase } from '../../engine/protocol';
import { formatInteger } from '../../ui/format';
import type { TrainerView } from '../useTrainer';
import { CLASS_COUNT } from './settings';

/** Why phase 1 is fast, or what phase 2 caches: the activation cache, in words. */
export function PhaseExplanation({ view, base }: { view: TrainerView; base: TransferBase | null }) {
  if (!base || !view.info) return null;
  const current = view.phases.at(-1);
  if (!current || current.unfrozen === 0) {
    const baseParams = view.info.paramCount - headParams(base, CLASS_COUNT);
    return (
      <p className="hint" data-testid="phase-explanation">
        Fase 1: la base está congelada y en modo inferencia, así que lo que calcula para cada imagen no cambia. Sus rasgos (
        {formatInteger(baseFeatures(base))} números por imagen, tras GlobalAveragePooling2D) se calculan una sola vez y se guardan; cada
        época solo pasa esos rasgos por la cabeza ({formatInteger(view.info.trainableCount)} parámetros), por eso es rápida (mira «Duración
        de una época»). Sin esa caché, cada época volvería a recorrer los {formatInteger(baseParams)} parámetros de la base con cada imagen.
      </p>
    );
  }
  return (
    <p className="hint" data-testid="phase-explanation">
      Fase {view.phases.length}: entrenan los {current.unfrozen} últimos bloques y la cabeza ({formatInteger(view.info.trainableCount)}{' '}
      parámetros). Lo que hay antes de {current.cutName} sigue congelado.{' '}
      {current.augmented
        ? 'Como cada foto de entrenamiento cambia en cada época (aumento de datos), esa parte congelada la recorre de nuevo en cada lote, sin calcular gradientes; solo las activaciones de validación se guardan una vez.'
        : 'Sus activaciones se calcularon una vez y se guardaron: cada paso solo recorre la parte que aprende.'}
    </p>
  );
}
