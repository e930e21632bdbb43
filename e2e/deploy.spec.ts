import { expect, readout, test, waitForStatus } from './browser';

/**
 * After a deploy the chunks have new names, and a tab left open on the old build asks for ones
 * that are gone. Here the server answers 404 for the softmax lab's chunk instead, which is what
 * that tab meets. The service worker is blocked: it would answer from its own cache.
 */
test.use({ serviceWorkers: 'block' });

const SOFTMAX_CHUNK = /\/assets\/Softmax-[^/]+\.js$/;

async function openRectaAndCountLoads(page: import('@playwright/test').Page) {
  await page.goto('./#/lab/recta?backend=cpu');
  await waitForStatus(page.getByTestId('widget-recta'), 'idle');
  const loads = { count: 0 };
  page.on('load', () => loads.count++);
  return loads;
}

test.describe('a tab left open across a deploy', () => {
  test('a chunk that no longer exists reloads the page once, at the same URL, and the lab opens', async ({ page }) => {
    const loads = await openRectaAndCountLoads(page);
    let refused = 0;
    // Gone for the old page; the reloaded page (the new build) finds it.
    await page.route(SOFTMAX_CHUNK, (route) => (loads.count === 0 ? (refused++, route.fulfill({ status: 404 })) : route.continue()));
    await page.evaluate(() => {
      window.location.hash = '#/lab/softmax?backend=cpu';
    });
    const softmax = page.getByTestId('widget-softmax');
    await expect(readout(softmax, 'loss')).not.toHaveAttribute('data-value', '');
    expect(refused).toBeGreaterThan(0);
    expect(loads.count).toBe(1);
    await expect(page).toHaveURL(/\/lab\/#\/lab\/softmax\?backend=cpu$/);
  });

  test('a chunk that stays missing reloads once, then shows the error instead of looping', async ({ page }) => {
    const loads = await openRectaAndCountLoads(page);
    await page.route(SOFTMAX_CHUNK, (route) => route.fulfill({ status: 404 }));
    await page.evaluate(() => {
      window.location.hash = '#/lab/softmax';
    });
    await expect(page.getByTestId('error-panel')).toBeVisible();
    await page.waitForTimeout(1500);
    expect(loads.count).toBe(1);
    await expect(page).toHaveURL(/#\/lab\/softmax$/);
  });
});
