import { formatNumber } from '../ui/format';
import { Readout } from '../ui/Readout';
import './PredictionTable.css';

/** Up to this many points get a row each; bigger sets show only the summary readouts. */
const MAX_ROWS = 12;

/**
 * The notebooks' last cell: the probability ŷ of class 1 for every point and round(ŷ),
 * next to the true class.
 */
export function PredictionTable({ x, y, probabilities }: { x: number[][]; y: number[]; probabilities: number[] | null }) {
  // tf.round and NumPy round halves to even, so 0,5 → 0, as Keras's 0,5 threshold does;
  // JavaScript's Math.round would say 1.
  const rounded = probabilities?.map((p) => (p > 0.5 ? 1 : 0)) ?? null;
  const hits = rounded ? rounded.filter((r, i) => r === y[i]).length : null;
  return (
    <div className="prediction-table">
      <div className="readout-row">
        <Readout testId="prediction-rounded" label="round(ŷ)" value={rounded} />
        <Readout testId="prediction-hits" label="Aciertos" value={hits} text={hits === null ? '—' : `${hits} de ${y.length}`} />
      </div>
      {x.length <= MAX_ROWS ? (
        <table className="print-table" data-testid="predictions">
          <caption>Predicciones con los pesos actuales</caption>
          <thead>
            <tr>
              <th scope="col">x₁</th>
              <th scope="col">x₂</th>
              <th scope="col">y</th>
              <th scope="col">ŷ</th>
              <th scope="col">round(ŷ)</th>
            </tr>
          </thead>
          <tbody>
            {x.map((point, i) => (
              <tr key={i} className={rounded && rounded[i] !== y[i] ? 'miss' : undefined}>
                <td>{formatNumber(point[0], 2)}</td>
                <td>{formatNumber(point[1], 2)}</td>
                <td>{y[i]}</td>
                <td>{probabilities ? formatNumber(probabilities[i], 4) : '—'}</td>
                <td>{rounded ? rounded[i] : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
