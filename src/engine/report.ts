/**
 * Classification metrics from true and predicted labels, as scikit-learn's
 * confusion_matrix and classification_report define them. Plain numbers, no tfjs, so the
 * page can compute them from an evaluation.
 */

/** counts[t][p]: samples of true class t predicted as p (rows true, columns predicted). */
export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[][] {
  const counts = Array.from({ length: classes }, () => Array.from<number>({ length: classes }).fill(0));
  for (let i = 0; i < labels.length; i++) counts[labels[i]][predicted[i]] += 1;
  return counts;
}

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  /** Samples whose true class is this one. */
  support: number;
}

export interface ClassificationReport {
  perClass: ClassScores[];
  accuracy: number;
  macro: ClassScores;
  weighted: ClassScores;
}

/** A ratio with nothing to divide counts as 0, scikit-learn's zero_division default (with a warning there). */
const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function classificationReport(confusion: number[][]): ClassificationReport {
  const total = confusion.flat().reduce((a, b) => a + b, 0);
  const perClass = confusion.map((row, c) => {
    const truePositives = row[c];
    const predictedAs = confusion.reduce((n, r) => n + r[c], 0);
    const support = row.reduce((a, b) => a + b, 0);
    const precision = ratio(truePositives, predictedAs);
    const recall = ratio(truePositives, support);
    return { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  const average = (weight: (s: ClassScores) => number): ClassScores => {
    const sum = perClass.reduce((n, s) => n + weight(s), 0);
    const mean = (key: 'precision' | 'recall' | 'f1') =>
      ratio(
        perClass.reduce((n, s) => n + weight(s) * s[key], 0),
        sum,
      );
    return { precision: mean('precision'), recall: mean('recall'), f1: mean('f1'), support: total };
  };
  const correct = confusion.reduce((n, row, c) => n + row[c], 0);
  return { perClass, accuracy: ratio(correct, total), macro: average(() => 1), weighted: average((s) => s.support) };
}
