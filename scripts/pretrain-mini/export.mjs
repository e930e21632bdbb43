// Usage (pretrain.py runs it): node scripts/pretrain-mini/export.mjs <folder with weights.json and weights.bin>
// Loads export.ts through Vite's server-side module loader, since Node cannot run TypeScript.
import { join } from 'node:path';
import { createServer } from 'vite';

const root = join(import.meta.dirname, '..', '..');
const work = process.argv[2];
const vite = await createServer({ configFile: false, root, logLevel: 'error', appType: 'custom', server: { middlewareMode: true, hmr: false }, optimizeDeps: { noDiscovery: true, include: [] } });
try {
  const { exportMini } = await vite.ssrLoadModule('/scripts/pretrain-mini/export.ts');
  await exportMini(work, root);
} catch (error) {
  console.error(`No se pudo exportar EfficientNet mini: ${error.message}`);
  process.exitCode = 1;
} finally {
  await vite.close();
}
