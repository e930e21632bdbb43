/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import mdx from '@mdx-js/rollup';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';

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
  ],
  // The engine runs in a module worker (it imports tfjs as ES modules).
  worker: { format: 'es' },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    testTimeout: 60000,
  },
});
