import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { expect, numberValue, readout, test, waitForStatus } from './browser';

/** A small configuration: 900 training and 100 validation images, one hidden layer of 32. */
const SMALL = 'train=1000&hidden=1&units=32&batch=100&optimizer=adam&lr=0.001';
const SMALL_PARAMS = 3072 * 32 + 32 + 32 * 10 + 10;

test.describe('the CIFAR-10 lab', () => {
  test('loads the real data with a progress bar and shows the reference network', async ({ page }) => {
    await page.goto('./#/lab/cifar10');
    const widget = page.getByTestId('widget-cifar10');
    // 139 MB are only downloaded when asked for.
    await expect(widget.getByTestId('data-offer')).toContainText('139 MB');
    await widget.getByTestId('data-download').click();
    await expect(widget.getByTestId('data-progress')).toBeVisible();
    await waitForStatus(widget, 'idle');
    await expect(widget.getByTestId('data-progress')).toHaveCount(0);
    expect(await numberValue(widget, 'param-count')).toBe(6_305_802);
    await expect(readout(widget, 'param-count')).toHaveText(/6\.305\.802/);
    await expect(widget.getByTestId('network')).toContainText('4 × Dense(1.024, ReLU) con Dropout(0,2)');
  });

  for (const backend of ['webgl', 'webgpu']) {
    test(`trains a small MLP on ${backend} and evaluates it honestly`, async ({ page }) => {
      await page.goto(`./#/lab/cifar10?${SMALL}&epochs=2&backend=${backend}&autoplay=1`);
      const widget = page.getByTestId('widget-cifar10');
      await waitForStatus(widget, 'done', 170_000);
      await expect(readout(widget, 'backend')).toHaveAttribute('data-value', backend);
      expect(await numberValue(widget, 'param-count')).toBe(SMALL_PARAMS);
      expect(await numberValue(widget, 'epoch')).toBe(2);
      // Plausible numbers: every batch's results read back intact (WebGPU once garbled them).
      const loss = await numberValue(widget, 'loss');
      expect(loss).toBeGreaterThan(1.5);
      expect(loss).toBeLessThan(2.4);
      expect(await numberValue(widget, 'accuracy')).toBeGreaterThan(0.15);
      expect(await numberValue(widget, 'accuracy')).toBeLessThan(0.6);
      expect(await numberValue(widget, 'val-accuracy')).toBeGreaterThan(0.1);
      expect(await numberValue(widget, 'samples-per-second')).toBeGreaterThan(0);
      // Curves: loss and accuracy drawn (train and validation lines).
      await expect(widget.locator('.cifar-charts .chart-line').first()).toBeVisible();
      await expect(widget.getByTestId('histogram-dense_1')).toBeVisible();
      await expect(widget.getByTestId('weight-histograms')).toHaveAttribute('data-value', '2');
      // The evaluation comes by itself at the end of the run.
      const evaluation = widget.getByTestId('evaluation');
      await expect(evaluation).toBeVisible({ timeout: 60_000 });
      const accuracy = await numberValue(evaluation, 'test-accuracy');
      expect(accuracy).toBeGreaterThan(0.12);
      expect(accuracy).toBeLessThan(0.6);
      const cells = await evaluation
        .locator('[data-testid^="cm-"]')
        .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
      expect(cells).toHaveLength(100);
      expect(cells.reduce((a, b) => a + b, 0)).toBe(10_000);
      const diagonal = await Promise.all(Array.from({ length: 10 }, (_, i) => numberValue(evaluation, `cm-${i}-${i}`)));
      expect(diagonal.reduce((a, b) => a + b, 0) / 10_000).toBeCloseTo(accuracy, 6);
      await expect(evaluation.getByTestId('classification-report').locator('tbody tr')).toHaveCount(10);
      await expect(evaluation.getByTestId('classification-report')).toContainText('camión');
      expect(await numberValue(evaluation, 'report-accuracy')).toBeCloseTo(accuracy, 6);
      await expect(evaluation.getByTestId('gallery-item')).toHaveCount(24);
      // Mistakes first.
      await expect(evaluation.getByTestId('gallery-item').first()).toHaveClass('miss');
      await expect(evaluation.getByTestId('gap-note')).toContainText('en prueba el');
    });
  }

  test('trains the small CNN on webgl for an epoch, pauses within a batch and shows its first layer: 32 filters and 32 maps', async ({
    page,
  }) => {
    // Software WebGL: about 12 images/s to train and a minute and a half for the 10.000 test images.
    test.setTimeout(360_000);
    await page.goto('./#/lab/cifar10?model=cnn&train=1000&batch=100&optimizer=adam&lr=0.001&epochs=2&backend=webgl&autoplay=1');
    const widget = page.getByTestId('widget-cifar10');
    expect(await numberValue(widget, 'param-count-mlp')).toBe(6_305_802);
    // Keras's count for Conv 32 3×3 → MaxPool → Conv 64 3×3 → MaxPool → Dense 128 → Dense 10.
    await expect(readout(widget, 'param-count')).toHaveAttribute('data-value', '315722', { timeout: 60_000 });
    await expect(readout(widget, 'param-count')).toHaveText(/315\.722/);
    await expect(widget.getByTestId('network')).toContainText('Conv2D(32, 3×3, ReLU)');
    // A pause is honoured after the batch on the device (about 6 s here), not after the whole epoch the loop could queue (45 s).
    await expect(readout(widget, 'epoch')).toHaveAttribute('data-value', '1', { timeout: 170_000 });
    await widget.getByTestId('play').click();
    await waitForStatus(widget, 'paused', 20_000);
    await expect(readout(widget, 'epoch')).toHaveAttribute('data-value', '1');
    await expect(readout(widget, 'backend')).toHaveAttribute('data-value', 'webgl');
    const loss = await numberValue(widget, 'loss');
    expect(loss).toBeGreaterThan(1.5);
    expect(loss).toBeLessThan(2.5);
    // The first layer is read when training rests (here beside the test evaluation that starts with it).
    const layer = widget.getByTestId('first-layer');
    await expect(layer.getByTestId('filters').locator('canvas')).toHaveCount(32, { timeout: 150_000 });
    await expect(layer.getByTestId('feature-maps').locator('canvas')).toHaveCount(32);
    // Another test image: the page asks the engine again.
    await layer.getByTestId('first-layer-image-3').click();
    await expect(layer.getByTestId('first-layer-image-3')).toHaveAttribute('aria-checked', 'true');
    await expect(layer.getByTestId('feature-maps').locator('canvas')).toHaveCount(32);
  });

  test('trains the small CNN on webgpu for one batch and shows its first layer', async ({ page }) => {
    // Software WebGPU trains convolutions slowly: one step of 100 images keeps the test short.
    await page.goto('./#/lab/cifar10?model=cnn&train=1000&batch=100&optimizer=adam&lr=0.001&epochs=1&backend=webgpu');
    const widget = page.getByTestId('widget-cifar10');
    await widget.getByTestId('data-download').click();
    await waitForStatus(widget, 'idle');
    await expect(readout(widget, 'backend')).toHaveAttribute('data-value', 'webgpu');
    expect(await numberValue(widget, 'param-count')).toBe(315_722);
    await widget.getByTestId('step').click();
    await waitForStatus(widget, 'paused', 150_000);
    await expect(readout(widget, 'batch')).toContainText('1 de 9');
    const layer = widget.getByTestId('first-layer');
    await expect(layer.getByTestId('filters').locator('canvas')).toHaveCount(32, { timeout: 30_000 });
    await expect(layer.getByTestId('feature-maps').locator('canvas')).toHaveCount(32);
  });

  test('refuses bad regularization and augmentation values with Spanish messages', async ({ page }) => {
    await page.goto('./#/lab/cifar10?l2=-1&augment=flip,giro&model=rnn');
    const widget = page.getByTestId('widget-cifar10');
    const notices = widget.getByTestId('url-notice');
    await expect(notices.filter({ hasText: '«l2=-1» no es válido' })).toContainText('mayor o igual que 0');
    await expect(notices.filter({ hasText: '«augment=flip,giro» no es válido' })).toContainText('flip, shift, rotate, zoom');
    await expect(notices.filter({ hasText: '«model=rnn» no es válido' })).toContainText('mlp, cnn');
    await expect(widget.getByTestId('input-augment-flip')).not.toBeChecked();
    await expect(widget.getByTestId('network')).toContainText('4 × Dense(1.024, ReLU)');
  });

  test('the cures comparison trains five runs from the same start and ends with the gap table', async ({ page }) => {
    await page.goto(`./#/lab/cifar10?${SMALL}&epochs=2&backend=webgl&l2=0.001&augment=flip,shift`);
    const widget = page.getByTestId('widget-cifar10');
    await expect(widget.getByTestId('network')).toContainText('Regularización L2 0,001');
    await expect(widget.getByTestId('network')).toContainText('volteo horizontal, desplazamiento');
    await widget.getByTestId('data-download').click();
    await waitForStatus(widget, 'idle');
    const cures = widget.getByTestId('cures');
    await cures.getByTestId('cures-prepare').click();
    await expect(cures.getByTestId('cures-play')).toBeEnabled({ timeout: 60_000 });
    await cures.getByTestId('cures-play').click();
    const gaps: number[] = [];
    for (const name of ['none', 'dropout', 'l2', 'augment', 'all']) {
      await expect(cures.getByTestId(`cures-${name}-epoch`)).toHaveAttribute('data-value', '2', { timeout: 170_000 });
      await expect(cures.getByTestId(`gap-${name}`)).not.toHaveAttribute('data-value', '');
      gaps.push(Number(await cures.getByTestId(`gap-${name}`).getAttribute('data-value')));
    }
    // Only the cure differs, and so do the results.
    expect(new Set(gaps).size).toBeGreaterThan(1);
    await expect(cures.getByTestId('gap-table').locator('tbody tr')).toHaveCount(5);
    await expect(cures.locator('.chart-line')).toHaveCount(10);
    await expect(readout(widget, 'status')).toHaveAttribute('data-value', 'idle');
  });

  test('refuses a bad train value with a Spanish message and uses the default', async ({ page }) => {
    await page.goto('./#/lab/cifar10?train=50');
    const widget = page.getByTestId('widget-cifar10');
    await expect(widget.getByTestId('url-notice')).toContainText('«train=50» no es válido');
    await expect(widget.getByTestId('url-notice')).toContainText('mayor o igual que 1.000');
    await expect(widget.getByTestId('network')).toContainText('50.000 imágenes');
  });

  test('a missing data file ends in a Spanish message and a retry that works', async ({ page }) => {
    // Chromium does not let Playwright intercept a dedicated worker's requests, so the file
    // really goes missing from the served build for the length of the test (this server then
    // answers with index.html; GitHub Pages with a 404: both read as a missing file).
    const file = join(process.env.E2E_DIST ?? 'dist', 'data', 'cifar10', 'test_batch.png');
    renameSync(file, `${file}.oculto`);
    try {
      await page.goto(`./#/lab/cifar10?${SMALL}`);
      const widget = page.getByTestId('widget-cifar10');
      await widget.getByTestId('data-download').click();
      await expect(widget.getByTestId('data-error')).toContainText(/Falta el archivo test_batch\.png en el sitio/);
      await expect(readout(widget, 'status')).toHaveAttribute('data-value', '');
      renameSync(`${file}.oculto`, file);
      await widget.getByTestId('data-retry').click();
      await waitForStatus(widget, 'idle');
      await expect(widget.getByTestId('data-error')).toHaveCount(0);
    } finally {
      if (existsSync(`${file}.oculto`)) renameSync(`${file}.oculto`, file);
    }
  });

  test('the optimizer race trains SGD, Adam and RMSprop side by side', async ({ page }) => {
    await page.goto(`./#/lab/cifar10?${SMALL}&epochs=2&backend=webgl`);
    const widget = page.getByTestId('widget-cifar10');
    await widget.getByTestId('data-download').click();
    await waitForStatus(widget, 'idle');
    const race = widget.getByTestId('race');
    await race.getByTestId('race-prepare').click();
    await expect(race.getByTestId('race-play')).toBeEnabled();
    await race.getByTestId('race-play').click();
    const finals: number[] = [];
    for (const name of ['sgd', 'adam', 'rmsprop']) {
      await expect(race.getByTestId(`race-${name}-epoch`)).toHaveAttribute('data-value', '2', { timeout: 170_000 });
      finals.push(await numberValue(race, `race-${name}`));
    }
    // Same start, same batches: only the optimizer differs, and so do the results.
    expect(new Set(finals).size).toBeGreaterThan(1);
    await expect(race.locator('.chart-line')).toHaveCount(6);
    // The main run was not touched by the race.
    await expect(readout(widget, 'status')).toHaveAttribute('data-value', 'idle');
  });

  test('a trained model is saved in the browser and downloaded, and both load back', async ({ page }, testInfo) => {
    await page.goto(`./#/lab/cifar10?${SMALL}&epochs=1&backend=cpu&autoplay=1`);
    const widget = page.getByTestId('widget-cifar10');
    await waitForStatus(widget, 'done');
    await expect(widget.getByTestId('evaluation')).toBeVisible();
    const trained = await numberValue(widget, 'test-accuracy');
    await widget.getByTestId('save-browser').click();
    await expect(widget.getByTestId('storage-note')).toContainText('guardado en este navegador');
    // One file, never several prompts: model.json and the weights travel in one zip.
    const [download] = await Promise.all([page.waitForEvent('download'), widget.getByTestId('download-model').click()]);
    expect(download.suggestedFilename()).toBe('cifar10-tfjs.zip');
    const files = [testInfo.outputPath('cifar10-tfjs.zip')];
    await download.saveAs(files[0]);
    // The Keras 3 weights: one HDF5 file (its 8-byte signature), under the name the code panel loads.
    const [keras] = await Promise.all([page.waitForEvent('download'), widget.getByTestId('download-keras-weights').click()]);
    expect(keras.suggestedFilename()).toBe('cifar10.weights.h5');
    expect(readFileSync(await keras.path()).subarray(0, 8)).toEqual(Buffer.from('\x89HDF\r\n\x1a\n', 'latin1'));
    await expect(widget.getByTestId('storage-note')).toContainText('Descargado cifar10.weights.h5 (Keras 3)');

    // Fresh weights, then the saved ones: the test accuracy comes back exactly.
    await widget.getByTestId('reset').click();
    await waitForStatus(widget, 'idle');
    await widget.getByTestId('load-browser').click();
    await expect(widget.getByTestId('storage-note')).toContainText('cargado desde este navegador');
    await widget.getByTestId('evaluate').click();
    await expect(readout(widget, 'test-accuracy')).toHaveAttribute('data-value', String(trained));

    await widget.getByTestId('reset').click();
    await waitForStatus(widget, 'idle');
    await expect(widget.getByTestId('evaluation')).toHaveCount(0);
    await widget.getByTestId('load-files').setInputFiles(files);
    await expect(widget.getByTestId('storage-note')).toContainText('Modelo cargado de');
    await widget.getByTestId('evaluate').click();
    await expect(readout(widget, 'test-accuracy')).toHaveAttribute('data-value', String(trained));
  });

  test('a model of another architecture is refused with a message that says why', async ({ page }) => {
    await page.goto(`./#/lab/cifar10?${SMALL}&epochs=1&backend=cpu`);
    const widget = page.getByTestId('widget-cifar10');
    await widget.getByTestId('data-download').click();
    await waitForStatus(widget, 'idle');
    await widget.getByTestId('save-browser').click();
    await expect(widget.getByTestId('storage-note')).toContainText('guardado');
    await page.goto(`./#/lab/cifar10?${SMALL.replace('units=32', 'units=16')}&epochs=1&backend=cpu`);
    await waitForStatus(widget, 'idle');
    await widget.getByTestId('load-browser').click();
    await expect(widget.getByTestId('storage-note')).toContainText('otra arquitectura');
    await expect(readout(widget, 'status')).toHaveAttribute('data-value', 'idle');
  });

  test('compares the backends on one short epoch', async ({ page }) => {
    await page.goto(`./#/lab/cifar10?${SMALL}`);
    const widget = page.getByTestId('widget-cifar10');
    await widget.getByTestId('data-download').click();
    await waitForStatus(widget, 'idle');
    await widget.getByTestId('compare-backends').click();
    const table = widget.getByTestId('backend-speeds');
    await expect(table).toBeVisible({ timeout: 170_000 });
    for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu']) {
      expect(Number(await table.getByTestId(`speed-${backend}`).getAttribute('data-value'))).toBeGreaterThan(0);
    }
  });
});

