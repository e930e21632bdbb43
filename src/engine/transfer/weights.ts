import type * as tf from '@tensorflow/tfjs';
import type { LoadProgress } from '../cifar10/load';
import type { ModelFile } from '../efficientnet/files';
import { concatBytes } from '../bytes';
import { weights as say } from '../messages';

/**
 * Converted weights (tfjs layers files: model.json and binary shards) fetched from the site's
 * own origin with progress, and kept in this browser's Cache Storage: a second visit reads
 * them from disk, and a file the student converted here is found there too, offline.
 */

export interface LoadedWeights {
  artifacts: tf.io.ModelArtifacts;
  /** 'network': downloaded now; 'cache': this browser's copy (an earlier visit, or a file converted here). */
  origin: 'network' | 'cache';
  /** The model.json's userDefinedMetadata (`weights: 'imagenet'`, its source, …). */
  metadata: Record<string, unknown>;
  bytes: number;
}

/** The site has no such weights, and this browser has no copy of them. */
export class MissingWeightsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingWeightsError';
  }
}

export const WEIGHTS_CACHE = 'pesos-de-modelos';

interface ModelJson {
  modelTopology: tf.io.ModelArtifacts['modelTopology'];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  userDefinedMetadata?: Record<string, unknown>;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

const BYTES_PER: Record<string, number> = { float32: 4, int32: 4, bool: 1, float16: 2, uint16: 2, uint8: 1 };

/** Bytes the shards hold for these weights (quantised ones at their stored size). */
export function weightBytes(specs: tf.io.WeightsManifestEntry[]): number {
  return specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1) * BYTES_PER[s.quantization?.dtype ?? s.dtype], 0);
}

async function openCache(): Promise<Cache | null> {
  // Cache Storage exists only in secure contexts (https, localhost) and not in Node.
  if (typeof caches === 'undefined') return null;
  try {
    return await caches.open(WEIGHTS_CACHE);
  } catch {
    return null;
  }
}

/** The model.json as the site serves it now: its text, 'missing', or null when the site cannot be reached. */
async function fetchModelJson(url: string): Promise<{ text: string } | 'missing' | null> {
  let response: Response;
  try {
    // Revalidated every time: a few kilobytes that say whether the cached shards are current.
    response = await fetch(url, { cache: 'no-cache' });
  } catch {
    return null;
  }
  // Hosts with a single-page fallback answer a missing file with the app's index.html.
  if (!response.ok || response.headers.get('content-type')?.startsWith('text/html')) return 'missing';
  const text = await response.text();
  return parse(text) ? { text } : 'missing';
}

function parse(text: string): ModelJson | null {
  try {
    const json = JSON.parse(text) as ModelJson;
    return json.modelTopology && Array.isArray(json.weightsManifest) ? json : null;
  } catch {
    return null;
  }
}

const shardUrls = (json: ModelJson, modelUrl: string) => json.weightsManifest.flatMap((g) => g.paths.map((p) => new URL(p, modelUrl).href));

async function readBody(response: Response, onBytes: (n: number) => void): Promise<Uint8Array> {
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onBytes(bytes.length);
    return bytes;
  }
  const chunks: Uint8Array[] = [];
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    onBytes(value.length);
  }
  return concatBytes(chunks);
}

/**
 * The weights at `modelUrl` (a model.json on the site): from this browser's cache when it
 * holds what the site serves (or the site is unreachable or lacks them), downloaded
 * otherwise and then cached whole. `name` labels the progress ("EfficientNetB0").
 */
export async function loadModelWeights(
  modelUrl: string,
  name: string,
  onProgress: (p: LoadProgress) => void = () => {},
): Promise<LoadedWeights> {
  onProgress({ fraction: 0, label: say.looking(name) });
  const cache = await openCache();
  const [served, cachedResponse] = await Promise.all([fetchModelJson(modelUrl), cache?.match(modelUrl)]);
  const cachedText = cachedResponse ? await cachedResponse.text() : null;
  const useCache = cachedText !== null && (served === null || served === 'missing' || served.text === cachedText);
  if (useCache) {
    const fromCache = await readCached(cache!, cachedText, modelUrl, name, onProgress);
    if (fromCache) return fromCache;
  }
  if (served === null) throw new MissingWeightsError(say.offline(name));
  if (served === 'missing') throw new MissingWeightsError(say.absent(name));
  return download(cache, served.text, modelUrl, name, onProgress);
}

