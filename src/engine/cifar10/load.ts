import { decodeSprite, parseLabels } from './decode';
import type { FileCache } from './cache';
import { IMAGE_BYTES, IMAGES_PER_FILE, TEST_IMAGES, TRAIN_IMAGES } from './classes';
import { cifar10 as say } from '../messages';

/** The whole dataset as bytes: 3072 per image (never floats), one label byte per image. */
export interface Cifar10Data {
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
}

export interface LoadProgress {
  /** 0 to 1 over downloading and decoding together. */
  fraction: number;
  /** Spanish, for the progress bar's label. */
  label: string;
}

/** Fetches a file of the dataset by name (the site's own origin in the browser, disk in tests). */
export type FileSource = (name: string, init?: RequestInit) => Promise<Response>;

/** The dataset's files on the site, under `baseUrl` (data/cifar10/ beside index.html). */
export const siteFiles =
  (baseUrl: string): FileSource =>
  (name, init) =>
    fetch(new URL(name, baseUrl), init);

export interface Manifest {
  source: string;
  files: Record<string, { bytes: number; sha256: string }>;
}

export const TRAIN_FILE_COUNT = TRAIN_IMAGES / IMAGES_PER_FILE;
const TRAIN_FILES = Array.from({ length: TRAIN_FILE_COUNT }, (_, i) => `data_batch_${i + 1}.png`);
export const TEST_FILE = 'test_batch.png';
export const TEST_LABELS = 'test_lables.json';

/** The files a load of `trainFiles` training files reads, images first. */
export function neededFiles(trainFiles: number): string[] {
  return [...TRAIN_FILES.slice(0, trainFiles), TEST_FILE, 'train_lables.json', TEST_LABELS];
}

/** A file from the site, refused in Spanish when it is missing. */
export async function fetchOk(source: FileSource, name: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await source(name, init);
  } catch (error) {
    throw new Error(say.unreachable(name, error));
  }
  if (!response.ok) throw new Error(say.missing(name, response.status));
  // Hosts with a single-page fallback answer a missing file with the app's index.html.
  if (response.headers.get('content-type')?.startsWith('text/html')) {
    throw new Error(say.missingHtml(name));
  }
  return response;
}

/**
 * Reads a response to the end into one buffer of the size the manifest promises (no list
 * of chunks to join, which would double the peak), reporting bytes as they arrive. More
 * bytes than promised mean a different file.
 */
async function readAll(response: Response, name: string, expected: number, onBytes: (n: number) => void): Promise<Uint8Array> {
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onBytes(bytes.length);
    return bytes;
  }
  const bytes = new Uint8Array(expected);
  const reader = response.body.getReader();
  let offset = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (offset + value.length > expected) {
      await reader.cancel();
      throw new Error(say.tooLong(name, expected));
    }
    bytes.set(value, offset);
    offset += value.length;
    onBytes(value.length);
  }
  return bytes.subarray(0, offset);
}

async function checkFile(name: string, bytes: Uint8Array, expected: Manifest['files'][string]): Promise<void> {
  if (bytes.length !== expected.bytes) throw new Error(say.wrongSize(name, bytes.length, expected.bytes));
  // Plain-http pages on a LAN have no Web Crypto; the size check above still holds there.
  if (!globalThis.crypto?.subtle) return;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  if (hex !== expected.sha256) throw new Error(say.wrongHash(name));
}

/**
 * The manifest: the site's, kept in this browser for the next visit; the kept one when the
 * site cannot be reached (a classroom that lost its connection).
 */
export async function readManifest(source: FileSource, cache: FileCache | null = null): Promise<Manifest> {
  let text: string;
  try {
    text = await (await fetchOk(source, 'manifest.json')).text();
    await cache?.put('manifest.json', '', new TextEncoder().encode(text));
  } catch (error) {
    const kept = await cache?.get('manifest.json', '');
    if (!kept) throw error;
    text = await kept.text();
  }
  let manifest: Manifest | null = null;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch {
    // Reported below with the other ways of being wrong.
  }
  if (!manifest?.files) throw new Error(say.badManifest);
  return manifest;
}

