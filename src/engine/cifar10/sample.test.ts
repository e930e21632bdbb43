import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileCache } from './cache';
import { IMAGE_BYTES } from './classes';
import { decodeSprite, parseLabels } from './decode';
import { loadCifar10, readManifest, type FileSource } from './load';
import { readFirstRows } from './rows';
import { loadSample, sampleIndices } from './sample';

const DIR = join(import.meta.dirname, '..', '..', '..', 'public', 'data', 'cifar10');
const TEST_PNG = readFileSync(join(DIR, 'test_batch.png'));

/** Byte-for-byte equality without a deep comparison (and its diff) of megabytes. */
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(a, b) === 0;

/** A response that arrives in pieces of awkward sizes, counting how much of it was read. */
function trickle(bytes: Uint8Array, piece: number): { response: Response; read: () => number } {
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + piece));
      offset += piece;
    },
  });
  return { response: new Response(body), read: () => offset };
}

/** The site on disk, remembering what was asked of it. */
function disk(): { source: FileSource; asked: string[] } {
  const asked: string[] = [];
  const source: FileSource = async (name, init) => {
    asked.push(`${name}${new Headers(init?.headers).get('range') ? ' (range)' : ''}`);
    try {
      return new Response(readFileSync(join(DIR, name)));
    } catch {
      return new Response(null, { status: 404 });
    }
  };
  return { source, asked };
}

/** Cache Storage as a map, for Node. */
function memoryCache(): FileCache & { keys: () => string[] } {
  const files = new Map<string, Uint8Array>();
  // Deleting while iterating a Map is safe: entries not yet visited stay reachable.
  const forget = async (name: string) => {
    for (const key of files.keys()) if (key.startsWith(`${name}?`)) files.delete(key);
  };
  return {
    get: async (name, sha) => (files.has(`${name}?${sha}`) ? new Response(files.get(`${name}?${sha}`)!.slice()) : undefined),
    async put(name, sha, bytes) {
      await forget(name);
      files.set(`${name}?${sha}`, bytes.slice());
    },
    remove: forget,
    keys: () => [...files.keys()].sort(),
  };
}

describe('the first rows of a CIFAR-10 PNG', () => {
  it('decode exactly as the whole file does, stopping the download early', async () => {
    const whole = decodeSprite(TEST_PNG, 'test_batch.png', 10_000);
    for (const piece of [3, 4093, 65_536]) {
      const { response, read } = trickle(TEST_PNG, piece);
      const rows = await readFirstRows(response, 40, IMAGE_BYTES, 'test_batch.png');
      expect(same(rows, whole.subarray(0, 40 * IMAGE_BYTES))).toBe(true);
      // Far less than the 23 MB file: roughly the compressed size of 40 rows.
      expect(read()).toBeLessThan(200_000);
    }
  });

  it('refuses what is not a PNG, or too short a one, in Spanish', async () => {
    await expect(readFirstRows(new Response(new Uint8Array(50)), 2, IMAGE_BYTES, 'x.png')).rejects.toThrow(/x\.png no es un PNG válido/);
    await expect(readFirstRows(new Response(TEST_PNG.subarray(0, 5000)), 40, IMAGE_BYTES, 't.png')).rejects.toThrow(
      /t\.png está dañado o incompleto: no llega a las 40 primeras imágenes/,
    );
    await expect(readFirstRows(new Response(TEST_PNG), 2, 100, 't.png')).rejects.toThrow(/t\.png no tiene la forma de CIFAR-10/);
  });
});

describe('the data gallery', () => {
  it('shows the first two test images of each class, from a ranged read of the test file', async () => {
    const { source, asked } = disk();
    const sample = await loadSample(source, null, 2);
    const labels = parseLabels(readFileSync(join(DIR, 'test_lables.json'), 'utf8'), 'l', 10_000);
    expect(sample.indices).toEqual(sampleIndices(labels, 2));
    expect(sample.labels).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
    expect(sample.indices.slice(6, 8)).toEqual([0, 8]); // the first two cats
    const whole = decodeSprite(TEST_PNG, 'test_batch.png', 10_000);
    expect(sample.indices.every((index, i) => same(sample.images[i], whole.subarray(index * IMAGE_BYTES, (index + 1) * IMAGE_BYTES)))).toBe(
      true,
    );
    expect(asked).toEqual(['manifest.json', 'test_lables.json', 'test_batch.png (range)']);
  });
});

describe("this browser's copy of the files", () => {
  it('keeps what a load downloads, so that the next load and the gallery read nothing but the manifest', async () => {
    const cache = memoryCache();
    const first = disk();
    const data = await loadCifar10(first.source, () => {}, 1, cache);
    expect(first.asked.sort()).toEqual(['data_batch_1.png', 'manifest.json', 'test_batch.png', 'test_lables.json', 'train_lables.json']);
    expect(cache.keys().map((k) => k.split('?')[0])).toEqual([
      'data_batch_1.png',
      'manifest.json',
      'test_batch.png',
      'test_lables.json',
      'train_lables.json',
    ]);

    const again = disk();
    const labels: string[] = [];
    const kept = await loadCifar10(again.source, (p) => labels.push(p.label), 1, cache);
    expect(again.asked).toEqual(['manifest.json']);
    expect(labels.some((l) => l.startsWith('Leyendo las imágenes guardadas en este navegador'))).toBe(true);
    expect(same(kept.testImages, data.testImages)).toBe(true);

    const gallery = disk();
    await loadSample(gallery.source, cache, 2);
    expect(gallery.asked).toEqual(['manifest.json']);
  });

  it('forgets a damaged copy so that a retry downloads the file again', async () => {
    const cache = memoryCache();
    const manifest = await readManifest(disk().source);
    await cache.put('test_lables.json', manifest.files['test_lables.json'].sha256, new TextEncoder().encode('[4]'));
    await expect(loadCifar10(disk().source, () => {}, 0, cache)).rejects.toThrow(/test_lables\.json está dañado/);
    const retry = disk();
    await loadCifar10(retry.source, () => {}, 0, cache);
    expect(retry.asked).toContain('test_lables.json');
  });

  it('serves the kept manifest when the site cannot be reached', async () => {
    const cache = memoryCache();
    const online = await readManifest(disk().source, cache);
    const offline: FileSource = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await readManifest(offline, cache)).toEqual(online);
    await expect(readManifest(offline, null)).rejects.toThrow(/No se pudo descargar manifest\.json/);
  });
});
