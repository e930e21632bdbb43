import { expect, LESSON_PAGES, test } from './browser';

/**
 * Sub- and superscripts must be drawn smaller than their base. The DOM alone cannot tell:
 * with KaTeX's HTML from one version and its CSS from another, every script renders at full
 * size on the baseline and no node is missing or flagged as an error. So this measures the
 * computed font size of each script's text against its formula's.
 */
for (const route of LESSON_PAGES) {
  test(`scripts are smaller than their base on ${route}`, async ({ page }) => {
    await page.goto(`./${route}`);
    await expect(page.locator('.katex').first()).toBeVisible();
    await page.evaluate(() => document.fonts.ready);
    const ratios = await page.locator('.katex-html .msupsub').evaluateAll((scripts) =>
      scripts.flatMap((script) => {
        const formula = script.closest('.katex') as HTMLElement;
        const base = parseFloat(getComputedStyle(formula).fontSize);
        // Leaf text inside the script (the struts and vlist spacers carry no text).
        const leaves = [...script.querySelectorAll<HTMLElement>('span')].filter(
          (s) => s.children.length === 0 && (s.textContent ?? '').trim() !== '',
        );
        return leaves.map((leaf) => parseFloat(getComputedStyle(leaf).fontSize) / base);
      }),
    );
    expect(ratios.length, 'the page has formulas with sub- or superscripts').toBeGreaterThan(0);
    const fullSize = ratios.filter((r) => r > 0.85);
    // Nearly all: a script may legitimately hold a nested full-size construct (e.g. \text).
    expect(
      fullSize.length / ratios.length,
      `${fullSize.length} of ${ratios.length} scripts drawn above 0,85× their formula`,
    ).toBeLessThanOrEqual(0.02);
  });
}
