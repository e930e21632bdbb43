import { expect, numberValue, readout, readoutValue, test, waitForStatus } from './browser';

/** Final values of the float32 reference (src/engine/classifiers.test.ts) on cpu. */
const AND_FINAL = { w: [4.2459345, 4.2437954], b: -6.559165 };
const PUNTOS_FINAL = { w: [-2.1160238, 3.0370915], b: -3.4121702 };

async function vector(widget: import('@playwright/test').Locator, id: string): Promise<number[]> {
  return (await readoutValue(widget, id)).split(',').map(Number);
}

test.describe('exercise B: the AND gate', () => {
  for (const backend of ['webgpu', 'cpu']) {
    test(`the notebook start on ${backend} learns AND as the float32 reference does`, async ({ page }) => {
      await page.goto(`./#/lab/and?autoplay=1&backend=${backend}`);
      const widget = page.getByTestId('widget-and');
      await waitForStatus(widget, 'done');
      await expect(readout(widget, 'backend')).toHaveAttribute('data-value', backend);
      expect(await numberValue(widget, 'epoch')).toBe(2000);
      const w = await vector(widget, 'param-w');
      w.forEach((v, i) => expect(v).toBeCloseTo(AND_FINAL.w[i], 4));
      expect(await numberValue(widget, 'param-b')).toBeCloseTo(AND_FINAL.b, 4);
      expect(await readoutValue(widget, 'prediction-rounded')).toBe('0,0,0,1');
      expect(await numberValue(widget, 'accuracy')).toBe(1);
      // The notebook prints every 400 epochs: loss before the update, weights after it.
      const rows = widget.getByTestId('notebook-prints').locator('tbody tr');
      await expect(rows).toHaveCount(5);
      await expect(rows.first()).toContainText('0,7551');
    });
  }

  test('step mode writes out one update, number by number', async ({ page }) => {
    await page.goto('./#/lab/and?backend=cpu');
    const widget = page.getByTestId('widget-and');
    await waitForStatus(widget, 'idle');
    // Before training the loss of the starting weights is already shown.
    expect(await numberValue(widget, 'loss')).toBeCloseTo(0.755117, 5);
    // ŷ = 0,5 rounds to 0 as tf.round does (half to even), matching Keras's 75 % accuracy.
    expect(await readoutValue(widget, 'prediction-rounded')).toBe('0,0,1,1');
    expect(await numberValue(widget, 'accuracy')).toBe(0.75);
    await widget.getByTestId('step').click();
    const trace = widget.getByTestId('step-trace');
    await expect(trace).toHaveAttribute('data-step', '0');
    expect(await numberValue(trace, 'trace-loss')).toBeCloseTo(0.755117, 5);
    const grad = await vector(trace, 'trace-grad-w');
    expect(grad[0]).toBeCloseTo(0.0722362, 6);
    expect(grad[1]).toBeCloseTo(-0.0437726, 6);
    expect(await numberValue(trace, 'trace-grad-b')).toBeCloseTo(0.2682458, 6);
    // w ← w − η·∂L/∂w with η = 0.1, the numbers the notebook's first update gives.
    const next = await vector(trace, 'trace-new-w');
    expect(next[0]).toBeCloseTo(1.0811429, 6);
    expect(next[1]).toBeCloseTo(-0.9201393, 6);
    expect(await vector(widget, 'param-w')).toEqual(next);
    expect(await numberValue(widget, 'epoch')).toBe(1);
    await expect(trace).toContainText('Hacia atrás');

    await widget.getByTestId('step').click();
    await expect(trace).toHaveAttribute('data-step', '1');
    expect(await numberValue(widget, 'epoch')).toBe(2);
    await widget.getByTestId('reset').click();
    await expect(trace).toHaveCount(0);
    await expect.poll(() => numberValue(widget, 'epoch')).toBe(0);
  });
});

