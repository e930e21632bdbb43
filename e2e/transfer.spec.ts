import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { encode } from 'fast-png';
import { buildEfficientNet } from '../src/engine/efficientnet/build';
import { kerasLayersOf, writeKerasH5 } from '../src/engine/test-support/kerasH5';
import type { Locator } from '@playwright/test';
import { expect, numberValue, readout, readoutValue, test, waitForStatus } from './browser';

/**
 * The transfer lab on the offline base (EfficientNet mini, pretrained by the project on six
 * CIFAR-10 classes), with a handful of images per class: its features are cached, so phase 1
 * takes moments even on a software GPU.
 */
const MINI = 'base=mini&images=10&val=25&epochs=10&seed=1&unfreeze=2&epochs2=2&augment=flip,shift';
/** EfficientNet mini (670,023) plus the notebook's head on 640 features with 4 classes (116,100). */
const MINI_PARAMS = 786_123;
const MINI_HEAD = 640 * 128 + 128 + 128 * 256 + 256 + 256 * 4 + 4;
/** What block7a and top add once unfrozen, BatchNormalization excluded (checked in transfer.test.ts). */
const MINI_TOP_TWO_BLOCKS = 180_888 + 102_400;

const WEIGHTS_DIR = join(process.env.E2E_DIST ?? 'dist', 'weights');

/** Runs `body` with the build's ImageNet weights out of the way (the published site has them). */
async function withoutImageNetWeights(body: () => Promise<void>): Promise<void> {
  const hidden = `${WEIGHTS_DIR}.oculto`;
  const present = existsSync(WEIGHTS_DIR);
  if (present) renameSync(WEIGHTS_DIR, hidden);
  try {
    await body();
  } finally {
    if (present) renameSync(hidden, WEIGHTS_DIR);
  }
}

/**
 * efficientnetb0_notop.h5 in Keras's exact layout with known (seeded) values, written by the
 * tests' HDF5 fixture: Keras's storage is out of reach here. Weights do not depend on the
 * input size, so a 32×32 build has B0's every weight.
 */
async function officialB0File(path: string): Promise<void> {
  await tf.setBackend('cpu');
  const { model } = buildEfficientNet({ variant: 'b0', inputShape: [32, 32, 3], seed: 1 });
  writeFileSync(path, await writeKerasH5(kerasLayersOf(model)));
  model.dispose();
}

async function weightsSource(widget: Locator): Promise<string> {
  await expect(readout(widget, 'weights-source')).toHaveAttribute('data-value', /./);
  return readoutValue(widget, 'weights-source');
}

/** A PNG of `width`×`height` in one colour with a lighter square: something a student could photograph. */
function png(width: number, height: number, rgb: [number, number, number], seed: number): Buffer {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = Math.abs(x - width / 2) < width / 4 && Math.abs(y - height / 2 + seed) < height / 4;
      data.set(
        rgb.map((c) => (inside ? Math.min(255, c + 60) : c)),
        (y * width + x) * 3,
      );
    }
  }
  return Buffer.from(encode({ width, height, data, channels: 3 }));
}

