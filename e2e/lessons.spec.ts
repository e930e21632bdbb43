import { expect, numberValue, readout, test, waitForStatus } from './browser';
import type { Page } from '@playwright/test';

/** Console errors and uncaught exceptions collected while a page is open. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test.describe('the lessons and the glossary', () => {
  for (const [slug, widgets] of [
    ['perdida', ['recta']],
    ['backprop', ['and', 'puntos']],
    ['cifar10', ['cifar10']],
  ] as const) {
    test(`lesson ${slug} renders its math and its widgets without errors`, async ({ page }) => {
      const errors = collectErrors(page);
      await page.goto(`./#/leccion/${slug}`);
      await expect(page.locator('.katex-display').first()).toBeVisible();
      expect(await page.locator('.katex math').count()).toBeGreaterThan(5);
      await expect(page.locator('.katex-error')).toHaveCount(0);
      for (const name of widgets) {
        const widget = page.getByTestId(`widget-${name}`);
        // CIFAR-10's 139 MB wait for the reader's click: until then the widget offers them and shows its data gallery.
        if (name === 'cifar10') {
          await expect(widget.getByTestId('data-offer')).toBeVisible();
          await expect(widget.getByTestId('data-gallery-item')).toHaveCount(20);
        } else await waitForStatus(widget, 'idle');
      }
      expect(errors).toEqual([]);
    });
  }

  test('lesson transferencia renders its math, a convolution widget that computes and the transfer lab', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto('./#/leccion/transferencia');
    await expect(page.locator('.katex-display').first()).toBeVisible();
    expect(await page.locator('.katex math').count()).toBeGreaterThan(5);
    await expect(page.locator('.katex-error')).toHaveCount(0);
    // The parameter count of the frozen-base head, worked out in the text.
    await expect(page.getByRole('main')).toContainText('198.020');
    const widget = page.getByTestId('widget-convolucion');
    await expect(widget.getByTestId('feature-map')).toBeVisible();
    await expect(widget.getByTestId('map-size')).toHaveAttribute('data-value', '32');
    // The transfer lab sits at the end and names the weights it uses (ImageNet where the site has them, mini otherwise).
    const transfer = page.getByTestId('widget-transfer');
    await expect(transfer.getByTestId('weights-source')).toHaveAttribute('data-value', /^(imagenet|cifar10-6):/);
    await expect(page.getByRole('main')).toContainText('116.100 parámetros de 786.123');
    expect(errors).toEqual([]);
  });

  test('in the loss lesson the sliders move w and b and the loss answers before training', async ({ page }) => {
    await page.goto('./#/leccion/perdida');
    const widget = page.getByTestId('widget-recta');
    await waitForStatus(widget, 'idle');
    const before = await numberValue(widget, 'loss');
    expect(before).toBeGreaterThan(1);
    const w = widget.getByTestId('slider-w0');
    const b = widget.getByTestId('slider-b0');
    await w.fill('2');
    await b.fill('1');
    // On the line itself, the loss is zero.
    await expect.poll(() => numberValue(widget, 'loss')).toBeLessThan(1e-10);
    expect(await numberValue(widget, 'param-w')).toBeCloseTo(2, 6);
    // From the keyboard: one arrow press moves w by 0,01 and the loss grows again.
    await w.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => numberValue(widget, 'param-w')).toBeCloseTo(2.01, 6);
    // Σ(0,01·xᵢ)²/4 = 0,0001·30/4.
    await expect.poll(() => numberValue(widget, 'loss')).toBeCloseTo(0.00075, 7);
  });

  test('the glossary links every term to a widget or lesson that shows it', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto('./#/glosario');
    const terms = page.getByRole('main').locator('dt');
    await expect(terms.first()).toBeVisible();
    expect(await terms.count()).toBeGreaterThanOrEqual(15);
    const where = page.locator('.glossary-where');
    await expect(where).toHaveCount(await terms.count());
    for (const href of await where.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      expect(href).toMatch(/^#\/(lab|leccion)\//);
    }
    await where.first().locator('a').first().click();
    await expect(page.getByTestId('widget-puntos')).toBeVisible();
    expect(errors).toEqual([]);
  });
});

test('a readout inside a lesson belongs to its own widget', async ({ page }) => {
  await page.goto('./#/leccion/backprop');
  const and = page.getByTestId('widget-and');
  const puntos = page.getByTestId('widget-puntos');
  await waitForStatus(and, 'idle');
  await waitForStatus(puntos, 'idle');
  await and.getByTestId('step').click();
  await expect.poll(() => numberValue(and, 'epoch')).toBe(1);
  expect(await numberValue(puntos, 'epoch')).toBe(0);
  await expect(readout(puntos, 'status')).toHaveAttribute('data-value', 'idle');
});
