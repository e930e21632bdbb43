import { describe, expect, it } from 'vitest';
import { classificationReport, confusionMatrix } from './report';

describe('confusion matrix and classification report', () => {
  // Worked by hand: 3 classes, 8 samples.
  const labels = [0, 0, 0, 1, 1, 2, 2, 2];
  const predicted = [0, 0, 1, 1, 2, 2, 2, 0];

  it('counts true classes by row and predictions by column', () => {
    expect(confusionMatrix(labels, predicted, 3)).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [1, 0, 2],
    ]);
  });

  it('gives precision, recall, F1 and support per class, and both averages', () => {
    const report = classificationReport(confusionMatrix(labels, predicted, 3));
    // Class 0: TP 2, predicted 3 times, 3 true → P 2/3, R 2/3, F1 2/3.
    // Class 1: TP 1, predicted 2 times, 2 true → P 1/2, R 1/2, F1 1/2.
    // Class 2: TP 2, predicted 3 times, 3 true → P 2/3, R 2/3, F1 2/3.
    const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 12);
    close(report.perClass[0].precision, 2 / 3);
    close(report.perClass[1].recall, 1 / 2);
    close(report.perClass[2].f1, 2 / 3);
    expect(report.perClass.map((c) => c.support)).toEqual([3, 2, 3]);
    close(report.accuracy, 5 / 8);
    close(report.macro.f1, (2 / 3 + 1 / 2 + 2 / 3) / 3);
    close(report.weighted.precision, (3 * (2 / 3) + 2 * (1 / 2) + 3 * (2 / 3)) / 8);
    expect(report.macro.support).toBe(8);
  });

  it('scores a class that is never predicted as 0, as scikit-learn does', () => {
    // Class 1 exists but the model never says 1: precision 0/0 → 0, F1 0.
    const report = classificationReport(confusionMatrix([0, 1, 1, 0], [0, 0, 0, 0], 2));
    expect(report.perClass[1]).toEqual({ precision: 0, recall: 0, f1: 0, support: 2 });
    expect(report.perClass[0].precision).toBeCloseTo(0.5, 12);
    expect(report.perClass[0].recall).toBe(1);
    expect(report.perClass[0].f1).toBeCloseTo(2 / 3, 12);
  });
});