/**
 * One file of the dataset, checked against the manifest: this browser's copy when it has
 * one, the site's otherwise (then kept for next time). A damaged copy is forgotten, so
 * that retrying downloads it afresh. `onBytes` hears the bytes as they come.
 */
export async function readFile(
  name: string,
  manifest: Manifest,
  source: FileSource,
  cache: FileCache | null,
  onBytes: (n: number, fromCache: boolean) => void,
): Promise<Uint8Array> {
  const expected = manifest.files[name];
  const kept = await cache?.get(name, expected.sha256);
  const response = kept ?? (await fetchOk(source, name));
  try {
    const bytes = await readAll(response, name, expected.bytes, (n) => onBytes(n, kept !== undefined));
    await checkFile(name, bytes, expected);
    if (!kept) await cache?.put(name, expected.sha256, bytes);
    return bytes;
  } catch (error) {
    if (kept) await cache?.remove(name);
    throw error;
  }
}

/**
 * Downloads (or reads from `cache`), checks and decodes CIFAR-10. `trainFiles` (0–5) limits
 * how many of the five training files are read, for callers that need fewer images.
 */
export async function loadCifar10(
  source: FileSource,
  onProgress: (progress: LoadProgress) => void = () => {},
  trainFiles = TRAIN_FILE_COUNT,
  cache: FileCache | null = null,
): Promise<Cifar10Data> {
  const manifest = await readManifest(source, cache);
  const names = neededFiles(trainFiles);
  const spriteNames = names.filter((name) => name.endsWith('.png'));
  for (const name of names) if (!manifest.files[name]) throw new Error(say.notInManifest(name));
  const totalBytes = names.reduce((n, name) => n + manifest.files[name].bytes, 0);
  let received = 0;
  let decoded = 0;
  let failed = false;
  // Downloading counts for the first 70 % of the bar, decoding for the rest.
  const report = (label: string) =>
    failed || onProgress({ fraction: 0.7 * (received / totalBytes) + 0.3 * (decoded / spriteNames.length), label });

  const download = (name: string) =>
    readFile(name, manifest, source, cache, (n, fromCache) => {
      received += n;
      report(fromCache ? say.fromBrowser(received, totalBytes) : say.downloading(received, totalBytes));
    });
  const text = async (name: string) => new TextDecoder().decode(await download(name));

  const trainCount = trainFiles * IMAGES_PER_FILE;
  const trainImages = new Uint8Array(trainCount * IMAGE_BYTES);
  let testImages: Uint8Array | null = null;
  let trainLabels: Uint8Array;
  let testLabels: Uint8Array;
  try {
    trainLabels = parseLabels(await text('train_lables.json'), 'train_lables.json', TRAIN_IMAGES).slice(0, trainCount);
    testLabels = parseLabels(await text(TEST_LABELS), TEST_LABELS, TEST_IMAGES);
    // One file downloads while the previous one decodes: at most two compressed files and
    // one decoded file exist besides the final arrays, so memory stays near the bytes' size.
    let next = download(spriteNames[0]);
    for (const [i, name] of spriteNames.entries()) {
      const png = await next;
      if (i + 1 < spriteNames.length) {
        next = download(spriteNames[i + 1]);
        // Its failure is reported when it is awaited, not as an unhandled rejection now.
        next.catch(() => {});
      }
      report(say.decoding(name, i + 1, spriteNames.length));
      // Let the progress message out before the long synchronous decode.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const pixels = decodeSprite(png, name, IMAGES_PER_FILE);
      if (name === TEST_FILE) testImages = pixels;
      else trainImages.set(pixels, i * IMAGES_PER_FILE * IMAGE_BYTES);
      decoded += 1;
    }
  } catch (error) {
    // A download still running must not move the bar past the error the user reads.
    failed = true;
    throw error;
  }
  report(say.ready);
  return { trainImages, trainLabels, testImages: testImages!, testLabels };
}
