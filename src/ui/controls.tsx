import { useEffect, useId, useState } from 'react';
import { parseSpanishNumber } from './format';
import './controls.css';

/** Editable text for a number: no digit grouping, so it parses back to the same value. */
const editable = (n: number) => String(n).replace('.', ',');

export interface NumberInputProps {
  label: string;
  value: number;
  /** Returns a Spanish error for a refused value, or null when it is acceptable. */
  validate(value: number): string | null;
  onCommit(value: number): void;
  testId?: string;
  disabled?: boolean;
}

/**
 * A number typed in Spanish or English notation, committed on Enter or blur. A refused
 * value stays visible with its reason and never reaches the run.
 */
export function NumberInput({ label, value, validate, onCommit, testId, disabled }: NumberInputProps) {
  const id = useId();
  const [draft, setDraft] = useState(editable(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(editable(value));
    setError(null);
  }, [value]);

  const commit = () => {
    const parsed = parseSpanishNumber(draft);
    const problem = Number.isFinite(parsed) ? validate(parsed) : 'No es un número.';
    setError(problem);
    if (!problem && parsed !== value) onCommit(parsed);
  };

  return (
    <div className="control">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={draft}
        disabled={disabled}
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {error ? (
        <span className="control-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export interface SelectInputProps<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
  testId?: string;
  disabled?: boolean;
}

export function SelectInput<T extends string>({ label, value, options, onChange, testId, disabled }: SelectInputProps<T>) {
  const id = useId();
  return (
    <div className="control">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} data-testid={testId} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface SliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange(value: number): void;
  /** Spanish text of the current value, shown beside the label and read by screen readers. */
  valueText: string;
  testId?: string;
  disabled?: boolean;
}

/** A range input for feeling how a number changes the result; arrows move it by `step`. */
export function Slider({ label, value, min, max, step, onChange, valueText, testId, disabled }: SliderProps) {
  const id = useId();
  // The thumb follows the hand at once; the committed value (the URL) catches up after.
  const [position, setPosition] = useState(value);
  useEffect(() => setPosition(value), [value]);
  return (
    <div className="control slider">
      <label htmlFor={id}>
        {label}: <output htmlFor={id}>{valueText}</output>
      </label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={position}
        disabled={disabled}
        data-testid={testId}
        aria-valuetext={valueText}
        onChange={(e) => {
          const next = Number(e.target.value);
          setPosition(next);
          if (next !== value) onChange(next);
        }}
      />
    </div>
  );
}

export interface CheckboxProps {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  testId?: string;
  disabled?: boolean;
}

export function Checkbox({ label, checked, onChange, testId, disabled }: CheckboxProps) {
  return (
    <label className="control control-check">
      <input type="checkbox" checked={checked} disabled={disabled} data-testid={testId} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}
