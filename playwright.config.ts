import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';

/**
 * End to end against the production build, served under a sub-path as GitHub Pages does.
 * E2E_PORT and E2E_DIST let several checkouts of work in progress test side by side.
 */
const PORT = Number(process.env.E2E_PORT ?? 4173);
const DIST = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  // Screenshot baselines live beside the tests, one name per screenshot, the same on every machine.
  snapshotPathTemplate: '{testDir}/__screenshots__/{testFileName}/{arg}{ext}',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // On CI the HTML report is kept too, so a failed run uploads something to read (.github/workflows/pages.yml).
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    baseURL: `http://localhost:${PORT}/lab/`,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 800 },
    locale: 'es-ES',
  },
  webServer: {
    command: `npx vite preview --base /lab/ --port ${PORT} --strictPort --outDir ${DIST}`,
    url: `http://localhost:${PORT}/lab/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