test.describe('exercise C and the playground of points', () => {
  for (const backend of ['webgpu', 'cpu']) {
    test(`the notebook's six points on ${backend}: one line separates them`, async ({ page }) => {
      await page.goto(`./#/lab/puntos?autoplay=1&backend=${backend}`);
      const widget = page.getByTestId('widget-puntos');
      await waitForStatus(widget, 'done');
      await expect(readout(widget, 'backend')).toHaveAttribute('data-value', backend);
      const w = await vector(widget, 'param-w');
      w.forEach((v, i) => expect(v).toBeCloseTo(PUNTOS_FINAL.w[i], 4));
      expect(await numberValue(widget, 'param-b')).toBeCloseTo(PUNTOS_FINAL.b, 4);
      expect(await readoutValue(widget, 'prediction-rounded')).toBe('0,0,0,1,1,1');
      await expect(widget.getByTestId('decision-line')).toHaveCount(1);
    });
  }

  test('XOR: one neuron cannot, two hidden layers can', async ({ page }) => {
    await page.goto('./#/lab/puntos?datos=xor&backend=cpu&autoplay=1');
    const widget = page.getByTestId('widget-puntos');
    await waitForStatus(widget, 'done');
    expect(await numberValue(widget, 'accuracy')).toBeLessThan(0.85);

    await page.goto('./#/lab/puntos?datos=xor&capas=2&neuronas=4&activacion=tanh&backend=cpu&autoplay=1');
    const deep = page.getByTestId('widget-puntos');
    await waitForStatus(deep, 'done');
    expect(await numberValue(deep, 'accuracy')).toBeGreaterThanOrEqual(0.95);
    expect(await numberValue(deep, 'param-count')).toBe(2 * 4 + 4 + 4 * 4 + 4 + 4 + 1);
    await expect(deep.getByTestId('decision-line')).toHaveCount(0);
    // Step mode also walks through hidden layers.
    await deep.getByTestId('reset').click();
    await waitForStatus(deep, 'idle');
    await deep.getByTestId('step').click();
    await expect(deep.getByTestId('step-trace')).toContainText('Capa 3');
  });

  test('a click adds a point of the chosen class, a click on a point removes it, and the link keeps them', async ({ page }) => {
    await page.goto('./#/lab/puntos?backend=cpu');
    const widget = page.getByTestId('widget-puntos');
    await waitForStatus(widget, 'idle');
    const plane = widget.getByTestId('plane');
    const box = (await plane.boundingBox())!;
    // (8, 2) on the square [0, 10]²: far from every point.
    await plane.click({ position: { x: box.width * 0.8, y: box.height * 0.8 } });
    await expect(readout(widget, 'prediction-hits')).toContainText('de 7');
    const added = new URL(page.url().replace('#/', '')).searchParams.get('puntos')!.split(';').at(-1)!.split(',').map(Number);
    expect(added[0]).toBeCloseTo(8, 1);
    expect(added[1]).toBeCloseTo(2, 1);
    expect(added[2]).toBe(1);
    await page.reload();
    await waitForStatus(page.getByTestId('widget-puntos'), 'idle');
    await expect(readout(page.getByTestId('widget-puntos'), 'prediction-hits')).toContainText('de 7');
    // Clicking the point removes it again.
    const again = page.getByTestId('widget-puntos').getByTestId('plane');
    await again.click({ position: { x: box.width * 0.8, y: box.height * 0.8 } });
    await expect(readout(page.getByTestId('widget-puntos'), 'prediction-hits')).toContainText('de 6');
    // From the keyboard: focus the plane, move the cross, Enter adds.
    await again.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect(readout(page.getByTestId('widget-puntos'), 'prediction-hits')).toContainText('de 7');
  });

  test('a malformed list of points is refused in Spanish and the notebook points are used', async ({ page }) => {
    await page.goto('./#/lab/puntos?puntos=1,2,7&backend=cpu');
    const widget = page.getByTestId('widget-puntos');
    await expect(widget.getByTestId('url-notice')).toContainText('no es válido');
    await waitForStatus(widget, 'idle');
    await expect(readout(widget, 'prediction-hits')).toContainText('de 6');
  });

  test('the network view: a map per neuron that changes as it trains, weights on links and neurons', async ({ page }) => {
    await page.goto('./#/lab/puntos?datos=xor&capas=2&neuronas=3&lr=0.3&epochs=150&backend=cpu');
    const widget = page.getByTestId('widget-puntos');
    await waitForStatus(widget, 'idle');
    const network = widget.getByTestId('network');
    // Two hidden layers of 3 and the sigmoid output; the inputs are drawn but are not neurons.
    await expect(network.getByTestId('neuron')).toHaveCount(3 + 3 + 1);
    const map = () =>
      network
        .getByTestId('neuron')
        .first()
        .locator('canvas')
        .evaluate((c: HTMLCanvasElement) => c.toDataURL());
    const before = await map();
    await widget.getByTestId('play').click();
    await waitForStatus(widget, 'done');
    await expect.poll(map).not.toBe(before);
    // A link says its weight when focused, as when hovered.
    const link = network.getByTestId('network-link').first();
    await link.focus();
    await expect(network.getByTestId('link-weight')).toContainText('Peso de x₁ a h₁,₁');
    await expect(network.getByTestId('link-weight')).toContainText(/-?\d,\d{3}/);
    await network.getByTestId('neuron').last().click();
    await expect(network.getByTestId('neuron-detail')).toContainText('w de h₂,₃');
    await expect(network.getByTestId('neuron-bias')).toHaveText(/-?\d+,\d{4}/);
  });

  for (const backend of ['webgpu', 'cpu']) {
    test(`three classes on ${backend}: softmax over the plane, accuracy rises`, async ({ page }) => {
      await page.goto(`./#/lab/puntos?datos=manchas&clases=3&capas=1&neuronas=4&lr=0.3&epochs=80&backend=${backend}`);
      const widget = page.getByTestId('widget-puntos');
      await waitForStatus(widget, 'idle');
      await expect(readout(widget, 'backend')).toHaveAttribute('data-value', backend);
      await expect(widget.getByTestId('network').getByTestId('neuron')).toHaveCount(4 + 3);
      const start = await numberValue(widget, 'accuracy');
      await widget.getByTestId('play').click();
      await waitForStatus(widget, 'done');
      const end = await numberValue(widget, 'accuracy');
      expect(end).toBeGreaterThan(start);
      expect(end).toBeGreaterThanOrEqual(0.9);
      await expect(widget.getByText('Pérdida (entropía cruzada categórica)')).toBeVisible();
    });
  }

  test('own points: a bad file names its line and keeps the points, a good one replaces them, export gives CSV', async ({ page }) => {
    await page.goto('./#/lab/puntos?backend=cpu');
    const widget = page.getByTestId('widget-puntos');
    await waitForStatus(widget, 'idle');
    await widget.getByText('Tus propios puntos').click();
    await widget.getByTestId('points-text').fill('x,y,clase\n1,2,0\n3,4,9\n');
    await widget.getByTestId('points-apply').click();
    await expect(widget.getByTestId('points-file-error')).toContainText('Línea 3');
    await expect(readout(widget, 'prediction-hits')).toContainText('de 6');

    await widget
      .getByTestId('points-upload')
      .setInputFiles({ name: 'mios.csv', mimeType: 'text/csv', buffer: Buffer.from('x;y;clase\n1,5;2;0\n3;4;1\n5;1;1\n') });
    await expect(readout(widget, 'prediction-hits')).toContainText('de 3');
    await expect(widget.getByTestId('points-file-error')).toHaveCount(0);
    expect(new URL(page.url().replace('#/', '')).searchParams.get('puntos')).toBe('1.5,2,0;3,4,1;5,1,1');

    const download = page.waitForEvent('download');
    await widget.getByTestId('points-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('puntos.csv');
    const text = await (await file.createReadStream()).toArray();
    expect(Buffer.concat(text).toString('utf8')).toBe('x,y,clase\n1.5,2,0\n3,4,1\n5,1,1\n');
  });
});
