import AxeBuilder from '@axe-core/playwright';
import { expect, LESSON_PAGES, test } from './browser';

/** Every lesson page, the glossary, the index and the capabilities page, in both themes. */
const PAGES = ['#/', ...LESSON_PAGES, '#/acerca'];

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`accessibility (axe-core), ${scheme} theme`, () => {
    test.use({ colorScheme: scheme });
    for (const route of PAGES) {
      test(`${route} has no serious or critical violations`, async ({ page }) => {
        await page.goto(`./${route}`);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        // Let lazy widgets finish loading so they are checked too: ready to train, or (CIFAR-10)
        // offering the download that a student starts by hand.
        for (const widget of await page.locator('[data-testid^="widget-"]').all()) {
          if (!(await widget.getByTestId('status').count())) continue;
          const offer = widget.getByTestId('data-offer');
          await expect
            .poll(async () => (await offer.count()) > 0 || (await widget.getByTestId('status').getAttribute('data-value')) === 'idle', {
              timeout: 120_000,
            })
            .toBe(true);
        }
        const results = await new AxeBuilder({ page }).analyze();
        const bad = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map(
            (v) =>
              `${v.id} (${v.impact}): ${v.help} — ${v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(' '))
                .join(' | ')}`,
          );
        expect(bad, bad.join('\n')).toEqual([]);
      });
    }
  });
}
