import { formatInteger, formatNumber, formatVector } from './format';
import './Readout.css';

export type ReadoutValue = number | string | readonly number[] | null;

export interface ReadoutProps {
  /** Becomes data-testid; e2e tests look readouts up by it (see DESIGN.md, public contract). */
  testId: string;
  /** Visible Spanish label, e.g. "Pérdida". */
  label: string;
  value: ReadoutValue;
  /** Decimals (or significant digits below 1) for numbers; see formatNumber. */
  digits?: number;
  /**
   * How numbers are shown. 'auto' (default) shows integers grouped (6.305.802) and other
   * numbers with formatNumber; 'percent' shows 0.512 as "51,2 %".
   */
  format?: 'auto' | 'number' | 'integer' | 'percent';
  /** Visible text override, e.g. value "training" shown as "Entrenando". */
  text?: string;
  /** Unit after the value, e.g. "muestras/s". */
  unit?: string;
  /** Announce changes to screen readers. Off by default: readouts change many times a second. */
  live?: boolean;
  className?: string;
}

/** Plain JS value for data-value: numbers via String(n), vectors as "a,b", '' for null. */
export function machineValue(value: ReadoutValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return value.map((v) => String(v)).join(',');
}

/** Spanish display text for a readout value. */
export function displayValue(value: ReadoutValue, format: ReadoutProps['format'] = 'auto', digits?: number): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (typeof value !== 'number') return formatVector(value, digits);
  switch (format) {
    case 'integer':
      return formatInteger(value);
    case 'percent':
      return Number.isFinite(value) ? `${formatNumber(value * 100, digits ?? 1)} %` : formatNumber(value);
    case 'number':
      return formatNumber(value, digits);
    default:
      return Number.isInteger(value) && Math.abs(value) < 1e15 ? formatInteger(value) : formatNumber(value, digits);
  }
}

/**
 * A labelled live value: `<Readout testId="loss" label="Pérdida" value={0.0039} />`.
 * The <output> carries data-testid and data-value (machine value); its text is Spanish.
 */
export function Readout({ testId, label, value, digits, format, text, unit, live = false, className }: ReadoutProps) {
  const shown = text ?? displayValue(value, format, digits);
  return (
    <div className={className ? `readout ${className}` : 'readout'}>
      <span className="readout-label" id={`readout-${testId}`}>
        {label}
      </span>
      <output
        className="readout-value"
        data-testid={testId}
        data-value={machineValue(value)}
        aria-labelledby={`readout-${testId}`}
        // <output> is a polite live region by default; silence it unless asked.
        aria-live={live ? 'polite' : 'off'}
      >
        {shown}
        {unit && value !== null ? <span className="readout-unit"> {unit}</span> : null}
      </output>
    </div>
  );
}
