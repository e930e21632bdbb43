import { formatInteger, formatNumber } from './format';
import './ConfusionMatrix.css';

/**
 * A confusion matrix as a heat map: rows are the true class, columns the predicted one.
 * Each cell's shade is its share of the row (what fraction of that class went there), so
 * the diagonal reads as recall whatever the class sizes.
 */
export function ConfusionMatrix({ counts, classes }: { counts: number[][]; classes: readonly string[] }) {
  return (
    <figure className="confusion" data-testid="confusion-matrix">
      <table>
        <caption>Matriz de confusión: filas, la clase real; columnas, la que predijo el modelo.</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">Clase real</span>
            </th>
            {classes.map((c) => (
              <th scope="col" key={c} className="confusion-col">
                <span>{c}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {counts.map((row, t) => {
            const total = row.reduce((a, b) => a + b, 0);
            return (
              <tr key={classes[t]}>
                <th scope="row">{classes[t]}</th>
                {row.map((n, p) => {
                  const share = total === 0 ? 0 : n / total;
                  return (
                    <td
                      key={classes[p]}
                      data-testid={`cm-${t}-${p}`}
                      data-value={n}
                      className={[t === p ? 'confusion-diagonal' : '', share > 0.45 ? 'confusion-dark' : ''].join(' ').trim() || undefined}
                      style={{ '--share': share } as React.CSSProperties}
                      title={`${formatInteger(n)} ${classes[t]} vistos como ${classes[p]} (${formatNumber(share * 100, 1)} % de la fila)`}
                    >
                      {formatInteger(n)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </figure>
  );
}
