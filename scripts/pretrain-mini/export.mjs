// Usage (pretrain.py runs it): node scripts/pretrain-mini/export.mjs <folder with weights.json and weights.bin>
// Loads export.ts through Vite's server-side module loader (../viteModules.mjs), since Node cannot run TypeScript.
import { join } from 'node:path';
import { withViteModules } from '../viteModules.mjs';

const root = join(import.meta.dirname, '..', '..');
const work = process.argv[2];
try {
  await withViteModules(async (load) => {
    const { exportMini } = await load('/scripts/pretrain-mini/export.ts');
    await exportMini(work, root);
  });
} catch (error) {
  console.error(`No se pudo exportar EfficientNet mini: ${error.message}`);
  process.exitCode = 1;
}
