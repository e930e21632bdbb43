import type { EpochRecord } from '../engine/protocol';
import { notebookEpoch } from '../widgets/notebookEpoch';
import { pythonRepr } from './program';

/**
 * A run's history as Keras's CSVLogger writes it (keras/src/callbacks/csv_logger.py): the
 * header is `epoch` then the first epoch's log keys sorted, one row per epoch, a key missing
 * from a later epoch written `NA`; numbers as Python's str() writes floats. Epochs are
 * numbered as the notebooks and Keras number them, from 0.
 */

export function historyCsv(history: readonly EpochRecord[]): string {
  if (history.length === 0) return '';
  const keys = Object.keys(history[0].logs).sort();
  // csv.excel's dialect ends every row with \r\n.
  const rows = [['epoch', ...keys].join(',')];
  for (const record of history) {
    rows.push([String(notebookEpoch(record)), ...keys.map((k) => (k in record.logs ? pythonRepr(record.logs[k]) : 'NA'))].join(','));
  }
  return rows.map((r) => `${r}\r\n`).join('');
}
