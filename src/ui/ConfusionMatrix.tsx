import { formatInteger, formatNumber } from './format';
import './ConfusionMatrix.css';

/** A cell: its true class (row) and predicted class (column). */
export type ConfusionCell = readonly [number, number];

/**
 * A confusion matrix as a heat map: rows are the true class, columns the predicted one.
 * Each cell's shade is its share of the row (what fraction of that class went there), so
 * the diagonal reads as recall whatever the class sizes. With `onSelect`, each cell is a
 * button that picks that pair (`selected` is marked).
 */
export function ConfusionMatrix({
  counts,
  classes,
  selected = null,
  onSelect,
}: {
  counts: number[][];
  classes: readonly string[];
  selected?: ConfusionCell | null;
  onSelect?: (cell: ConfusionCell) => void;
}) {
  return (
    <figure className="confusion" data-testid="confusion-matrix">
      <table>
        <caption>
          Matriz de confusión: filas, la clase real; columnas, la que predijo el modelo.
          {onSelect ? ' Pulsa una casilla para ver sus imágenes.' : ''}
        </caption>
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
                  const describe = `${formatInteger(n)} de clase ${classes[t]} vistas como ${classes[p]} (${formatNumber(share * 100, 1)} % de la fila)`;
                  const chosen = selected !== null && selected[0] === t && selected[1] === p;
                  const classes_ = [
                    t === p ? 'confusion-diagonal' : '',
                    share > 0.45 ? 'confusion-dark' : '',
                    chosen ? 'confusion-selected' : '',
                  ];
                  return (
                    <td
                      key={classes[p]}
                      data-testid={`cm-${t}-${p}`}
                      data-value={n}
                      className={classes_.join(' ').trim() || undefined}
                      style={{ '--share': share } as React.CSSProperties}
                      title={describe}
                    >
                      {onSelect ? (
                        <button
                          type="button"
                          aria-pressed={chosen}
                          aria-label={`${describe}: ver sus imágenes`}
                          onClick={() => onSelect([t, p])}
                        >
                          {formatInteger(n)}
                        </button>
                      ) : (
                        formatInteger(n)
                      )}
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
