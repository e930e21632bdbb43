import { BACKEND_LABELS } from '../engine/protocol';
import { Checkbox, NumberInput, SelectInput } from '../ui/controls';
import {
  parseField,
  type ChoiceField,
  type Fields,
  type FlagField,
  type NumberField,
  type Settings,
  type Values,
  type ValueOf,
  type VectorField,
} from './urlState';

const CHOICE_LABELS: Record<string, string> = { auto: 'Automático', ...BACKEND_LABELS };

/** The field kinds a form control can edit; free text (a list of points) has its own editor. */
type ControlField = NumberField | ChoiceField | VectorField | FlagField;

type Props<F extends ControlField> = {
  field: F;
  value: ValueOf<F>;
  onCommit(value: ValueOf<F>): void;
  testId?: string;
  disabled?: boolean;
};

/** A URL field as a form control, validated by the same rules that read the URL. */
export function FieldControl<F extends ControlField>({ field, value, onCommit, testId, disabled }: Props<F>) {
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
  if (field.kind === 'flag') {
    return (
      <Checkbox label={field.label} checked={value as boolean} disabled={disabled} onChange={(c) => onCommit(c as never)} testId={testId} />
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

/** The names of a schema's fields that FieldControl can edit. */
type ControlName<F extends Fields> = { [K in keyof F]: F[K] extends ControlField ? K : never }[keyof F] & string;

type SettingsFieldsProps<F extends Fields> = {
  settings: Pick<Settings<F>, 'values' | 'set'>;
  fields: F;
  /** The controls to show, in this order; each writes only its own setting. */
  names: readonly ControlName<F>[];
  disabled?: boolean;
};

/**
 * A run of a widget's settings as form controls, each `data-testid="input-<name>"` (the key
 * in the URL, which e2e tests rely on). A control whose change moves other settings too
 * (a new optimizer brings its learning rate) stays a FieldControl of its own.
 */
export function SettingsFields<F extends Fields>({ settings, fields, names, disabled }: SettingsFieldsProps<F>) {
  return (
    <>
      {names.map((name) => (
        <FieldControl<ControlField>
          key={name}
          field={fields[name] as ControlField}
          value={settings.values[name] as never}
          disabled={disabled}
          onCommit={(v) => settings.set({ [name]: v } as Partial<Values<F>>)}
          testId={`input-${name}`}
        />
      ))}
    </>
  );
}