async function readCached(
  cache: Cache,
  text: string,
  modelUrl: string,
  name: string,
  onProgress: (p: LoadProgress) => void,
): Promise<LoadedWeights | null> {
  const json = parse(text);
  if (!json) return null;
  const shards: Uint8Array[] = [];
  for (const url of shardUrls(json, modelUrl)) {
    const response = await cache.match(url);
    if (!response) return null; // an incomplete copy: download again
    shards.push(new Uint8Array(await response.arrayBuffer()));
  }
  const weightData = concatBytes(shards);
  if (weightData.length !== weightBytes(json.weightsManifest.flatMap((g) => g.weights))) return null;
  onProgress({ fraction: 1, label: say.fromBrowser(name) });
  return { artifacts: toArtifacts(json, weightData), origin: 'cache', metadata: json.userDefinedMetadata ?? {}, bytes: weightData.length };
}

async function download(
  cache: Cache | null,
  text: string,
  modelUrl: string,
  name: string,
  onProgress: (p: LoadProgress) => void,
): Promise<LoadedWeights> {
  const json = parse(text)!;
  const total = weightBytes(json.weightsManifest.flatMap((g) => g.weights));
  let received = 0;
  const report = () => onProgress({ fraction: Math.min(1, received / total), label: say.downloading(name, received, total) });
  report();
  const shards: Uint8Array[] = [];
  for (const url of shardUrls(json, modelUrl)) {
    let response: Response;
    try {
      response = await fetch(url);
    } catch (error) {
      throw new Error(say.unreachable(url.split('/').pop()!, error));
    }
    if (!response.ok || response.headers.get('content-type')?.startsWith('text/html')) {
      throw new Error(say.missingShard(url.split('/').pop()!, name));
    }
    shards.push(
      await readBody(response, (n) => {
        received += n;
        report();
      }),
    );
  }
  const weightData = concatBytes(shards);
  if (weightData.length !== total) throw new Error(say.incomplete(name, weightData.length, total));
  if (cache) await storeModelFiles(cache, modelUrl, text, shards);
  return {
    artifacts: toArtifacts(json, weightData),
    origin: 'network',
    metadata: json.userDefinedMetadata ?? {},
    bytes: weightData.length,
  };
}

/** Shards first, model.json last: a copy without its model.json is never taken for complete. */
async function storeModelFiles(cache: Cache, modelUrl: string, text: string, shards: Uint8Array[]): Promise<boolean> {
  // Stored as served, so the next visit can tell by comparing texts that the copy is current.
  const urls = shardUrls(parse(text)!, modelUrl);
  try {
    await Promise.all(
      urls.map((url, i) =>
        cache.put(url, new Response(shards[i] as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/octet-stream' } })),
      ),
    );
    await cache.put(modelUrl, new Response(text, { headers: { 'content-type': 'application/json' } }));
    return true;
  } catch {
    // A full disk (quota) only costs the next visit a download.
    return false;
  }
}

/** Keeps converted files (a student's .h5) in the cache under the site's own address for those weights. */
export async function cacheModelFiles(modelUrl: string, files: ModelFile[]): Promise<boolean> {
  const cache = await openCache();
  const modelJson = files.find((f) => f.path === 'model.json');
  if (!cache || !modelJson) return false;
  const text = new TextDecoder().decode(modelJson.bytes);
  const shards = shardUrls(parse(text)!, modelUrl).map((url) => files.find((f) => new URL(f.path, modelUrl).href === url)!.bytes);
  return storeModelFiles(cache, modelUrl, text, shards);
}

function toArtifacts(json: ModelJson, weightData: Uint8Array): tf.io.ModelArtifacts {
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    userDefinedMetadata: json.userDefinedMetadata as tf.io.ModelArtifacts['userDefinedMetadata'],
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength) as ArrayBuffer,
  };
}
