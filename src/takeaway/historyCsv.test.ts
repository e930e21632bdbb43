import { describe, expect, it } from 'vitest';
import type { EpochRecord } from '../engine/protocol';
import { historyCsv } from './historyCsv';
import { runPython } from './test-support/python';

const HISTORY: EpochRecord[] = [
  { epoch: 1, logs: { val_loss: 2.1, loss: 2.3025851249694824, accuracy: 0.1, val_accuracy: 0.125 } },
  { epoch: 2, logs: { val_loss: NaN, loss: 1.5e-5, accuracy: 1, val_accuracy: 0.5 } },
  { epoch: 3, logs: { loss: 0.00012, accuracy: 0.75 } },
];

describe('historyCsv', () => {
  it('writes epoch, then the sorted keys, with epochs counted from 0 as Keras and the notebooks count them', () => {
    const lines = historyCsv(HISTORY).split('\r\n');
    expect(lines[0]).toBe('epoch,accuracy,loss,val_accuracy,val_loss');
    expect(lines[1]).toBe('0,0.1,2.3025851249694824,0.125,2.1');
    expect(lines[3]).toBe('2,0.75,0.00012,NA,NA');
  });

  it("is byte for byte what Keras's CSVLogger (csv.DictWriter on the logs) writes", () => {
    // The logger's own steps: keys sorted from the first epoch, 'NA' for missing ones, excel dialect.
    const script = [
      'import csv, io, json, sys',
      'history = json.loads(sys.argv[1])',
      'out = io.StringIO()',
      'keys = sorted(history[0]["logs"].keys())',
      'writer = csv.DictWriter(out, fieldnames=["epoch"] + keys, dialect=csv.excel)',
      'writer.writeheader()',
      'for record in history:',
      '    row = {"epoch": record["epoch"] - 1}',
      '    row.update((k, float(record["logs"][k]) if k in record["logs"] else "NA") for k in keys)',
      '    writer.writerow(row)',
      'sys.stdout.write(out.getvalue())',
    ].join('\n');
    // JSON has no NaN: Python's json reads the bare word NaN, which this replacement writes.
    const json = JSON.stringify(HISTORY, (_, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? '__nan__' : v)).replaceAll(
      '"__nan__"',
      'NaN',
    );
    const python = runPython(script, [json], []);
    expect(historyCsv(HISTORY)).toBe(python);
  });

  it('keeps the learning rate a scheduler logged, sorted among the rest as Keras 3 writes it', () => {
    const lines = historyCsv([{ epoch: 1, logs: { loss: 0.5, learning_rate: 0.0001, val_loss: 0.75 } }]).split('\r\n');
    expect(lines.slice(0, 2)).toEqual(['epoch,learning_rate,loss,val_loss', '0,0.0001,0.5,0.75']);
  });

  it('is empty before the first epoch', () => {
    expect(historyCsv([])).toBe('');
  });
});
