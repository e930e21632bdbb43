// Node cannot run TypeScript; Vite's server-side module loader can. The scripts that need the
// engine's code (weights.mjs, pretrain-mini/export.mjs) open it the same way through here.
import { join } from 'node:path';
import { createServer } from 'vite';

/**
 * Runs `run(load)`, where `load('/src/…')` imports a module of the repository as the app
 * would; the loader stays open until `run` settles (the converter loads h5wasm on demand).
 */
export async function withViteModules(run) {
  const vite = await createServer({
    configFile: false,
    root: join(import.meta.dirname, '..'),
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    return await run((path) => vite.ssrLoadModule(path));
  } finally {
    await vite.close();
  }
}
