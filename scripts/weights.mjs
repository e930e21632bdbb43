// Puts EfficientNet's ImageNet weights where the site serves them (public/weights/efficientnetbN/).
// Usage: node scripts/weights.mjs b0 [b3 …] [--float16]
// Each official Keras file (efficientnetbN_notop.h5) is downloaded from Keras's public storage,
// checked against the hash Keras publishes for it, converted by the engine's own converter
// (src/engine/efficientnet, loaded through Vite's server-side module loader since Node cannot
// run TypeScript) and written to a temporary folder that replaces the old one only when complete.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { withViteModules } from './viteModules.mjs';

const BASE_URL = 'https://storage.googleapis.com/keras-applications/';
// The "notop" half of WEIGHTS_HASHES in keras/src/applications/efficientnet.py. Keras's get_file
// reads a 32-digit hash as MD5 (64 digits would be SHA-256).
const NOTOP_MD5 = {
  b0: '50bc09e76180e00e4465e1a485ddc09d',
  b1: '74c4e6b3e1f6a1eea24c589628592432',
  b2: '111f8e2ac8aa800a7a99e3239f7bfb39',
  b3: 'af6d107764bb5b1abb91932881670226',
};
const root = join(import.meta.dirname, '..');
const weightsDir = join(root, 'public', 'weights');
const TEMP_PREFIX = '.tmp-';

const args = process.argv.slice(2);
const float16 = args.includes('--float16');
const variants = args.filter((a) => a !== '--float16');
if (variants.length === 0 || variants.some((v) => !(v in NOTOP_MD5))) {
  console.error('Uso: node scripts/weights.mjs b0|b1|b2|b3 [más variantes…] [--float16]');
  process.exit(2);
}

/** What this run would write is already there: same source file, same storage. */
function present(target, md5) {
  const modelJson = join(target, 'model.json');
  if (!existsSync(modelJson)) return false;
  const meta = JSON.parse(readFileSync(modelJson, 'utf8')).userDefinedMetadata ?? {};
  return meta.sourceMd5 === md5 && meta.float16 === float16;
}

async function download(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    const reason = error.cause?.code ?? error.cause?.message ?? error.message;
    throw new Error(`no se pudo descargar ${url}: no hay conexión con el servidor (${reason}).`);
  }
  if (!response.ok) throw new Error(`el servidor respondió ${response.status} al pedir ${url}.`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Writes the files into a fresh folder beside the target, then swaps it in. */
function writeAtomically(target, files) {
  mkdirSync(weightsDir, { recursive: true });
  const staging = mkdtempSync(join(weightsDir, TEMP_PREFIX));
  try {
    chmodSync(staging, 0o755); // mkdtemp's 0700 would hide the folder from a static server
    for (const file of files) writeFileSync(join(staging, file.path), file.bytes);
    // A folder cannot be renamed over a non-empty one: move the old one aside first.
    const old = existsSync(target) ? `${staging}-old` : null;
    if (old) renameSync(target, old);
    renameSync(staging, target);
    if (old) rmSync(old, { recursive: true, force: true });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

async function prepare(variant, engine) {
  const name = `efficientnet${variant}`;
  const file = `${name}_notop.h5`;
  const md5 = NOTOP_MD5[variant];
  const target = join(weightsDir, name);
  if (present(target, md5)) {
    console.log(`${file} ya está convertido en ${relative(root, target)}.`);
    return;
  }
  console.log(`Descargando ${file} de ${BASE_URL}…`);
  const bytes = await download(BASE_URL + file);
  const digest = createHash('md5').update(bytes).digest('hex');
  if (digest !== md5) throw new Error(`${file} no coincide con el hash que publica Keras (MD5 ${digest}, se esperaba ${md5}).`);
  console.log(`Convirtiendo ${file} al formato de TensorFlow.js${float16 ? ' (float16)' : ''}…`);
  const { model } = engine.buildEfficientNet({ variant });
  try {
    const artifacts = await engine.convertKerasH5(bytes, model, { float16 });
    artifacts.userDefinedMetadata = { weights: 'imagenet', source: BASE_URL + file, sourceMd5: md5, float16 };
    const files = engine.modelFiles(artifacts);
    writeAtomically(target, files);
    const megabytes = files.reduce((n, f) => n + f.bytes.byteLength, 0) / 1e6;
    console.log(
      `EfficientNet${variant.toUpperCase()} listo en ${relative(root, target)} (${files.length} archivos, ${megabytes.toFixed(1)} MB).`,
    );
  } finally {
    model.dispose();
  }
}

try {
  // Leftovers of a run that was killed half-way are never served.
  if (existsSync(weightsDir)) {
    for (const entry of readdirSync(weightsDir))
      if (entry.startsWith(TEMP_PREFIX)) rmSync(join(weightsDir, entry), { recursive: true, force: true });
  }
  await withViteModules(async (load) => {
    const engine = await load('/src/engine/efficientnet/index.ts');
    for (const variant of variants) await prepare(variant, engine);
  });
} catch (error) {
  console.error(`No se pudieron preparar los pesos de EfficientNet: ${error.message}`);
  process.exit(1);
}
