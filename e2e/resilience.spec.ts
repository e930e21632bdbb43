import { expect, numberValue, readout, test, waitForStatus } from './browser';

const RUN = 'w0=1.3552873&b0=0.00364656&epochs=3000';

/** Ways to kill the active tfjs backend from inside the training worker, as a failing GPU would. */
const KILLERS = {
  webgpu: () => {
    const engine = (self as unknown as { _tfengine: { backend: { device: { destroy(): void } } } })._tfengine;
    engine.backend.device.destroy();
  },
  webgl: () => {
    const engine = (self as unknown as { _tfengine: { backend: { gpgpu: { gl: WebGL2RenderingContext } } } })._tfengine;
    engine.backend.gpgpu.gl.getExtension('WEBGL_lose_context')!.loseContext();
  },
};

test.describe('a GPU lost in the middle of training', () => {
  for (const backend of ['webgpu', 'webgl'] as const) {
    test(`losing ${backend} moves the run to another backend, which finishes it correctly`, async ({ page }) => {
      // Reference: the same 3000 epochs on the CPU.
      await page.goto(`./#/lab/recta?${RUN}&backend=cpu&autoplay=1`);
      let widget = page.getByTestId('widget-recta');
      await waitForStatus(widget, 'done');
      const expectedW = await numberValue(widget, 'param-w');
      const expectedB = await numberValue(widget, 'param-b');

      await page.goto('./#/');
      await page.goto(`./#/lab/recta?${RUN}&backend=${backend}`);
      widget = page.getByTestId('widget-recta');
      await waitForStatus(widget, 'idle');
      await expect(readout(widget, 'backend')).toHaveAttribute('data-value', backend);
      await widget.getByTestId('play').click();
      // Past the first checkpoints (one a second), then pull the plug.
      await expect.poll(() => numberValue(widget, 'epoch'), { timeout: 60_000 }).toBeGreaterThan(400);
      const workers = page.workers();
      expect(workers.length).toBeGreaterThan(0);
      const killedAt = await numberValue(widget, 'epoch');
      await workers[workers.length - 1].evaluate(KILLERS[backend]);

      await expect(readout(widget, 'backend')).not.toHaveAttribute('data-value', backend, { timeout: 30_000 });
      await expect(widget.getByTestId('backend-reason')).toContainText('dejó de funcionar');
      await expect(widget.getByTestId('backend-reason')).toContainText('desde la época');
      await waitForStatus(widget, 'done');
      expect(await numberValue(widget, 'epoch')).toBe(3000);
      expect(killedAt).toBeLessThan(3000);
      expect(await numberValue(widget, 'param-w')).toBeCloseTo(expectedW, 5);
      expect(await numberValue(widget, 'param-b')).toBeCloseTo(expectedB, 5);
    });
  }
});

test('a crashed engine worker shows a Spanish error panel with a retry that brings the widget back', async ({ page }) => {
  await page.goto('./#/leccion/backprop');
  const and = page.getByTestId('widget-and');
  const puntos = page.getByTestId('widget-puntos');
  await waitForStatus(and, 'idle');
  await waitForStatus(puntos, 'idle');
  // Two widgets, two workers: crash the first one created (the AND widget's).
  const workers = page.workers();
  expect(workers.length).toBeGreaterThanOrEqual(2);
  const crashed = workers[0];
  await crashed.evaluate(() => {
    setTimeout(() => {
      throw new Error('fallo provocado por la prueba');
    });
  });
  const panel = page.getByTestId('error-panel');
  await expect(panel).toHaveCount(1);
  await expect(panel).toContainText('falló');
  await expect(panel).toContainText('fallo provocado por la prueba');
  // The other widget keeps working.
  const crashedName = (await and.count()) ? 'puntos' : 'and';
  const survivor = crashedName === 'and' ? puntos : and;
  await survivor.getByTestId('step').click();
  await expect.poll(() => numberValue(survivor, 'epoch')).toBe(1);
  await panel.getByRole('button', { name: 'Reintentar' }).click();
  await expect(panel).toHaveCount(0);
  // A fresh worker: the widget starts over; the other one kept its step.
  await waitForStatus(page.getByTestId(`widget-${crashedName}`), 'idle');
  expect(await numberValue(survivor, 'epoch')).toBe(1);
});
