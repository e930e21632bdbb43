import { BACKEND_LABELS } from '../engine/labels';
import { NumberInput, SelectInput } from '../ui/controls';
import { parseField, type ChoiceField, type NumberField } from './urlState';

const CHOICE_LABELS: Record<string, string> = { auto: 'Automático', ...BACKEND_LABELS };

type Props<F extends NumberField | ChoiceField> = {
  field: F;
  value: F extends NumberField ? number : string;
  onCommit(value: F extends NumberField ? number : string): void;
  testId?: string;
  disabled?: boolean;
};

/** A URL field as a form control, validated by the same rules that read the URL. */
export function FieldControl<F extends NumberField | ChoiceField>({ field, value, onCommit, testId, disabled }: Props<F>) {
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
      options={field.options.map((o) => ({ value: o, label: CHOICE_LABELS[o] ?? o }))}
      onChange={(v) => onCommit(v as never)}
    />
  );
}
