import { expect, numberValue, readout, readoutValue, test, waitForStatus } from './browser';

const NOTEBOOK = 'w0=1.3552873&b0=0.00364656';

test.describe('recta: exercise A in the browser', () => {
  for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu']) {
    test(`the notebook run on ${backend} ends at w ≈ 2.0502696, b ≈ 0.8522009`, async ({ page }) => {
      await page.goto(`./#/lab/recta?${NOTEBOOK}&autoplay=1&backend=${backend}`);
      const widget = page.getByTestId('widget-recta');
      await waitForStatus(widget, 'done');
      await expect(readout(widget, 'backend')).toHaveAttribute('data-value', backend);
      expect(await numberValue(widget, 'epoch')).toBe(51);
      expect(await numberValue(widget, 'param-w')).toBeCloseTo(2.0502696, 5);
      expect(await numberValue(widget, 'param-b')).toBeCloseTo(0.8522009, 5);
      expect(await numberValue(widget, 'loss')).toBeCloseTo(0.0039, 4);
      // Spanish formatting on screen: decimal comma.
      await expect(readout(widget, 'param-w')).toContainText('2,05026');
      // The notebook's first print: epoch 0, loss 7.3219, w 2.8205333 after the update.
      await expect(widget.getByTestId('notebook-prints').locator('tbody tr').first()).toContainText('7,3219');
      expect(await numberValue(widget, 'tensor-count')).toBeGreaterThan(0);
    });
  }

  test('pause, resume, step and reset', async ({ page }) => {
    await page.goto(`./#/lab/recta?${NOTEBOOK}&epochs=100000&backend=cpu`);
    const widget = page.getByTestId('widget-recta');
    await waitForStatus(widget, 'idle');
    await widget.getByTestId('play').click();
    await waitForStatus(widget, 'training');
    await expect.poll(() => numberValue(widget, 'epoch')).toBeGreaterThan(100);
    await widget.getByTestId('play').click();
    await waitForStatus(widget, 'paused');
    const paused = await numberValue(widget, 'epoch');
    await page.waitForTimeout(300);
    expect(await numberValue(widget, 'epoch')).toBe(paused);

    await widget.getByTestId('step').click();
    await expect.poll(() => numberValue(widget, 'epoch')).toBe(paused + 1);
    await waitForStatus(widget, 'paused');

    await widget.getByTestId('play').click();
    await expect.poll(() => numberValue(widget, 'epoch')).toBeGreaterThan(paused + 100);
    await widget.getByTestId('play').click();
    await waitForStatus(widget, 'paused');

    await widget.getByTestId('reset').click();
    await waitForStatus(widget, 'idle');
    expect(await numberValue(widget, 'epoch')).toBe(0);
    expect(await numberValue(widget, 'param-w')).toBeCloseTo(1.3552873, 6);
  });

  test('a learning rate of 1e6 diverges with a Spanish explanation and the page keeps working', async ({ page }) => {
    await page.goto(`./#/lab/recta?${NOTEBOOK}&lr=1000000&autoplay=1&backend=cpu`);
    const widget = page.getByTestId('widget-recta');
    await waitForStatus(widget, 'diverged');
    await expect(widget.getByTestId('message')).toContainText('tasa de aprendizaje');
    await expect(readout(widget, 'status')).toContainText('Divergió');

    // Fix the learning rate from the form: the run is rebuilt and trains normally.
    const lr = widget.getByTestId('input-lr');
    await lr.fill('0,1');
    await lr.press('Enter');
    await waitForStatus(widget, 'idle');
    await expect(page).toHaveURL(/lr=0\.1/);
    await widget.getByTestId('play').click();
    await waitForStatus(widget, 'done');
    expect(await numberValue(widget, 'param-w')).toBeCloseTo(2.0502696, 5);
  });

  for (const bad of ['abc', '-1']) {
    test(`a bad URL value (lr=${bad}) is refused visibly and the default is used`, async ({ page }) => {
      await page.goto(`./#/lab/recta?${NOTEBOOK}&lr=${bad}&autoplay=1&backend=cpu`);
      const widget = page.getByTestId('widget-recta');
      const notice = widget.getByTestId('url-notice');
      await expect(notice).toBeVisible();
      await expect(notice).toContainText(`lr=${bad}`);
      await expect(notice).toContainText('Se usa 0,1');
      await waitForStatus(widget, 'done');
      expect(await numberValue(widget, 'param-w')).toBeCloseTo(2.0502696, 5);
    });
  }

  test('a form value that is refused never reaches the run', async ({ page }) => {
    await page.goto(`./#/lab/recta?${NOTEBOOK}&backend=cpu`);
    const widget = page.getByTestId('widget-recta');
    await waitForStatus(widget, 'idle');
    const lr = widget.getByTestId('input-lr');
    await lr.fill('-3');
    await lr.press('Enter');
    await expect(widget.getByRole('alert')).toContainText('mayor que 0');
    await expect(page).not.toHaveURL(/lr=-3/);
    expect(await readoutValue(widget, 'status')).toBe('idle');
  });
});
