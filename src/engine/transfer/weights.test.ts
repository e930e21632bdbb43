import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cacheModelFiles, loadModelWeights, MissingWeightsError, weightBytes } from './weights';

/** A site in memory (path → body, content type) and a Cache Storage in memory, as the worker sees them. */
const site = new Map<string, { body: Uint8Array | string; type: string }>();
const stored = new Map<string, Response>();
let downloads: string[] = [];

const ORIGIN = 'https://aula.example/lab/';
const MODEL = `${ORIGIN}models/base/model.json`;

function serve(json: object, shard: Uint8Array): void {
  site.set(MODEL, { body: JSON.stringify(json), type: 'application/json' });
  site.set(`${ORIGIN}models/base/group1-shard1of1.bin`, { body: shard, type: 'application/octet-stream' });
}

const modelJson = (version: number) => ({
  modelTopology: { version },
  format: 'layers-model',
  userDefinedMetadata: { weights: 'cifar10-6' },
  weightsManifest: [
    {
      paths: ['group1-shard1of1.bin'],
      weights: [
        { name: 'a/kernel', shape: [2, 3], dtype: 'float32' },
        { name: 'a/count', shape: [], dtype: 'int32' },
      ],
    },
  ],
});

beforeEach(() => {
  site.clear();
  stored.clear();
  downloads = [];
  vi.stubGlobal('fetch', async (url: string) => {
    downloads.push(url.split('/').pop()!);
    const file = site.get(url);
    // The preview server's single-page fallback: index.html for any missing path.
    if (!file) return new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } });
    return new Response(file.body as BodyInit, { headers: { 'content-type': file.type } });
  });
  vi.stubGlobal('caches', {
    open: async () => ({
      match: async (url: string) => stored.get(url)?.clone(),
      put: async (url: string, response: Response) => void stored.set(url, response),
    }),
  });
});
afterEach(() => vi.unstubAllGlobals());

const shard = Uint8Array.from({ length: 28 }, (_, i) => i);

describe('weights from the site, kept in this browser', () => {
  it('counts the bytes the shards hold, float16 at two per value', () => {
    expect(weightBytes(modelJson(1).weightsManifest[0].weights as never)).toBe(28);
    expect(weightBytes([{ name: 'x', shape: [10], dtype: 'float32', quantization: { dtype: 'float16' } }] as never)).toBe(20);
  });

  it('downloads with progress the first time, reads the cache the second, downloads again when the site changes', async () => {
    serve(modelJson(1), shard);
    const progress: number[] = [];
    const first = await loadModelWeights(MODEL, 'la base', (p) => progress.push(p.fraction));
    expect(first.origin).toBe('network');
    expect(first.metadata).toEqual({ weights: 'cifar10-6' });
    expect(new Uint8Array(first.artifacts.weightData as ArrayBuffer)).toEqual(shard);
    expect(first.artifacts.weightSpecs!.map((s) => s.name)).toEqual(['a/kernel', 'a/count']);
    expect(progress.at(-1)).toBe(1);

    downloads = [];
    const second = await loadModelWeights(MODEL, 'la base');
    expect(second.origin).toBe('cache');
    expect(downloads).toEqual(['model.json']); // only the revalidation of a few bytes
    expect(new Uint8Array(second.artifacts.weightData as ArrayBuffer)).toEqual(shard);

    serve(
      modelJson(2),
      shard.map((b) => 255 - b),
    );
    const changed = await loadModelWeights(MODEL, 'la base');
    expect(changed.origin).toBe('network');
    expect(new Uint8Array(changed.artifacts.weightData as ArrayBuffer)[0]).toBe(255);
  });

  it("uses this browser's copy when the site lacks the weights or cannot be reached, and says when neither has them", async () => {
    await expect(loadModelWeights(MODEL, 'EfficientNetB0')).rejects.toThrow(MissingWeightsError);
    await expect(loadModelWeights(MODEL, 'EfficientNetB0')).rejects.toThrow('Este sitio no tiene los pesos de EfficientNetB0');
    // A converted file kept under the site's address for those weights.
    const json = new TextEncoder().encode(JSON.stringify(modelJson(1)));
    expect(
      await cacheModelFiles(MODEL, [
        { path: 'model.json', bytes: json },
        { path: 'group1-shard1of1.bin', bytes: shard },
      ]),
    ).toBe(true);
    expect((await loadModelWeights(MODEL, 'EfficientNetB0')).origin).toBe('cache');
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect((await loadModelWeights(MODEL, 'EfficientNetB0')).origin).toBe('cache');
    stored.clear();
    await expect(loadModelWeights(MODEL, 'EfficientNetB0')).rejects.toThrow('no hay conexión con el sitio');
  });

  it('refuses a shard that is shorter than its manifest says', async () => {
    serve(modelJson(1), shard.subarray(0, 20));
    await expect(loadModelWeights(MODEL, 'la base')).rejects.toThrow('incompletos: 20 bytes de 28');
    expect(stored.size).toBe(0);
  });
});