test.describe('the CIFAR-10 lab: the data on demand, the data and the mistakes', () => {
  test('shows labelled images at once, downloads on a click, keeps the files, and a confusion cell opens its pair', async ({ page }) => {
    // Requests of the page and of its worker (Playwright hears both, though it cannot route the worker's).
    const requests: { path: string; range: string | undefined }[] = [];
    page.on('request', (r) => requests.push({ path: new URL(r.url()).pathname, range: r.headers()['range'] }));
    const pngs = () => requests.filter((r) => r.path.startsWith('/lab/data/cifar10/') && r.path.endsWith('.png'));
    await page.goto(`./#/lab/cifar10?${SMALL}&epochs=1&backend=cpu`);
    const widget = page.getByTestId('widget-cifar10');

    // Two real test images of each class with their Spanish names, from a ranged read of the test file.
    const gallery = widget.getByTestId('data-gallery');
    await expect(gallery.getByTestId('data-gallery-item')).toHaveCount(20);
    await expect(gallery).toContainText('avión');
    await expect(gallery).toContainText('camión');
    await expect(gallery.getByRole('img', { name: 'Imagen de prueba 0: gato' })).toBeVisible();
    // The size is said and nothing else moves until the click.
    await expect(widget.getByTestId('data-offer')).toContainText('46 MB');
    await expect(readout(widget, 'status')).toHaveAttribute('data-value', '');
    expect(pngs()).toEqual([{ path: '/lab/data/cifar10/test_batch.png', range: expect.stringMatching(/^bytes=0-\d{6}$/) }]);
    await widget.getByTestId('data-download').click();
    await waitForStatus(widget, 'idle');
    expect(pngs().map((r) => r.path)).toEqual([
      '/lab/data/cifar10/test_batch.png',
      '/lab/data/cifar10/data_batch_1.png',
      '/lab/data/cifar10/test_batch.png',
    ]);

    await widget.getByTestId('play').click();
    await waitForStatus(widget, 'done');
    const evaluation = widget.getByTestId('evaluation');
    await expect(evaluation).toBeVisible({ timeout: 60_000 });
    // The most frequent mistake, pressed from the keyboard: its images, the most confident first.
    const cells = await evaluation
      .locator('[data-testid^="cm-"]')
      .evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-testid')!, Number(td.getAttribute('data-value'))] as const));
    const [id, count] = cells.filter(([cell]) => cell.split('-')[1] !== cell.split('-')[2]).sort((a, b) => b[1] - a[1])[0];
    const [, truth, predicted] = id.split('-').map(Number);
    const button = evaluation.getByTestId(id).getByRole('button');
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    const pair = evaluation.getByTestId('confusion-pair');
    await expect(pair).toHaveAttribute('data-value', `${truth}-${predicted}`);
    await expect(pair).toContainText('que el modelo tomó por');
    const items = pair.getByTestId('gallery-item');
    await expect(items).toHaveCount(Math.min(count, 12));
    const names = await evaluation.locator('.confusion tbody th').allTextContents();
    for (const item of await items.all()) {
      await expect(item).toHaveClass('miss');
      await expect(item).toContainText(new RegExp(`dice ${names[predicted]} \\(\\d+(,\\d)? %\\)`));
      await expect(item).toContainText(`es ${names[truth]}`);
    }

    // The next visit reads this browser's copy: no offer, not one image file over the network.
    requests.length = 0;
    await page.reload();
    await waitForStatus(widget, 'idle');
    await expect(widget.getByTestId('data-kept')).toBeVisible();
    await expect(widget.getByTestId('data-offer')).toHaveCount(0);
    await expect(widget.getByTestId('data-gallery-item')).toHaveCount(20);
    expect(pngs()).toEqual([]);
  });
});
