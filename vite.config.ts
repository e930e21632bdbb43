/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import mdx from '@mdx-js/rollup';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  // Relative asset URLs: the same build is served under /lab/ in tests and /<repo>/ on Pages.
  base: './',
  plugins: [
    {
      // MDX must become JSX before the React plugin sees it.
      enforce: 'pre',
      ...mdx({
        remarkPlugins: [remarkMath],
        // MathML alongside HTML so screen readers can read formulas.
        rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml' }]],
      }),
    },
    react({ include: /\.(mdx|tsx|ts)$/ }),
    // Offline after the first visit: the service worker precaches the app shell, the lessons,
    // the engine worker, the WebAssembly binaries and the math fonts (about 10 MB in all).
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      manifest: {
        name: 'Laboratorio de redes neuronales',
        short_name: 'Redes neuronales',
        description: 'Aprende cómo se entrena una red neuronal entrenándola en el navegador.',
        lang: 'es',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#fbfaf7',
        theme_color: '#1d4ed8',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,wasm,woff2}'],
        globIgnores: ['data/**', 'weights/**'],
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        // Datasets are cached the first time they are used, not up front. Model weights are not
        // the service worker's: the engine keeps them in its own cache and revalidates them
        // (src/engine/transfer/weights.ts), which a cache-first route here would defeat.
        runtimeCaching: [
          {
            urlPattern: ({ url }) => /\/data\//.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'datos-y-pesos' },
          },
        ],
      },
    }),
  ],
  // The engine runs in a module worker (it imports tfjs as ES modules).
  worker: { format: 'es' },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    testTimeout: 60000,
  },
});
