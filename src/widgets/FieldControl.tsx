import { BACKEND_LABELS } from '../engine/labels';
import { NumberInput, SelectInput } from '../ui/controls';
import { parseField, type ChoiceField, type NumberField, type VectorField } from './urlState';

const CHOICE_LABELS: Record<string, string> = { auto: 'Automático', ...BACKEND_LABELS };

type Props<F extends NumberField | ChoiceField | VectorField> = {
  field: F;
  value: F extends NumberField ? number : F extends VectorField ? number[] : string;
  onCommit(value: F extends NumberField ? number : F extends VectorField ? number[] : string): void;
  testId?: string;
  disabled?: boolean;
};

/** A URL field as a form control, validated by the same rules that read the URL. */
export function FieldControl<F extends NumberField | ChoiceField | VectorField>({ field, value, onCommit, testId, disabled }: Props<F>) {
  if (field.kind === 'vector') {
    // One box per component, so a decimal comma never collides with the URL's separator.
    const vector = value as number[];
    return (
      <>
        {vector.map((component, i) => (
          <NumberInput
            key={i}
            label={field.labels?.[i] ?? `${field.label} (${i + 1})`}
            value={component}
            disabled={disabled}
            testId={testId ? `${testId}-${i}` : undefined}
            validate={() => null}
            onCommit={(n) => onCommit(vector.map((v, j) => (j === i ? n : v)) as never)}
          />
        ))}
      </>
    );
  }
  if (field.kind === 'number') {
    return (
      <NumberInput
        label={field.label}
        value={value as number}
        disabled={disabled}
        testId={testId}
        validate={(n) => {
          const parsed = parseField(field, String(n));
          return 'error' in parsed ? `Debe ser ${parsed.error.replace(/^debe ser /, '')}.` : null;
        }}
        onCommit={(n) => onCommit(n as never)}
      />
    );
  }
  return (
    <SelectInput
      label={field.label}
      value={value as string}
      disabled={disabled}
      testId={testId}
      options={field.options.map((o) => ({ value: o, label: field.optionLabels?.[o] ?? CHOICE_LABELS[o] ?? o }))}
      onChange={(v) => onCommit(v as never)}
    />
  );
}
