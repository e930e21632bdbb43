import { formatNumber } from './format';
import './ProgressBar.css';

/** A labelled progress bar for long loads (screen readers hear the label and percentage). */
export function ProgressBar({ fraction, label, testId }: { fraction: number; label: string; testId: string }) {
  const percent = Math.round(fraction * 100);
  return (
    <div className="progress" data-testid={testId} data-value={fraction}>
      <div
        className="progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${label}: ${formatNumber(percent, 0)} %`}
        aria-label={label}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="hint">
        {label} ({formatNumber(percent, 0)} %)
      </p>
    </div>
  );
}
