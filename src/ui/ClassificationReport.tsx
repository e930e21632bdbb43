import type { ClassificationReport as Report, ClassScores } from '../engine/protocol';
import { formatFixed, formatInteger } from './format';
import './ClassificationReport.css';

const two = (v: number) => formatFixed(v, 2);

function Row({ label, scores, testId }: { label: string; scores: ClassScores; testId: string }) {
  return (
    <tr data-testid={testId} data-value={scores.f1}>
      <th scope="row">{label}</th>
      <td>{two(scores.precision)}</td>
      <td>{two(scores.recall)}</td>
      <td>{two(scores.f1)}</td>
      <td>{formatInteger(scores.support)}</td>
    </tr>
  );
}

/** scikit-learn's classification_report as a table, in Spanish. */
export function ClassificationReport({ report, classes }: { report: Report; classes: readonly string[] }) {
  return (
    <table className="report" data-testid="classification-report">
      <caption>Informe de clasificación (conjunto de prueba)</caption>
      <thead>
        <tr>
          <th scope="col">Clase</th>
          <th scope="col">Precisión</th>
          <th scope="col">Exhaustividad</th>
          <th scope="col">F1</th>
          <th scope="col">Soporte</th>
        </tr>
      </thead>
      <tbody>
        {report.perClass.map((scores, i) => (
          <Row key={classes[i]} label={classes[i]} scores={scores} testId={`report-${i}`} />
        ))}
      </tbody>
      <tfoot>
        <tr data-testid="report-accuracy" data-value={report.accuracy}>
          <th scope="row">Exactitud</th>
          <td />
          <td />
          <td>{two(report.accuracy)}</td>
          <td>{formatInteger(report.macro.support)}</td>
        </tr>
        <Row label="Media macro" scores={report.macro} testId="report-macro" />
        <Row label="Media ponderada" scores={report.weighted} testId="report-weighted" />
      </tfoot>
    </table>
  );
}
