import type { Locator, Page } from '@playwright/test';
import { expect, test } from './browser';

/**
 * What a student sees first (DESIGN.md): on every #/lab page, at a classroom laptop's
 * 1366×768 and at a 1280×720 projector in projector mode, the main picture (`hero`) is on
 * screen without scrolling. Each page also has a screenshot baseline (e2e/__screenshots__,
 * see playwright.config.ts) so a layout change shows up in review; regenerate them with
 * `npx playwright test e2e/layout.spec.ts --update-snapshots` after a deliberate change.
 */

interface Lab {
  name: string;
  /** Light settings: small data, nothing trained, no big download. */
  query: string;
  /** Waits until the page has settled into the state its screenshot shows. */
  ready(widget: Locator): Promise<void>;
}

/** A training widget is ready when its engine is: status «Listo». */
const idle = async (widget: Locator) => {
  await expect(widget.getByTestId('status').first()).toHaveAttribute('data-value', 'idle');
};

const LABS: Lab[] = [
  { name: 'recta', query: 'backend=cpu', ready: idle },
  { name: 'superficie', query: 'backend=cpu', ready: idle },
  { name: 'and', query: 'backend=cpu', ready: idle },
  { name: 'puntos', query: 'backend=cpu', ready: idle },
  {
    name: 'softmax',
    query: 'backend=cpu',
    ready: async (widget) => {
      await expect(widget.getByTestId('loss')).not.toHaveAttribute('data-value', '');
    },
  },
  {
    name: 'cifar10',
    query: 'train=1000&hidden=1&units=32&batch=100&backend=cpu',
    // The first visit offers the download (the gallery before training); a cached set loads and waits idle.
    ready: async (widget) => {
      const offered = async () => (await widget.getByTestId('data-download').count()) > 0;
      const idleNow = async () => (await widget.getByTestId('status').first().getAttribute('data-value')) === 'idle';
      await expect.poll(async () => (await offered()) || (await idleNow())).toBe(true);
      await expect(widget.locator('[aria-busy="true"]')).toHaveCount(0);
    },
  },
  {
    name: 'convolucion',
    query: 'imagen=escalon&backend=cpu',
    ready: async (widget) => {
      await expect(widget.getByTestId('feature-map')).toBeVisible();
      // The thumbnails come from the test file; once the last one is drawn the page is still.
      await expect(widget.getByTestId('pick-11')).toBeVisible();
    },
  },
  {
    name: 'transfer',
    query: 'base=mini&images=10&val=25&backend=webgl',
    ready: async (widget) => {
      await idle(widget);
      await expect(widget.getByTestId('data-progress')).toHaveCount(0);
    },
  },
];

const SIZES = [
  { label: '1366x768', width: 1366, height: 768, projector: false },
  { label: '1280x720-proyector', width: 1280, height: 720, projector: true },
];

/** Live and machine-dependent parts: numbers, the engine line, progress, the projector QR (it encodes the port). */
const masks = (page: Page) => [page.locator('.readout-value, .engine-line, [data-testid="data-progress"], .lab-qr')];

for (const size of SIZES) {
  test.describe(`first screen at ${size.label}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    for (const lab of LABS) {
      test(`${lab.name}: the main picture is in view`, async ({ page }) => {
        await page.goto(`./#/lab/${lab.name}?${lab.query}${size.projector ? '&proyector=1' : ''}`);
        const widget = page.getByTestId(`widget-${lab.name}`);
        await lab.ready(widget);
        const hero = widget.getByTestId('hero');
        await expect(hero).toHaveCount(1);
        await expect(hero).toBeVisible();

        expect(await page.evaluate(() => window.scrollY), 'the page opens at the top').toBe(0);
        const box = await hero.boundingBox();
        if (!box) throw new Error(`the hero of ${lab.name} has no box`);
        const where = `hero at x ${box.x}, y ${box.y}, ${box.width}×${box.height} in ${size.width}×${size.height}`;
        expect(box.y, where).toBeGreaterThanOrEqual(0);
        expect(box.x, where).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height, where).toBeLessThanOrEqual(size.height);
        expect(box.x + box.width, where).toBeLessThanOrEqual(size.width);

        // Software rendering differs a little between runs (anti-aliasing, text): a small tolerance.
        await expect(page).toHaveScreenshot(`${lab.name}-${size.label}.png`, {
          animations: 'disabled',
          caret: 'hide',
          mask: masks(page),
          maxDiffPixelRatio: 0.03,
          timeout: 30_000,
        });
      });
    }
  });
}

/**
 * Embedded in a course page's 800×600 iframe (embed=1): the widget alone, its main picture
 * (the hero's first figure, canvas or image) on screen without scrolling and nothing wider
 * than the frame. A tall hero may continue below, as a second chart does.
 */
test.describe('embedded at 800x600', () => {
  test.use({ viewport: { width: 800, height: 600 } });
  for (const lab of LABS) {
    test(`${lab.name}: the main picture fits the iframe`, async ({ page }) => {
      await page.goto(`./#/lab/${lab.name}?${lab.query}&embed=1`);
      const widget = page.getByTestId(`widget-${lab.name}`);
      await lab.ready(widget);
      await expect(page.locator('header')).toHaveCount(0);
      const hero = widget.getByTestId('hero');
      // The hero's first figure, canvas or image; softmax's bars are plain boxes, so its whole hero.
      const figures = hero.locator('figure, canvas, img');
      const picture = (await figures.count()) > 0 ? figures.first() : hero;
      await expect(picture).toBeVisible();
      const box = await picture.boundingBox();
      if (!box) throw new Error(`the main picture of ${lab.name} has no box`);
      const where = `picture at x ${box.x}, y ${box.y}, ${box.width}×${box.height} in 800×600`;
      expect(box.y, where).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, where).toBeLessThanOrEqual(600);
      expect(box.x + box.width, where).toBeLessThanOrEqual(800);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    });
  }
});
