import { expect, numberValue, test, waitForStatus } from './browser';

test('after one visit the lessons and widgets work without network', async ({ page, context }) => {
  await page.goto('./#/leccion/perdida');
  await waitForStatus(page.getByTestId('widget-recta'), 'idle');
  // The service worker installs (precaching everything) and takes the page on the next load.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  try {
    // A lesson never opened before, its math fonts, its widgets and the engine worker.
    await page.goto('./#/leccion/backprop');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Retropropagación');
    await expect(page.locator('.katex-display').first()).toBeVisible();
    const and = page.getByTestId('widget-and');
    await waitForStatus(and, 'idle');
    await and.getByTestId('play').click();
    await waitForStatus(and, 'done');
    expect(await numberValue(and, 'accuracy')).toBe(1);
    // The WebAssembly binaries are precached too.
    await page.goto('./#/lab/recta?backend=wasm&autoplay=1');
    const recta = page.getByTestId('widget-recta');
    await waitForStatus(recta, 'done');
    await expect(recta.getByTestId('backend')).toHaveAttribute('data-value', 'wasm');
  } finally {
    await context.setOffline(false);
  }
});
