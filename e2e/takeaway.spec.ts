import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect, test, waitForStatus } from './browser';

/** Clicks `button` and returns the one file the browser downloads, as text. */
async function downloaded(page: Page, button: Locator): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

test.describe('take the lab away: code, notebook, history', () => {
  test('recta: the code has the link’s w and b, follows a control, and the notebook and history download', async ({ page }) => {
    await page.goto('./#/lab/recta?w0=0.5&b0=-1.25&epochs=5&backend=cpu');
    const widget = page.getByTestId('widget-recta');
    await waitForStatus(widget, 'idle');
    await expect(page.getByTestId('download-history')).toBeDisabled();

    await page.locator('summary', { hasText: 'Ver el código' }).click();
    const keras = page.getByTestId('code-keras');
    await expect(keras).toContainText('w = tf.Variable(0.5)');
    await expect(keras).toContainText('b = tf.Variable(-1.25)');
    await expect(keras).toContainText('GradientTape');
    await expect(keras).toContainText('epochs = 5');
    await expect(page.getByTestId('code-tfjs')).toContainText('tf.variable(tf.scalar(0.5))');
    // Highlighted by highlight.js, keywords marked.
    await expect(keras.locator('.hljs-keyword').first()).toBeVisible();

    // One step of the w slider: the code follows the control.
    await widget.getByTestId('slider-w0').focus();
    await page.keyboard.press('ArrowRight');
    await expect(keras).toContainText('w = tf.Variable(0.51)');

    await widget.getByTestId('play').click();
    await waitForStatus(widget, 'done');
    const history = await downloaded(page, page.getByTestId('download-history'));
    expect(history.name).toBe('recta-historial.csv');
    const rows = history.text.trimEnd().split('\r\n');
    expect(rows[0]).toBe('epoch,loss');
    // Five updates, counted from 0 as the notebook counts them.
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(['0', '1', '2', '3', '4']);
    expect(Number(rows[1].split(',')[1])).toBeGreaterThan(Number(rows[5].split(',')[1]));

    // Charts redraw a moment after the readouts (they are throttled): wait for the loss curve.
    await expect(page.locator('figure.chart', { hasText: 'Pérdida por época' }).locator('.chart-line')).toHaveCount(1);
    // The loss chart as SVG (colours resolved, title, axis titles and legend inside) and as PNG.
    const svg = await downloaded(page, page.getByRole('button', { name: 'Descargar «Pérdida por época» como SVG' }));
    expect(svg.name).toBe('perdida-por-epoca.svg');
    expect(svg.text).toContain('<svg');
    for (const text of ['Pérdida por época', 'pérdida (escala logarítmica)', 'época', 'chart-line']) expect(svg.text).toContain(text);
    expect(svg.text).not.toContain('var(--');
    // The picture beside it too: its four points and their legend entry.
    const fit = await downloaded(page, page.getByRole('button', { name: 'Descargar «Los datos y la recta aprendida» como SVG' }));
    expect(fit.text.match(/class="chart-dot"/g)).toHaveLength(4);
    expect(fit.text).toContain('datos');
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Descargar «Pérdida por época» como PNG' }).click(),
    ]);
    const bytes = await readFile(await png.path());
    expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');

    const notebook = await downloaded(page, page.getByTestId('download-notebook'));
    expect(notebook.name).toBe('recta.ipynb');
    const json = JSON.parse(notebook.text) as {
      nbformat: number;
      nbformat_minor: number;
      cells: { cell_type: string; source: string[] }[];
    };
    expect([json.nbformat, json.nbformat_minor]).toEqual([4, 5]);
    const code = json.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join(''));
    expect(code.join('\n')).toContain('w = tf.Variable(0.51)');
    // The last cell holds the browser's numbers for its last epoch.
    expect(code.at(-1)).toContain(`browser = {'loss': ${rows[5].split(',')[1]}`);
  });

  test('cifar10: the Keras code has the lab’s EarlyStopping and follows the settings', async ({ page }) => {
    await page.goto('./#/lab/cifar10?parada=1&optimizer=rmsprop&lr=0.001&batch=128&hidden=2&units=256&epochs=7');
    await page.locator('summary', { hasText: 'Ver el código' }).click();
    const keras = page.getByTestId('code-keras');
    await expect(keras).toContainText(
      "keras.callbacks.EarlyStopping(monitor='val_loss', min_delta=0.01, patience=3, restore_best_weights=True)",
    );
    await expect(keras).toContainText('keras.optimizers.RMSprop(learning_rate=0.001)');
    await expect(keras).toContainText('batch_size=128, epochs=7');
    expect((await keras.textContent())?.match(/layers\.Dense\(256, activation='relu'\)/g)).toHaveLength(2);
    await expect(page.getByTestId('code-tfjs')).toContainText('tf.callbacks.earlyStopping');

    await page.goto('./#/lab/cifar10?parada=0');
    await page.reload();
    await page.locator('summary', { hasText: 'Ver el código' }).click();
    await expect(page.getByTestId('code-keras')).not.toContainText('EarlyStopping(');
  });
});
