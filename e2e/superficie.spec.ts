import { readFile } from 'node:fs/promises';
import type { Locator } from '@playwright/test';
import { expect, numberValue, test, waitForStatus } from './browser';

const RACERS = ['sgd', 'momentum', 'rmsprop', 'adam'];

/** A path's final loss (data-value on its SVG group). */
async function finalLoss(widget: Locator, name: string): Promise<number> {
  return Number(await widget.getByTestId(`path-${name}`).getAttribute('data-value'));
}

test.describe('the loss surface with the optimizer race', () => {
  for (const backend of ['webgpu', 'cpu']) {
    test(`on ${backend}, the four optimizers race on the valley and Adam ends lower than SGD`, async ({ page }) => {
      await page.goto(`./#/lab/superficie?superficie=valle&optimizadores=sgd,momentum,rmsprop,adam&autoplay=1&backend=${backend}`);
      const widget = page.getByTestId('widget-superficie');
      await waitForStatus(widget, 'done');
      await expect(widget.getByTestId('backend')).toHaveAttribute('data-value', backend);
      await expect(widget.getByTestId('epoch')).toHaveAttribute('data-value', '100');
      for (const name of RACERS) expect(Number.isFinite(await finalLoss(widget, name)), name).toBe(true);
      expect(await finalLoss(widget, 'adam')).toBeLessThan((await finalLoss(widget, 'sgd')) / 10);
      await expect(widget.getByTestId('hero')).toBeInViewport({ ratio: 1 });
    });
  }

  test("the notebook's line: all four race by default, SGD ends at the notebook's numbers, a bad list gets a notice", async ({ page }) => {
    await page.goto('./#/lab/superficie?optimizadores=sgd,nada&autoplay=1&backend=cpu');
    const widget = page.getByTestId('widget-superficie');
    await expect(widget.getByTestId('url-notice')).toContainText('optimizadores=sgd,nada');
    await waitForStatus(widget, 'done');
    for (const name of RACERS) await expect(widget.getByTestId(`path-${name}`)).toHaveCount(1);
    expect(await numberValue(widget, 'param-w')).toBeCloseTo(2.0502696, 5);
    expect(await numberValue(widget, 'param-b')).toBeCloseTo(0.8522009, 5);
    expect(await finalLoss(widget, 'sgd')).toBeCloseTo(0.0039, 4);
    await expect.poll(() => numberValue(widget, 'path-points')).toBe(52);
    // The race's history downloads as CSVLogger lays it out: a row per epoch, each optimizer's loss, w and b.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-history').click()]);
    expect(download.suggestedFilename()).toBe('superficie-historial.csv');
    const rows = (await readFile(await download.path(), 'utf8')).trim().split('\r\n');
    expect(rows[0]).toBe(
      'epoch,b_adam,b_momentum,b_rmsprop,b_sgd,loss_adam,loss_momentum,loss_rmsprop,loss_sgd,w_adam,w_momentum,w_rmsprop,w_sgd',
    );
    expect(rows).toHaveLength(52);
    expect(Number(rows[51].split(',')[8])).toBeCloseTo(0.0039, 4);
  });

  test('one step shows the engine numbers behind each update, then SGD alone diverges with the big η', async ({ page }) => {
    await page.goto('./#/lab/superficie?backend=cpu');
    const widget = page.getByTestId('widget-superficie');
    await waitForStatus(widget, 'idle');
    await widget.getByTestId('step').click();
    await expect.poll(() => numberValue(widget, 'epoch')).toBe(1);
    await expect.poll(() => numberValue(widget, 'path-points')).toBe(2);
    // The panel shows b. Adam's first step: m̂ = g; momentum's: Δ = m = −η·g.
    const value = (id: string) => numberValue(widget, id);
    expect(await value('step-adam-mHat')).toBeCloseTo(await value('step-adam-g'), 3);
    expect(await value('step-momentum-momentum')).toBeCloseTo(await value('step-momentum-delta'), 6);
    expect(await value('step-sgd-delta')).toBeCloseTo(-0.1 * (await value('step-sgd-g')), 5);

    // The boxes write the URL, which redraws them: click, then wait for the new state.
    for (const name of ['momentum', 'rmsprop', 'adam']) {
      await widget.getByTestId(`pick-${name}`).click();
      await expect(widget.getByTestId(`pick-${name}`)).not.toBeChecked();
    }
    await expect(widget.getByTestId('pick-sgd')).toBeDisabled();
    await expect(page).toHaveURL(/optimizadores=sgd(&|$)/);
    await widget.getByTestId('preset-diverge').click();
    await waitForStatus(widget, 'idle');
    await widget.getByTestId('play').click();
    await waitForStatus(widget, 'diverged');
    await expect(widget.getByTestId('message')).toContainText('tasa de aprendizaje');
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

  test('the gradient lesson renders its math and plain gradient descent alone, without errors', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('./#/leccion/gradiente');
    await expect(page.locator('.katex-display').first()).toBeVisible();
    await expect(page.locator('.katex-error')).toHaveCount(0);
    const widget = page.getByTestId('widget-superficie');
    await waitForStatus(widget, 'idle');
    await expect(widget.locator('g[data-testid^="path-"]')).toHaveCount(1);
    await expect(widget.getByTestId('path-sgd')).toHaveCount(1);
    expect(errors).toEqual([]);
  });
});
