import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { expect, numberValue, readout, readoutValue, test, waitForStatus } from './browser';

/** A small configuration: 900 training and 100 validation images, one hidden layer of 32. */
const SMALL = 'train=1000&hidden=1&units=32&batch=100&optimizer=adam&lr=0.001';
const SMALL_PARAMS = 3072 * 32 + 32 + 32 * 10 + 10;

test.describe('the CIFAR-10 lab', () => {
  test('loads the real data with a progress bar and shows the reference network', async ({ page }) => {
    await page.goto('./#/lab/cifar10');
    const widget = page.getByTestId('widget-cifar10');
    await expect(widget.getByTestId('data-progress')).toBeVisible();
    await waitForStatus(widget, 'idle');
    await expect(widget.getByTestId('data-progress')).toHaveCount(0);
    expect(await numberValue(widget, 'param-count')).toBe(6_305_802);
    await expect(readout(widget, 'param-count')).toHaveText(/6\.305\.802/);
    await expect(widget.getByTestId('network')).toContainText('4 × Dense(1.024, ReLU) con Dropout(0,2)');
  });

  for (const backend of ['webgl', 'webgpu']) {
    test(`trains a small MLP on ${backend} and evaluates it honestly`, async ({ page }) => {
      await page.goto(`./#/lab/cifar10?${SMALL}&epochs=2&backend=${backend}&autoplay=1`);
      const widget = page.getByTestId('widget-cifar10');
      await waitForStatus(widget, 'done', 170_000);
      await expect(readout(widget, 'backend')).toHaveAttribute('data-value', backend);
      expect(await numberValue(widget, 'param-count')).toBe(SMALL_PARAMS);
      expect(await numberValue(widget, 'epoch')).toBe(2);
      // Plausible numbers: every batch's results read back intact (WebGPU once garbled them).
      const loss = await numberValue(widget, 'loss');
      expect(loss).toBeGreaterThan(1.5);
      expect(loss).toBeLessThan(2.4);
      expect(await numberValue(widget, 'accuracy')).toBeGreaterThan(0.15);
      expect(await numberValue(widget, 'accuracy')).toBeLessThan(0.6);
      expect(await numberValue(widget, 'val-accuracy')).toBeGreaterThan(0.1);
      expect(await numberValue(widget, 'samples-per-second')).toBeGreaterThan(0);
      // Curves: loss and accuracy drawn (train and validation lines).
      await expect(widget.locator('.cifar-charts .recharts-line-curve').first()).toBeVisible();
      await expect(widget.getByTestId('histogram-dense_1')).toBeVisible();
      await expect(widget.getByTestId('weight-histograms')).toHaveAttribute('data-value', '2');
      // The evaluation comes by itself at the end of the run.
      const evaluation = widget.getByTestId('evaluation');
      await expect(evaluation).toBeVisible({ timeout: 60_000 });
      const accuracy = await numberValue(evaluation, 'test-accuracy');
      expect(accuracy).toBeGreaterThan(0.12);
      expect(accuracy).toBeLessThan(0.6);
      const cells = await evaluation.locator('[data-testid^="cm-"]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
      expect(cells).toHaveLength(100);
      expect(cells.reduce((a, b) => a + b, 0)).toBe(10_000);
      const diagonal = await Promise.all(Array.from({ length: 10 }, (_, i) => numberValue(evaluation, `cm-${i}-${i}`)));
      expect(diagonal.reduce((a, b) => a + b, 0) / 10_000).toBeCloseTo(accuracy, 6);
      await expect(evaluation.getByTestId('classification-report').locator('tbody tr')).toHaveCount(10);
      await expect(evaluation.getByTestId('classification-report')).toContainText('camión');
      expect(await numberValue(evaluation, 'report-accuracy')).toBeCloseTo(accuracy, 6);
      await expect(evaluation.getByTestId('gallery-item')).toHaveCount(24);
      // Mistakes first.
      await expect(evaluation.getByTestId('gallery-item').first()).toHaveClass('miss');
      await expect(evaluation.getByTestId('gap-note')).toContainText('en prueba el');
    });
  }

  test('refuses a bad train value with a Spanish message and uses the default', async ({ page }) => {
    await page.goto('./#/lab/cifar10?train=50');
    const widget = page.getByTestId('widget-cifar10');
    await expect(widget.getByTestId('url-notice')).toContainText('«train=50» no es válido');
    await expect(widget.getByTestId('url-notice')).toContainText('mayor o igual que 1.000');
    await expect(widget.getByTestId('network')).toContainText('50.000 imágenes');
  });

  test('a missing data file ends in a Spanish message and a retry that works', async ({ page }) => {
    // Chromium does not let Playwright intercept a dedicated worker's requests, so the file
    // really goes missing from the served build for the length of the test (this server then
    // answers with index.html; GitHub Pages with a 404: both read as a missing file).
    const file = join(process.env.E2E_DIST ?? 'dist', 'data', 'cifar10', 'test_batch.png');
    renameSync(file, `${file}.oculto`);
    try {
      await page.goto(`./#/lab/cifar10?${SMALL}`);
      const widget = page.getByTestId('widget-cifar10');
      await expect(widget.getByTestId('data-error')).toContainText(/Falta el archivo test_batch\.png en el sitio/);
      await expect(readout(widget, 'status')).toHaveAttribute('data-value', '');
      renameSync(`${file}.oculto`, file);
      await widget.getByTestId('data-retry').click();
      await waitForStatus(widget, 'idle');
      await expect(widget.getByTestId('data-error')).toHaveCount(0);
    } finally {
      if (existsSync(`${file}.oculto`)) renameSync(`${file}.oculto`, file);
    }
  });
});
