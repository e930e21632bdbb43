import { expect, numberValue, readout, readoutValue, test } from './browser';

test.describe('softmax: logits, probabilities and the gradient ŷ − y', () => {
  for (const backend of ['webgpu', 'cpu']) {
    test(`on ${backend} the formula and automatic differentiation agree`, async ({ page }) => {
      await page.goto(`./#/lab/softmax?z=2,1,0.1&clase=0&backend=${backend}`);
      const widget = page.getByTestId('widget-softmax');
      await expect(readout(widget, 'backend')).toHaveAttribute('data-value', backend);
      expect(Number(await widget.getByTestId('prob-0').getAttribute('data-value'))).toBeCloseTo(0.659001, 5);
      expect(await numberValue(widget, 'loss')).toBeCloseTo(0.41703, 5);
      const analytic = (await readoutValue(widget, 'grad-analytic')).split(',').map(Number);
      expect(analytic[0]).toBeCloseTo(0.659001 - 1, 5);
      expect(await numberValue(widget, 'grad-diff')).toBeLessThan(1e-6);
    });
  }

  test('a logit moved with the keyboard and a descent step change the numbers', async ({ page }) => {
    await page.goto('./#/lab/softmax?backend=cpu');
    const widget = page.getByTestId('widget-softmax');
    await expect.poll(() => numberValue(widget, 'loss')).toBeCloseTo(0.41703, 5);
    await widget.getByTestId('logit-0').focus();
    await page.keyboard.press('ArrowRight');
    // z₀ = 2,1 raises ŷ₀ and lowers the loss.
    await expect.poll(() => numberValue(widget, 'loss')).toBeLessThan(0.41);
    await widget.getByTestId('reset').click();
    await expect.poll(() => numberValue(widget, 'loss')).toBeCloseTo(0.41703, 5);
    await widget.getByTestId('descend').click();
    // With η = 1 the logits become [2,341; 0,758; 0,001] and the loss 0,2636.
    await expect.poll(() => numberValue(widget, 'loss')).toBeCloseTo(0.263624, 4);
    await expect(page).toHaveURL(/z=2\.34/);
  });

  test('bad logits in the link are refused in Spanish', async ({ page }) => {
    await page.goto('./#/lab/softmax?z=50,0&backend=cpu');
    const widget = page.getByTestId('widget-softmax');
    await expect(widget.getByTestId('url-notice')).toContainText('no es válido');
    await expect.poll(() => numberValue(widget, 'loss')).toBeCloseTo(0.41703, 5);
  });

  test('the lesson renders its math and the widget without errors', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('./#/leccion/softmax');
    await expect(page.locator('.katex-display').first()).toBeVisible();
    await expect(page.locator('.katex-error')).toHaveCount(0);
    await expect.poll(() => numberValue(page.getByTestId('widget-softmax'), 'loss')).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
