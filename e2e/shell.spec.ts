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
