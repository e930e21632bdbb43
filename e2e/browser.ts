import { expect, test as base, type Locator, type Page } from '@playwright/test';

/**
 * Every e2e test runs in Debian's Chromium with a real WebGPU adapter (software SwiftShader
 * on machines without a GPU). If the adapter is missing the suite fails and says so.
 */
export const test = base.extend<{ page: Page }>({
  page: async ({ page }, use) => {
    await page.goto('./');
    const adapter = await page.evaluate(async () => {
      const gpu = (navigator as { gpu?: { requestAdapter(): Promise<{ info?: { vendor?: string; architecture?: string } } | null> } }).gpu;
      if (!gpu) return 'no navigator.gpu';
      const a = await gpu.requestAdapter();
      return a ? `ok ${a.info?.vendor ?? ''} ${a.info?.architecture ?? ''}` : 'no adapter';
    });
    expect(adapter, `Chromium has no WebGPU adapter (${adapter}); check the flags in scripts/chromium.mjs`).toMatch(/^ok/);
    await use(page);
  },
});

export { expect };

/** The lessons' pages in the course's order, then the glossary: every page with formulas. */
export const LESSON_PAGES = [
  '#/leccion/perdida',
  '#/leccion/gradiente',
  '#/leccion/backprop',
  '#/leccion/softmax',
  '#/leccion/cifar10',
  '#/leccion/transferencia',
  '#/glosario',
];

/** A readout inside a widget, by its data-testid (DESIGN.md public contract). */
export function readout(widget: Locator, id: string): Locator {
  return widget.getByTestId(id);
}

export async function readoutValue(widget: Locator, id: string): Promise<string> {
  return (await readout(widget, id).getAttribute('data-value')) ?? '';
}

export async function numberValue(widget: Locator, id: string): Promise<number> {
  return Number(await readoutValue(widget, id));
}

export async function waitForStatus(widget: Locator, status: string, timeout = 120_000): Promise<void> {
  await expect(readout(widget, 'status')).toHaveAttribute('data-value', status, { timeout });
}
