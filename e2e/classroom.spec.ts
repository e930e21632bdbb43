import { expect, numberValue, readout, test, waitForStatus } from './browser';

test.describe('classroom: keyboard, projector, sharing, hidden tabs, capabilities', () => {
  test('the keyboard drives a lab: space, →, R, B, ? and P', async ({ page }) => {
    await page.goto('./#/lab/recta?backend=cpu&epochs=100000');
    const widget = page.getByTestId('widget-recta');
    await waitForStatus(widget, 'idle');
    await page.keyboard.press(' ');
    await waitForStatus(widget, 'training');
    await page.keyboard.press(' ');
    await waitForStatus(widget, 'paused');
    const paused = await numberValue(widget, 'epoch');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => numberValue(widget, 'epoch')).toBe(paused + 1);
    await page.keyboard.press('r');
    await expect.poll(() => numberValue(widget, 'epoch')).toBe(0);
    await waitForStatus(widget, 'idle');
    // B cycles the backend through the URL: cpu → auto.
    await page.keyboard.press('b');
    await expect(page).toHaveURL(/backend=auto/);
    await page.keyboard.press('b');
    await expect(page).toHaveURL(/backend=webgpu/);
    await expect(readout(page.getByTestId('widget-recta'), 'backend')).toHaveAttribute('data-value', 'webgpu');
    // Typing in a field never triggers a shortcut.
    await page.getByTestId('input-lr').focus();
    await page.keyboard.press('r');
    await expect(page.getByTestId('input-lr')).toHaveValue(/r/);

    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('?');
    const help = page.getByTestId('keyboard-help');
    await expect(help).toBeVisible();
    await expect(help).toContainText('Pantalla completa');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();

    await page.keyboard.press('p');
    await expect(page.locator('html')).toHaveClass(/projector/);
    await expect(page.getByTestId('projector-toggle')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('p');
    await expect(page.locator('html')).not.toHaveClass(/projector/);
  });

  test('a link with proyector=1 opens in projector mode and the choice holds across pages', async ({ page }) => {
    await page.goto('./#/lab/and?proyector=1');
    await expect(page.locator('html')).toHaveClass(/projector/);
    await page.goto('./#/glosario');
    await expect(page.locator('html')).toHaveClass(/projector/);
    await page.goto('./#/?proyector=0');
    await expect(page.locator('html')).not.toHaveClass(/projector/);
  });

  test('"Copiar enlace" copies the exact configuration', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('./#/lab/puntos?datos=xor&capas=2&backend=cpu');
    await page.getByTestId('copy-link').click();
    await expect(page.getByRole('status').filter({ hasText: 'Enlace copiado' })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/\/lab\/#\/lab\/puntos\?datos=xor&capas=2&backend=cpu$/);
    await page.goto(copied);
    await expect(page.getByTestId('input-capas')).toHaveValue('2');
  });

  test('a hidden tab pauses the run and says why', async ({ page }) => {
    await page.goto('./#/lab/recta?backend=cpu&epochs=100000&autoplay=1');
    const widget = page.getByTestId('widget-recta');
    await waitForStatus(widget, 'training');
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitForStatus(widget, 'paused');
    await expect(widget.getByTestId('hidden-pause')).toContainText('pestaña quedó oculta');
    await widget.getByTestId('play').click();
    await waitForStatus(widget, 'training');
    await expect(widget.getByTestId('hidden-pause')).toHaveCount(0);
  });

  test('the capabilities page lists the backends and the WebGPU adapter in Spanish', async ({ page }) => {
    await page.goto('./#/');
    await page.getByRole('link', { name: 'Qué puede hacer este navegador' }).click();
    const about = page.getByTestId('about');
    await expect(about.getByTestId('adapter')).toContainText(/swiftshader/i);
    const rows = about.getByTestId('backends').locator('tbody tr');
    await expect(rows).toHaveCount(4);
    await expect(about.locator('tr[data-available="true"]')).toHaveCount(4);
    // A convolutional model never goes to WebAssembly, which cannot train convolutions.
    const choices = about.getByTestId('auto-choices').locator('li');
    await expect(choices).toHaveCount(3);
    await expect(choices.nth(0)).toContainText('CPU');
    await expect(choices.nth(2)).not.toContainText('WebAssembly');
    await expect(about).toContainText('WebAssembly no sabe calcular los gradientes de una convolución');
  });
});

test.describe('projector mode at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });
  for (const name of ['recta', 'superficie', 'and', 'puntos', 'softmax']) {
    test(`#/lab/${name}: controls, main readouts and the main picture fit without scrolling`, async ({ page }) => {
      await page.goto(`./#/lab/${name}?proyector=1&backend=cpu`);
      const widget = page.getByTestId(`widget-${name}`);
      await expect(readout(widget, 'loss')).not.toHaveAttribute('data-value', '');
      const bottoms = await widget.evaluate((root) =>
        // Every readout of the main row(s), the run buttons and the main picture (secondary charts may follow below).
        ['.readout-row:not(.prediction-table *) output', '.training-controls button, [data-testid="descend"]', '[data-testid="hero"]'].map(
          (selector) => [...root.querySelectorAll(selector)].map((el) => el.getBoundingClientRect().bottom),
        ),
      );
      for (const group of bottoms) {
        expect(group.length).toBeGreaterThan(0);
        expect(Math.max(...group)).toBeLessThanOrEqual(720);
      }
    });
  }

  test("#/lab/transfer: controls, both phases' main readouts and the charts fit without scrolling", async ({ page }) => {
    await page.goto('./#/lab/transfer?base=mini&images=10&val=10&proyector=1&backend=webgl');
    const widget = page.getByTestId('widget-transfer');
    await waitForStatus(widget, 'idle');
    const ids = ['status', 'epoch', 'phase', 'param-count', 'trainable-count', 'loss', 'accuracy', 'val-accuracy', 'play', 'reset'];
    const bottoms = await widget.evaluate(
      (root, ids) =>
        [...ids.map((id) => `[data-testid="${id}"]`), '.chart'].flatMap((selector) =>
          [...root.querySelectorAll(selector)].map((el) => el.getBoundingClientRect().bottom),
        ),
      ids,
    );
    expect(bottoms.length).toBe(ids.length + 2);
    expect(Math.max(...bottoms)).toBeLessThanOrEqual(720);
  });
});
