import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { expect, numberValue, test, waitForStatus } from './browser';

// A forced collection (window.gc) makes the heap comparison mean something.
test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'] } });

test('hundreds of start/reset cycles leave the tensors at their baseline and the page memory flat', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('./#/lab/recta?backend=cpu&epochs=100000');
  const widget = page.getByTestId('widget-recta');
  await waitForStatus(widget, 'idle');
  const baseline = await numberValue(widget, 'tensor-count');
  const heap = () =>
    page.evaluate(async () => {
      (window as unknown as { gc(): void }).gc();
      await new Promise((resolve) => setTimeout(resolve, 100));
      (window as unknown as { gc(): void }).gc();
      return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
    });
  // Warm up once so lazy chunks and caches are in before measuring.
  await widget.getByTestId('play').click();
  await waitForStatus(widget, 'training');
  await widget.getByTestId('reset').click();
  await waitForStatus(widget, 'idle');
  // Space on a focused button presses that button; the shortcuts need focus off the controls.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const before = await heap();
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press(' ');
    await waitForStatus(widget, 'training');
    await page.keyboard.press(i % 2 ? 'r' : ' ');
    if (i % 2 === 0) {
      await waitForStatus(widget, 'paused');
      await page.keyboard.press('r');
    }
    await waitForStatus(widget, 'idle');
  }
  await expect.poll(() => numberValue(widget, 'tensor-count')).toBe(baseline);
  expect(await numberValue(widget, 'epoch')).toBe(0);
  // After a forced collection: 200 cycles that leaked even 25 kB each would show.
  const grown = (await heap()) - before;
  expect(grown, `the page heap grew by ${Math.round(grown / 1024)} kB`).toBeLessThan(5 * 1024 * 1024);
});
