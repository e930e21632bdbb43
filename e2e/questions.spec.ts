import type { Locator, Page } from '@playwright/test';
import { expect, readoutValue, test } from './browser';

/**
 * Predict, then check: in each lesson a question runs its own widget with its settings and
 * reveals the engine's number. The revealed answer must be the widget's readout for those
 * settings, and where the engine's number is known (computed with the Trainer on the tfjs
 * cpu backend in Node, the backend these questions ask for), that number.
 */

/** The lesson's question whose prompt contains `text`. */
async function question(page: Page, slug: string, text: string): Promise<Locator> {
  await page.goto(`./#/leccion/${slug}`);
  const q = page.getByTestId('question').filter({ hasText: text });
  await expect(q).toHaveCount(1);
  return q;
}

/** Types (or picks) a guess, presses Comprobar and returns the revealed machine value. */
async function check(q: Locator, guess: string): Promise<string> {
  // Nothing that gives the answer away before the student commits.
  await expect(q.getByTestId('question-answer')).toHaveCount(0);
  await expect(q.locator('[data-testid^="widget-"]')).toHaveCount(0);
  const choice = q.getByTestId(`question-choice-${guess}`);
  if (await choice.count()) await choice.check();
  else await q.getByTestId('question-guess').fill(guess);
  await q.getByTestId('question-check').click();
  const answer = q.getByTestId('question-answer');
  await expect(answer).toHaveAttribute('data-value', /./);
  return (await answer.getAttribute('data-value'))!;
}

test.describe('predict-then-check questions', () => {
  test('every lesson asks three to five questions', async ({ page }) => {
    for (const slug of ['perdida', 'gradiente', 'backprop', 'softmax', 'cifar10', 'transferencia']) {
      await page.goto(`./#/leccion/${slug}`);
      await expect(page.locator('.lesson-body')).toBeVisible();
      const count = await page.getByTestId('question').count();
      expect(count, slug).toBeGreaterThanOrEqual(3);
      expect(count, slug).toBeLessThanOrEqual(5);
    }
  });

  test('perdida: w after one step with η = 0,01, from the recta run', async ({ page }) => {
    const q = await question(page, 'perdida', 'punto de partida del cuaderno');
    // A guess that cannot be read is refused, and nothing runs.
    await q.getByTestId('question-guess').fill('mucho');
    await q.getByTestId('question-check').click();
    await expect(q.getByRole('alert')).toContainText('Escribe un número');
    await expect(q.locator('[data-testid^="widget-"]')).toHaveCount(0);

    const answer = await check(q, '1,5');
    const widget = q.getByTestId('widget-recta');
    await expect(widget.getByTestId('status')).toHaveAttribute('data-value', 'done');
    expect(answer).toBe(await readoutValue(widget, 'param-w'));
    // The engine: w0 = 1.3552873, b0 = 0.00364656, one SGD update at lr 0.01.
    expect(Number(answer)).toBeCloseTo(1.5018118619918823, 6);
    await expect(q.getByTestId('question-your-guess')).toHaveText('1,5');
    await expect(q.getByTestId('question-answer')).toHaveText('1,5018');
    await expect(q.getByTestId('question-verdict')).toHaveAttribute('data-value', 'close');
    await expect(q.getByTestId('question-result')).toContainText('w pasa de 1,3553 a 1,5018');
  });

  test('gradiente: η = 0,13 diverges, by the widget’s final status', async ({ page }) => {
    const q = await question(page, 'gradiente', 'qué le pasa a la neurona');
    // From the keyboard: Space picks an option, Enter presses Comprobar.
    await q.getByTestId('question-choice-done').focus();
    await page.keyboard.press('Space');
    await q.getByTestId('question-check').focus();
    await page.keyboard.press('Enter');
    const answer = q.getByTestId('question-answer');
    await expect(answer).toHaveAttribute('data-value', 'diverged');
    expect(await readoutValue(q.getByTestId('widget-superficie'), 'status')).toBe('diverged');
    await expect(q.getByTestId('question-verdict')).toHaveAttribute('data-value', 'far');
    await expect(answer).toHaveText('Diverge: la pérdida se dispara');
  });

  test('backprop: b after the first AND update', async ({ page }) => {
    const q = await question(page, 'backprop', 'primera actualización');
    const answer = await check(q, '-0,03');
    expect(answer).toBe(await readoutValue(q.getByTestId('widget-and'), 'param-b'));
    // The notebook's epoch 0: b = 0 − 0.1 · 0.2682458.
    expect(Number(answer)).toBeCloseTo(-0.026824582368135452, 6);
    await expect(q.getByTestId('question-verdict')).toHaveAttribute('data-value', 'close');
  });

  test('softmax: adding 3 to every logit leaves the probabilities as they were', async ({ page }) => {
    const q = await question(page, 'softmax', 'sumas 3');
    const answer = await check(q, '0,9');
    expect(answer).toBe(await readoutValue(q.getByTestId('widget-softmax'), 'prob-0'));
    // softmax(2, 1, 0.1)[0], the same as for (5, 4, 3.1).
    expect(Number(answer)).toBeCloseTo(0.6590011119842529, 6);
    await expect(q.getByTestId('question-verdict')).toHaveAttribute('data-value', 'far');
  });

  test('cifar10: the parameters of a one-hidden-layer MLP', async ({ page }) => {
    const q = await question(page, 'cifar10', 'una sola capa oculta de 32');
    // The engine counts the parameters from the settings: no download needed to reveal them.
    const answer = await check(q, '98.666');
    await expect(q.getByTestId('data-download')).toBeVisible();
    expect(answer).toBe(await readoutValue(q.getByTestId('widget-cifar10'), 'param-count'));
    expect(Number(answer)).toBe(3072 * 32 + 32 + 32 * 10 + 10);
    await expect(q.getByTestId('question-verdict')).toHaveAttribute('data-value', 'close');
  });

  test('transferencia: the feature map without padding', async ({ page }) => {
    const q = await question(page, 'transferencia', 'píxeles de lado tiene el mapa de características');
    const answer = await check(q, '32');
    expect(answer).toBe(await readoutValue(q.getByTestId('widget-convolucion'), 'map-size'));
    expect(Number(answer)).toBe(30);
    await expect(q.getByTestId('question-verdict')).toContainText('Te separan 2');
  });
});
