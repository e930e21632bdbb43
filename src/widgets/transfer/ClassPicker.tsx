import { classNames, CIFAR10_KEYS, DEFAULT_CLASSES, OWN_IMAGES } from './settings';

/** Four CIFAR-10 classes, one menu each, or the student's own images: the `classes` URL value. */
export function ClassPicker({
  classes,
  disabled,
  onChange,
}: {
  classes: number[] | null;
  disabled: boolean;
  onChange: (raw: string) => void;
}) {
  return (
    <fieldset className="transfer-classes" disabled={disabled}>
      <legend>Clases</legend>
      <label className="control control-check">
        <input
          type="checkbox"
          checked={!classes}
          data-testid="input-own"
          onChange={(e) => onChange(e.target.checked ? OWN_IMAGES : DEFAULT_CLASSES)}
        />
        Mis propias imágenes
      </label>
      {classes?.map((label, i) => (
        <select
          key={i}
          aria-label={`Clase ${i + 1}`}
          value={CIFAR10_KEYS[label]}
          data-testid={`input-class-${i}`}
          onChange={(e) => onChange(classes.map((l, j) => (j === i ? e.target.value : CIFAR10_KEYS[l])).join(','))}
        >
          {CIFAR10_KEYS.map((key, c) => (
            <option key={key} value={key}>
              {classNames([c], '')[0]}
            </option>
          ))}
        </select>
      ))}
    </fieldset>
  );
}
