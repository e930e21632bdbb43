import type { BlockInfo } from '../../engine/protocol';
import { formatInteger, formatNumber } from '../../ui/format';
import { Slider } from '../../ui/controls';
import { AugmentControls } from '../augment/AugmentControls';
import { FieldControl } from '../FieldControl';
import { EPOCHS2_FIELD, LR2_FIELD } from './settings';

/** "2 bloques (block7a y top): +X parámetros". */
export function describeUnfreeze(blocks: BlockInfo[], k: number): string {
  const top = blocks.slice(blocks.length - k);
  const names = top.length <= 3 ? top.map((b) => b.name).join(', ') : `de ${top[0].name} a ${top.at(-1)!.name}`;
  const added = top.reduce((n, b) => n + b.params, 0);
  return `${k} ${k === 1 ? 'bloque' : 'bloques'} (${names}): +${formatInteger(added)} parámetros`;
}

/** Phase 2's knobs: how many top blocks to unfreeze, the small learning rate, its epochs, the augmentation. */
export function PhaseTwo({
  blocks,
  unfreeze,
  lr2,
  epochs2,
  augment,
  disabled,
  canStart,
  onChange,
  onStart,
}: {
  blocks: BlockInfo[];
  unfreeze: number;
  lr2: number;
  epochs2: number;
  /** The `augment` comma list. */
  augment: string;
  disabled: boolean;
  canStart: boolean;
  onChange: (changes: { unfreeze?: number; lr2?: number; epochs2?: number; augment?: string }) => void;
  onStart: () => void;
}) {
  const k = Math.min(unfreeze, blocks.length);
  return (
    <section className="phase-two" aria-label="Fase 2: descongelar y afinar">
      <h3>Fase 2: descongelar los últimos bloques y afinar</h3>
      <div className="widget-controls">
        <Slider
          label="Bloques que descongelar"
          min={1}
          max={blocks.length}
          step={1}
          value={k}
          disabled={disabled}
          valueText={describeUnfreeze(blocks, k)}
          onChange={(v) => onChange({ unfreeze: v })}
          testId="input-unfreeze"
        />
        <FieldControl field={LR2_FIELD} value={lr2} disabled={disabled} onCommit={(v) => onChange({ lr2: v })} testId="input-lr2" />
        <FieldControl
          field={EPOCHS2_FIELD}
          value={epochs2}
          disabled={disabled}
          onCommit={(v) => onChange({ epochs2: v })}
          testId="input-epochs2"
        />
        <AugmentControls value={augment} disabled={disabled} onCommit={(value) => onChange({ augment: value })} />
        <p className="hint">
          El aumento de datos actúa solo en la fase 2: en la fase 1 los rasgos de cada foto se calculan una vez y se guardan, y una foto
          distinta en cada época obligaría a recalcularlos todos (unas diez veces más lento).
        </p>
        <button type="button" className="primary" data-testid="fine-tune" disabled={disabled || !canStart} onClick={onStart}>
          Descongelar y seguir entrenando
        </button>
      </div>
      <p className="hint">
        Las capas BatchNormalization siguen en modo inferencia: las medias y varianzas que midió el preentrenamiento no cambian, y un lote
        pequeño no puede estropearlas. La tasa de aprendizaje baja ({formatNumber(LR2_FIELD.default)} por defecto) para retocar los pesos
        preentrenados sin borrarlos; la cabeza sigue desde lo aprendido en la fase 1.
      </p>
    </section>
  );
}
