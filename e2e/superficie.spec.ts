import { expect, numberValue, readout, test, waitForStatus } from './browser';

test.describe('the loss surface with the descent path', () => {
  for (const backend of ['webgpu', 'cpu']) {
    test(`the notebook run on ${backend} draws one point per epoch and ends at the notebook's numbers`, async ({ page }) => {
      await page.goto(`./#/lab/superficie?autoplay=1&backend=${backend}`);
      const widget = page.getByTestId('widget-superficie');
      await waitForStatus(widget, 'done');
      await expect(readout(widget, 'backend')).toHaveAttribute('data-value', backend);
      expect(await numberValue(widget, 'param-w')).toBeCloseTo(2.0502696, 5);
      expect(await numberValue(widget, 'param-b')).toBeCloseTo(0.8522009, 5);
      await expect.poll(() => numberValue(widget, 'path-points')).toBe(52);
    });
  }

  test('the divergent preset ends diverged, the slow one crawls, and step mode advances one epoch', async ({ page }) => {
    await page.goto('./#/lab/superficie?backend=cpu');
    const widget = page.getByTestId('widget-superficie');
    await waitForStatus(widget, 'idle');
    await widget.getByTestId('preset-diverge').click();
    await expect(page).toHaveURL(/lr=0\.15/);
    await waitForStatus(widget, 'idle');
    await widget.getByTestId('play').click();
    await waitForStatus(widget, 'diverged');
    await expect(widget.getByTestId('message')).toContainText('tasa de aprendizaje');

    await widget.getByTestId('preset-lenta').click();
    await waitForStatus(widget, 'idle');
    await widget.getByTestId('step').click();
    await expect.poll(() => numberValue(widget, 'epoch')).toBe(1);
    await expect.poll(() => numberValue(widget, 'path-points')).toBe(2);
    // One step of η = 0,01 from the notebook start: w + 0,01·14,6525.
    expect(await numberValue(widget, 'param-w')).toBeCloseTo(1.3552873 + 0.146524577, 5);
    await widget.getByTestId('play').click();
    await waitForStatus(widget, 'done');
    expect(await numberValue(widget, 'loss')).toBeCloseTo(0.0246, 3);
  });

  test('a click on the surface picks the starting point', async ({ page }) => {
    await page.goto('./#/lab/superficie?backend=cpu');
    const widget = page.getByTestId('widget-superficie');
    await waitForStatus(widget, 'idle');
    const surface = widget.getByTestId('surface');
    const box = (await surface.boundingBox())!;
    // The middle of the view: w = 2, b = 1, the minimum itself.
    await surface.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await expect.poll(() => numberValue(widget, 'loss')).toBeLessThan(0.01);
    const params = new URL(page.url().replace('#/', '')).searchParams;
    expect(Number(params.get('w0'))).toBeCloseTo(2, 1);
    expect(Number(params.get('b0'))).toBeCloseTo(1, 1);
  });

  test('the gradient lesson renders its math and the widget without errors', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('./#/leccion/gradiente');
    await expect(page.locator('.katex-display').first()).toBeVisible();
    await expect(page.locator('.katex-error')).toHaveCount(0);
    await waitForStatus(page.getByTestId('widget-superficie'), 'idle');
    expect(errors).toEqual([]);
  });
});