test.describe('the transfer lab', () => {
  for (const backend of ['webgl', 'webgpu']) {
    test(`frozen, then unfrozen, on the mini base on ${backend}, against a random base`, async ({ page }) => {
      // Software WebGPU runs the mini base at a few images a second: the whole experiment takes minutes there.
      test.setTimeout(360_000);
      await page.goto(`./#/lab/transfer?${MINI}&backend=${backend}`);
      const widget = page.getByTestId('widget-transfer');
      await waitForStatus(widget, 'idle');
      await expect(readout(widget, 'backend')).toHaveAttribute('data-value', backend);
      // The converted mini model, fetched from this site under /lab/.
      expect(await weightsSource(widget)).toMatch(/^cifar10-6:/);
      expect(await numberValue(widget, 'param-count')).toBe(MINI_PARAMS);
      expect(await numberValue(widget, 'trainable-count')).toBe(MINI_HEAD);
      await expect(readout(widget, 'trainable-count')).toHaveText('116.100');
      await expect(widget.getByTestId('phase-explanation')).toContainText('se calculan una sola vez');

      // Phase 1: the head alone, on cached features.
      await widget.getByTestId('play').click();
      await waitForStatus(widget, 'done');
      expect(await numberValue(widget, 'epoch')).toBe(10);
      expect(await numberValue(widget, 'trainable-count')).toBe(MINI_HEAD);
      const before = await numberValue(widget, 'val-accuracy-phase1');
      expect(before).toBe(await numberValue(widget, 'val-accuracy'));
      // The same readout under its older name.
      expect(await numberValue(widget, 'val-accuracy-before')).toBe(before);
      const evaluation = widget.getByTestId('evaluation');
      await expect(evaluation).toBeVisible();
      const cells = await evaluation
        .locator('[data-testid^="cm-"]')
        .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
      expect(cells).toHaveLength(16);
      expect(cells.reduce((a, b) => a + b, 0)).toBe(100);
      expect(await numberValue(evaluation, 'heldout-accuracy')).toBeCloseTo(before, 5);
      await expect(evaluation.getByTestId('gallery-item')).toHaveCount(16);

      // The control: the same head budget on a randomly initialised base does worse.
      await widget.getByTestId('control-train').click();
      const control = widget.getByTestId('control');
      await expect(readout(control, 'control-status')).toHaveAttribute('data-value', 'done', { timeout: 120_000 });
      const random = await numberValue(control, 'control-val-accuracy');
      expect(before, `pretrained ${before} against random ${random}`).toBeGreaterThan(random);
      await expect(control.getByTestId('control-verdict')).toContainText('El preentrenamiento aporta');

      // Phase 2: the top two blocks unfrozen; the trainable count grows by exactly their weights.
      await expect(widget.getByTestId('input-unfreeze')).toHaveValue('2');
      // Augmented from the URL: flip and shift, phase 2 only.
      await expect(widget.getByTestId('input-augment-flip')).toBeChecked();
      await expect(widget.getByTestId('input-augment-rotate')).not.toBeChecked();
      await widget.getByTestId('fine-tune').click();
      await expect(readout(widget, 'trainable-count')).toHaveAttribute('data-value', String(MINI_HEAD + MINI_TOP_TWO_BLOCKS));
      await expect(readout(widget, 'phase')).toHaveAttribute('data-value', '2');
      await waitForStatus(widget, 'done');
      expect(await numberValue(widget, 'epoch')).toBe(12);
      expect(await numberValue(widget, 'val-accuracy-after')).toBeGreaterThanOrEqual(0);
      // Phase 1's figure stays where phase 1 ended.
      expect(await numberValue(widget, 'val-accuracy-phase1')).toBe(before);
      // One chart across both phases, marked where the blocks were unfrozen.
      await expect(widget.getByTestId('phase-marker')).toHaveAttribute('data-value', '10');
      await expect(widget.getByTestId('phase-marker')).toContainText('block7a, top');
      // A vertical line (zero width, so Playwright calls it hidden) and its visible label, in both charts.
      await expect(widget.locator('.transfer-charts .chart-marker line')).toHaveCount(2);
      await expect(widget.locator('.transfer-charts').getByText('descongelado: 2 bloques')).toHaveCount(2);
      await expect(widget.locator('.transfer-charts').getByText('descongelado: 2 bloques').first()).toBeVisible();
      await expect(widget.getByTestId('phase-explanation')).toContainText('block7a');
    });
  }

  test('the weights come with a progress bar the first time and from this browser the second', async ({ page }) => {
    // 2,7 MB from localhost go by in a blink: a watcher notes every progress bar that ever showed.
    await page.addInitScript(() => {
      const seen: string[] = ((window as unknown as { progressSeen: string[] }).progressSeen = []);
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="weights-progress"] .hint');
        if (bar && !seen.includes(bar.textContent ?? '')) seen.push(bar.textContent ?? '');
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    // A real navigation (not a hash change) so the watcher is in the page from its start.
    await page.goto(`./?nueva=1#/lab/transfer?${MINI}&backend=webgl`);
    const widget = page.getByTestId('widget-transfer');
    expect(await weightsSource(widget)).toBe('cifar10-6:network');
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen.join(' | ')).toMatch(/Descargando los pesos de EfficientNet mini: [\d,]+ de 2,7 MB/);
    await expect(widget.getByTestId('weights-progress')).toHaveCount(0);
    await expect(readout(widget, 'weights-source')).toContainText('descargados de este sitio');
    await page.reload();
    expect(await weightsSource(widget)).toBe('cifar10-6:cache');
    await expect(readout(widget, 'weights-source')).toContainText('leídos de la copia guardada en este navegador');
    await waitForStatus(widget, 'idle');
  });

  test('without the ImageNet weights the lab says so and runs on the mini base', async ({ page }) => {
    await withoutImageNetWeights(async () => {
      await page.goto('./#/lab/transfer?images=10&val=10&backend=webgl');
      const widget = page.getByTestId('widget-transfer');
      await expect(widget.getByTestId('weights-fallback')).toContainText('Este sitio no tiene los pesos de EfficientNetB0');
      await expect(widget.getByTestId('weights-fallback')).toContainText('seis clases de CIFAR-10');
      expect(await weightsSource(widget)).toMatch(/^cifar10-6:/);
      await waitForStatus(widget, 'idle');
      expect(await numberValue(widget, 'param-count')).toBe(MINI_PARAMS);
    });
  });

  test("the student's own images, in four classes, with their counts", async ({ page }) => {
    await page.goto('./#/lab/transfer?base=mini&classes=propias&nombres=rojo,verde,azul,amarillo&epochs=3&backend=webgl');
    const widget = page.getByTestId('widget-transfer');
    await expect(widget.getByTestId('own-missing')).toBeVisible();
    await expect(readout(widget, 'status')).toHaveAttribute('data-value', '');
    const colours: [number, number, number][] = [
      [200, 30, 30],
      [30, 180, 40],
      [40, 50, 200],
      [210, 200, 40],
    ];
    for (const [i, colour] of colours.entries()) {
      await expect(widget.getByTestId(`own-name-${i}`)).toHaveValue(['rojo', 'verde', 'azul', 'amarillo'][i]);
      // Photos of any shape: the centred square is kept.
      const files = Array.from({ length: 5 }, (_, j) => ({
        name: `foto-${i}-${j}.png`,
        mimeType: 'image/png',
        buffer: png(80 + 10 * j, 60, colour, j),
      }));
      await widget.getByTestId(`own-files-${i}`).setInputFiles(files);
      await expect(widget.getByTestId(`class-count-${i}`)).toHaveAttribute('data-value', '5');
      await expect(widget.getByTestId(`class-count-${i}`)).toContainText('5 imágenes (1 para validar)');
    }
    await expect(widget.getByTestId('own-missing')).toHaveCount(0);
    await waitForStatus(widget, 'idle');
    await widget.getByTestId('play').click();
    await waitForStatus(widget, 'done');
    const evaluation = widget.getByTestId('evaluation');
    await expect(evaluation).toBeVisible();
    // 4 of each class trained on, 1 of each held out: the matrix counts those 4.
    const cells = await evaluation
      .locator('[data-testid^="cm-"]')
      .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
    expect(cells.reduce((a, b) => a + b, 0)).toBe(4);
    await expect(evaluation.getByTestId('confusion-matrix')).toContainText('amarillo');
    await expect(evaluation.getByTestId('gallery-item')).toHaveCount(4);
  });

  test('a trained model is saved, survives a reload, and judges new photos and the camera in «Usar mi modelo»', async ({ page }) => {
    await page.goto('./#/lab/transfer?base=mini&images=5&val=5&epochs=2&backend=webgl');
    const widget = page.getByTestId('widget-transfer');
    await waitForStatus(widget, 'idle');
    await expect(widget.getByTestId('transfer-save')).toBeDisabled();
    await widget.getByTestId('play').click();
    await waitForStatus(widget, 'done');
    // The mini base has no Keras twin: its Keras button is off and says why.
    await expect(widget.getByTestId('transfer-download-keras')).toBeDisabled();
    await expect(widget.getByTestId('transfer-keras-why')).toContainText('Solo se exportan a Keras las bases B0 y B3');
    await widget.getByTestId('transfer-save').click();
    await expect(widget.getByTestId('transfer-save-note')).toContainText('guardado en este navegador');
    // One download: the zip with model.json, its weights and the class names.
    const download = page.waitForEvent('download');
    await widget.getByTestId('transfer-download').click();
    const zip = await (await download).path();

    await page.reload();
    const use = widget.getByTestId('use-my-model');
    await use.getByTestId('use-load-browser').click();
    await expect(use.getByTestId('use-model-info')).toHaveAttribute('data-value', 'pájaro,gato,ciervo,perro');
    await expect(use.getByTestId('use-model-info')).toContainText('786.123 parámetros');
    await use.getByTestId('use-photos').setInputFiles([
      { name: 'foto.png', mimeType: 'image/png', buffer: png(64, 48, [120, 90, 60], 0) },
      { name: 'otra.png', mimeType: 'image/png', buffer: png(40, 40, [30, 160, 40], 3) },
    ]);
    await expect(use.getByTestId('use-prediction')).toHaveCount(2);
    expect(['pájaro', 'gato', 'ciervo', 'perro']).toContain(await use.getByTestId('use-prediction').first().getAttribute('data-value'));
    // The camera (Chromium's fake one), judged live.
    await use.getByTestId('use-camera-toggle').click();
    await expect(use.getByTestId('use-live-prediction')).toHaveAttribute('data-value', /pájaro|gato|ciervo|perro/);
    // The downloaded zip loads the same model.
    await use.getByTestId('use-load-file').setInputFiles({ name: 'mi-modelo.zip', mimeType: 'application/zip', buffer: readFileSync(zip) });
    await expect(use.getByTestId('use-model-info')).toContainText('786.123 parámetros');
  });

  test('the camera adds its frames to the class chosen', async ({ page }) => {
    await page.goto('./#/lab/transfer?base=mini&classes=propias&nombres=taza,llave,lápiz,goma&backend=webgl');
    const widget = page.getByTestId('widget-transfer');
    await widget.getByTestId('camera-toggle').click();
    // Chromium's fake camera: a moving test pattern, no permission prompt.
    await expect.poll(() => widget.locator('.camera video').evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
    await widget.getByRole('button', { name: 'Foto para «llave»' }).click();
    await expect(widget.getByTestId('class-count-1')).toHaveAttribute('data-value', '1');
    await widget.getByRole('button', { name: 'Foto para «llave»' }).click();
    await expect(widget.getByTestId('class-count-1')).toContainText('2 imágenes (1 para validar)');
    await expect(widget.getByTestId('own-class-1').locator('.own-thumbs > *')).toHaveCount(2);
    await expect(widget.getByTestId('class-count-0')).toHaveAttribute('data-value', '0');
  });

  test('an official .h5 dropped on the page is converted here, trains, and stays for offline use', async ({ page, context }, testInfo) => {
    test.setTimeout(300_000);
    const file = testInfo.outputPath('efficientnetb0_notop.h5');
    await officialB0File(file);
    await withoutImageNetWeights(async () => {
      await page.goto('./#/lab/transfer?images=2&val=1&epochs=1&backend=webgpu');
      const widget = page.getByTestId('widget-transfer');
      await expect(widget.getByTestId('weights-fallback')).toBeVisible();
      // Not every file is a Keras weights file.
      await widget
        .getByTestId('h5-input')
        .setInputFiles({ name: 'notas.h5', mimeType: 'application/octet-stream', buffer: Buffer.from('hola') });
      await expect(widget.getByTestId('h5-error')).toContainText('no es un HDF5 válido');

      await widget.getByTestId('h5-input').setInputFiles(file);
      await expect(readout(widget, 'weights-source')).toHaveAttribute('data-value', 'imagenet:file', { timeout: 120_000 });
      await expect(readout(widget, 'weights-source')).toContainText(
        'convertidos en este navegador desde tu archivo efficientnetb0_notop.h5',
      );
      await expect(widget.getByTestId('weights-fallback')).toHaveCount(0);
      // The converted B0 with the notebook's head: Keras's 4,049,571 plus 198,020 that train.
      await waitForStatus(widget, 'idle', 240_000);
      // The converted B0 runs from this site's /lab/ on WebGPU.
      await expect(readout(widget, 'backend')).toHaveAttribute('data-value', 'webgpu');
      expect(await numberValue(widget, 'param-count')).toBe(4_049_571 + 198_020);
      expect(await numberValue(widget, 'trainable-count')).toBe(198_020);
      await widget.getByTestId('play').click();
      await waitForStatus(widget, 'done');
      // The trained B0 as the Keras 3 weights of the code panel's model: one HDF5 file.
      const [keras] = await Promise.all([page.waitForEvent('download'), widget.getByTestId('transfer-download-keras').click()]);
      expect(keras.suggestedFilename()).toBe('transferencia.weights.h5');
      expect(readFileSync(await keras.path()).subarray(0, 8)).toEqual(Buffer.from('\x89HDF\r\n\x1a\n', 'latin1'));
      await expect(widget.getByTestId('transfer-save-note')).toContainText('Descargado transferencia.weights.h5 (Keras 3)');

      // Offline from now on: the service worker has the app, this browser's cache the weights.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await page.reload();
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      await context.setOffline(true);
      try {
        await page.reload();
        await expect(readout(widget, 'weights-source')).toHaveAttribute('data-value', 'imagenet:cache');
        await expect(readout(widget, 'weights-source')).toContainText('desde tu archivo efficientnetb0_notop.h5');
      } finally {
        await context.setOffline(false);
      }
    });
  });
});
