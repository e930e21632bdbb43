import AxeBuilder from '@axe-core/playwright';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test, waitForStatus } from './browser';

test.describe('the lab shell under a sub-path', () => {
  test('the index lists the six lessons in order and links to them', async ({ page }) => {
    await page.goto('./#/');
    const hrefs = await page
      .getByRole('main')
      .locator('a[href^="#/leccion/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const slugs = [...new Set(hrefs)].map((h) => h!.replace('#/leccion/', ''));
    expect(slugs).toEqual(['perdida', 'gradiente', 'backprop', 'softmax', 'cifar10', 'transferencia']);
    await page.locator('[href="#/leccion/perdida"]').first().click();
    await expect(page).toHaveURL(/\/lab\/#\/leccion\/perdida$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Pérdida');
  });

  test('a lesson renders its math with KaTeX (MathML for screen readers) and its live widget', async ({ page }) => {
    await page.goto('./#/leccion/perdida');
    await expect(page.locator('.katex-display').first()).toBeVisible();
    expect(await page.locator('.katex math').count()).toBeGreaterThan(3);
    const widget = page.getByTestId('widget-recta');
    await waitForStatus(widget, 'idle');
    await widget.getByTestId('play').click();
    await waitForStatus(widget, 'done');
    await expect(widget.getByTestId('param-w')).toContainText('2,05');
  });

  test('the glossary answers in Spanish', async ({ page }) => {
    await page.goto('./#/glosario');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Glosario');
  });

  test('unknown routes, lessons and widgets get a Spanish 404 with a way back', async ({ page }) => {
    for (const route of ['#/no-existe', '#/leccion/no-existe', '#/lab/no-existe']) {
      await page.goto(`./${route}`);
      const notFound = page.getByTestId('not-found');
      await expect(notFound).toBeVisible();
      await expect(notFound.getByRole('link').first()).toHaveAttribute('href', /#\//);
    }
  });
});

/** No serious or critical axe-core violation inside the element with this data-testid. */
async function expectAccessible(page: Page, testId: string) {
  const results = await new AxeBuilder({ page }).include(`[data-testid="${testId}"]`).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
  expect(bad, bad.join('\n')).toEqual([]);
}

test.describe('embedding and sharing a lab', () => {
  test('embed=1 shows the widget alone (no site header, footer or lab title), fitting 800×600', async ({ page }) => {
    await page.setViewportSize({ width: 800, height: 600 });
    await page.goto('./#/lab/recta?embed=1&backend=cpu');
    const widget = page.getByTestId('widget-recta');
    await waitForStatus(widget, 'idle');
    await expect(page.locator('header')).toHaveCount(0);
    await expect(page.locator('footer')).toHaveCount(0);
    await expect(page.locator('.lab-head')).toHaveCount(0);
    // The picture is on screen without scrolling, and nothing scrolls sideways.
    const hero = await widget.getByTestId('hero').boundingBox();
    expect(hero!.y + hero!.height).toBeLessThanOrEqual(600);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
  });

  test("inside another site's iframe the lab trains, even where the browser blocks its storage", async ({ page }) => {
    const lab = new URL('./#/lab/recta?embed=1&backend=cpu', page.url()).href;
    // The course page on another site (127.0.0.1 is not localhost's site): the lab is a third-party
    // frame there, and this Chromium refuses it sessionStorage and a service worker.
    const host = createServer((_, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<h1>Mi curso</h1><iframe src="${lab}" width="800" height="600" title="recta"></iframe>`);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    try {
      await page.goto(`http://127.0.0.1:${(host.address() as AddressInfo).port}/`);
      const widget = page.frameLocator('iframe').getByTestId('widget-recta');
      await waitForStatus(widget, 'idle');
      await widget.getByTestId('play').click();
      await waitForStatus(widget, 'done');
      await expect(widget.getByTestId('param-w')).toContainText('2,05');
    } finally {
      host.close();
    }
  });

  test('"Insertar…" offers the link and an <iframe> snippet in embed mode', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('./#/lab/puntos?datos=xor&proyector=1');
    await page.getByTestId('share-open').click();
    const dialog = page.getByTestId('share-dialog');
    await expect(dialog).toBeVisible();
    // The projector is the instructor's display, not part of the configuration shared.
    await expect(dialog.getByTestId('share-link')).toHaveValue(/\/lab\/#\/lab\/puntos\?datos=xor$/);
    const snippet = dialog.getByTestId('iframe-snippet');
    await expect(snippet).toHaveValue(
      /^<iframe src="http:\/\/[^"]+\/lab\/#\/lab\/puntos\?datos=xor&amp;embed=1" width="800" height="600" title="[^"]+"/,
    );
    await dialog.getByTestId('copy-iframe').click();
    await expect(dialog.getByRole('status')).toHaveText('Código copiado');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await snippet.inputValue());
    await expectAccessible(page, 'share-dialog');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('in projector mode the lab head shows the QR code of the link, beside the picture; "Código QR" shows it large', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('./#/lab/and?proyector=1&backend=cpu');
    const qr = page.getByTestId('projector-qr');
    await expect(qr).toBeVisible();
    await expect(qr).toHaveAttribute('alt', /Código QR/);
    await expect(qr).toHaveAttribute('data-value', /\/lab\/#\/lab\/and\?backend=cpu$/);
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const box = (await qr.boundingBox())!;
    const hero = (await page.getByTestId('hero').boundingBox())!;
    expect(box.y + box.height, 'the code stays above the picture').toBeLessThanOrEqual(hero.y);

    await page.getByTestId('qr-open').click();
    const dialog = page.getByTestId('qr-dialog');
    await expect(dialog.getByTestId('qr-large')).toBeVisible();
    await expectAccessible(page, 'qr-dialog');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('qr-open')).toBeFocused();
  });
});
