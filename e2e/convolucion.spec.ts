import { expect, readout, test } from './browser';
import type { Locator } from '@playwright/test';

async function map(widget: Locator, id: string): Promise<{ side: number; values: number[] }> {
  const figure = widget.getByTestId(id);
  return {
    side: Number(await figure.getAttribute('data-side')),
    values: ((await figure.getAttribute('data-value')) ?? '').split(',').map(Number),
  };
}

test.describe('the convolution widget', () => {
  for (const backend of ['webgpu', 'webgl']) {
    test(`the identity kernel returns the input on ${backend}`, async ({ page }) => {
      await page.goto(`./#/lab/convolucion?imagen=7&k=0,0,0,0,1,0,0,0,0&backend=${backend}`);
      const widget = page.getByTestId('widget-convolucion');
      await expect(readout(widget, 'backend')).toHaveAttribute('data-value', backend);
      await expect(widget.getByTestId('feature-map')).toBeVisible();
      const input = await map(widget, 'input-map');
      const output = await map(widget, 'feature-map');
      expect(output.side).toBe(32);
      expect(output.values).toHaveLength(1024);
      output.values.forEach((v, i) => expect(v).toBeCloseTo(input.values[i], 5));
    });
  }

  test('a horizontal-edge kernel lights a single row of the step image', async ({ page }) => {
    await page.goto('./#/lab/convolucion?imagen=escalon&backend=webgpu');
    const widget = page.getByTestId('widget-convolucion');
    await expect(widget.getByTestId('input-preset')).toHaveValue('borde_horizontal');
    await expect(widget.getByTestId('relu-map')).toBeVisible();
    const relu = await map(widget, 'relu-map');
    const rows = new Set(relu.values.flatMap((v, i) => (v > 1e-6 ? [Math.floor(i / relu.side)] : [])));
    expect([...rows]).toEqual([15]);
    // Max pooling 2×2 with stride 2 keeps that row, in half the size.
    await expect(readout(widget, 'pooled-size')).toHaveAttribute('data-value', '16');
    const pooled = await map(widget, 'pooled-map');
    expect(new Set(pooled.values.flatMap((v, i) => (v > 1e-6 ? [Math.floor(i / 16)] : [])))).toEqual(new Set([7]));
  });

  test('stride 2 and valid padding change the map size; edited numbers reach the URL', async ({ page }) => {
    await page.goto('./#/lab/convolucion?imagen=escalon&paso=2&relleno=valid&backend=cpu');
    const widget = page.getByTestId('widget-convolucion');
    // (32 − 3) / 2 + 1 = 15 positions without padding.
    await expect(readout(widget, 'map-size')).toHaveAttribute('data-value', '15');
    await widget.getByTestId('kernel-4').fill('2');
    await widget.getByTestId('kernel-4').press('Enter');
    await expect(widget.getByTestId('input-preset')).toHaveValue('propio');
    await expect(page).toHaveURL(/k=0%2C0%2C0%2C-1%2C2%2C-1%2C1%2C1%2C1|k=0,0,0,-1,2,-1,1,1,1/);
  });

  test('a bad kernel in the URL is refused with a Spanish message', async ({ page }) => {
    await page.goto('./#/lab/convolucion?k=1,2,3');
    await expect(page.getByTestId('url-notice')).toContainText('«k=1,2,3» no es válido');
  });
});
