import { expect, numberValue, readout, readoutValue, test, waitForStatus } from './browser';

test.describe('settings: each widget owns its own, lab links restore them', () => {
  test('in the backprop lesson, η and the backend typed into AND leave the points widget and its run alone', async ({ page }) => {
    await page.goto('./#/leccion/backprop');
    const and = page.getByTestId('widget-and');
    const puntos = page.getByTestId('widget-puntos');
    await waitForStatus(and, 'idle');
    await waitForStatus(puntos, 'idle');
    // One update of the points widget, so its run has something to lose.
    await puntos.getByTestId('step').click();
    await expect.poll(() => numberValue(puntos, 'epoch')).toBe(1);
    const puntosLr = await puntos.getByTestId('input-lr').inputValue();
    const puntosLoss = await readoutValue(puntos, 'loss');
    const puntosW = await readoutValue(puntos, 'param-w');
    const puntosStatus = await readoutValue(puntos, 'status');
    expect(puntosLr).toBe('0,05');

    await and.getByTestId('input-lr').fill('0,5');
    await and.getByTestId('input-lr').press('Enter');
    await expect(and.getByTestId('input-lr')).toHaveValue('0,5');
    // AND's run is rebuilt with η = 0,5: a step moves w by η times the gradient.
    await waitForStatus(and, 'idle');
    await and.getByTestId('step').click();
    await expect.poll(() => numberValue(and, 'epoch')).toBe(1);
    // B, with the focus in the AND widget, changes its backend only.
    await and.getByTestId('reset').focus();
    await page.keyboard.press('b');
    await expect(and.getByTestId('input-backend')).toHaveValue('webgpu');
    await expect(readout(and, 'backend')).toHaveAttribute('data-value', 'webgpu');
    await waitForStatus(and, 'idle');

    await expect(puntos.getByTestId('input-lr')).toHaveValue(puntosLr);
    await expect(puntos.getByTestId('input-backend')).toHaveValue('auto');
    expect(await numberValue(puntos, 'epoch')).toBe(1);
    expect(await readoutValue(puntos, 'loss')).toBe(puntosLoss);
    expect(await readoutValue(puntos, 'param-w')).toBe(puntosW);
    await expect(readout(puntos, 'status')).toHaveAttribute('data-value', puntosStatus);
    // A lesson's settings stay out of its URL: the lesson's link is the lesson.
    expect(page.url()).toMatch(/#\/leccion\/backprop$/);
  });

  test('a lab link restores lr, epochs, w0, b0 and backend; autoplay starts it once', async ({ page }) => {
    const settings = 'lr=0.5&epochs=300&w0=0.5,-0.25&b0=0.125&backend=cpu';
    await page.goto(`./#/lab/and?${settings}`);
    const widget = page.getByTestId('widget-and');
    await waitForStatus(widget, 'idle');
    await expect(widget.getByTestId('input-lr')).toHaveValue('0,5');
    await expect(widget.getByTestId('input-epochs')).toHaveValue('300');
    await expect(widget.getByTestId('input-w0-0')).toHaveValue('0,5');
    await expect(widget.getByTestId('input-w0-1')).toHaveValue('-0,25');
    await expect(widget.getByTestId('input-b0')).toHaveValue('0,125');
    await expect(widget.getByTestId('input-backend')).toHaveValue('cpu');
    await expect(readout(widget, 'backend')).toHaveAttribute('data-value', 'cpu');
    await expect(readout(widget, 'param-w')).toHaveAttribute('data-value', '0.5,-0.25');
    await expect(readout(widget, 'param-b')).toHaveAttribute('data-value', '0.125');

    // Only the query changes: load the page again, as opening the link would.
    await page.goto(`./#/lab/and?${settings}&autoplay=1`);
    await page.reload();
    await waitForStatus(widget, 'done');
    expect(await numberValue(widget, 'epoch')).toBe(300);
    // A change is written to the link and makes a new run, which waits for Play.
    await widget.getByTestId('input-lr').fill('0,2');
    await widget.getByTestId('input-lr').press('Enter');
    await expect(page).toHaveURL(/[?&]lr=0\.2(&|$)/);
    expect(page.url()).not.toContain('autoplay');
    await waitForStatus(widget, 'idle');
    expect(await numberValue(widget, 'epoch')).toBe(0);
  });

  test('autoplay=1 on a lesson starts its widgets, each with its own settings', async ({ page }) => {
    await page.goto('./#/leccion/backprop?autoplay=1');
    await waitForStatus(page.getByTestId('widget-and'), 'done');
    await waitForStatus(page.getByTestId('widget-puntos'), 'done');
  });
});
