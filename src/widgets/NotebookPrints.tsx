import { useMemo } from 'react';
import type { EpochRecord } from '../engine/protocol';
import { useThrottled } from '../ui/useThrottled';
import { notebookEpoch } from './notebookEpoch';
import { TableHead } from '../ui/TableHead';

/**
 * The notebooks print about five rows per run: every 10th epoch of 51 for the line, every
 * 400th of 2000 for the AND gate and the points. The smallest round interval (1, 2, 4 or 5
 * times a power of ten) that gives at most five intervals reproduces both.
 */
export function printInterval(epochs: number): number {
  for (let power = 1; ; power *= 10) {
    for (const nice of [1, 2, 4, 5]) if (nice * power * 5 >= epochs - 1) return nice * power;
  }
}

export interface PrintColumn {
  label: string;
  value: (record: EpochRecord) => string;
}

/**
 * The run as the notebook prints it: epochs counted from 0, the loss computed before that
 * epoch's update and the parameters after it (records need `params`, from watchParams).
 */
export function NotebookPrints({ history, epochs, columns }: { history: EpochRecord[]; epochs: number; columns: PrintColumn[] }) {
  const every = printInterval(epochs);
  // A long run's history holds tens of thousands of epochs: scan it at the charts' pace, not per update.
  const shown = useThrottled(history);
  const printed = useMemo(() => shown.filter((r) => notebookEpoch(r) % every === 0), [shown, every]);
  return (
    <table className="print-table" data-testid="notebook-prints">
      <caption>Como lo imprime el cuaderno: cada {every} épocas, la pérdida antes de actualizar y los parámetros después</caption>
      <TableHead first="Época" labels={columns.map((c) => c.label)} />
      <tbody>
        {printed.map((r) => (
          <tr key={r.epoch}>
            <td>{notebookEpoch(r)}</td>
            {columns.map((c) => (
              <td key={c.label}>{c.value(r)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
