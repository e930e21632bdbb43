import { Checkbox } from '../../ui/controls';
import { AUGMENTATION_LABELS, AUGMENTATIONS, parseAugment } from './augment';

/**
 * The `augment` setting as one checkbox per Keras preprocessing layer; the URL keeps the
 * comma list (flip,shift,rotate,zoom) in its canonical order.
 */
export function AugmentControls({ value, onCommit, disabled }: { value: string; onCommit(value: string): void; disabled?: boolean }) {
  const chosen = parseAugment(value) ?? [];
  return (
    <fieldset className="augment-controls">
      <legend>Aumento de datos (solo al entrenar)</legend>
      {AUGMENTATIONS.map((name) => (
        <Checkbox
          key={name}
          label={AUGMENTATION_LABELS[name]}
          checked={chosen.includes(name)}
          disabled={disabled}
          testId={`input-augment-${name}`}
          onChange={(on) => onCommit(AUGMENTATIONS.filter((a) => (a === name ? on : chosen.includes(a))).join(','))}
        />
      ))}
    </fieldset>
  );
}
