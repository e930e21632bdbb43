import { openFileCache, type FileCache } from './cache';
import { CIFAR10_CLASSES, IMAGE_BYTES, TEST_IMAGES } from './classes';
import { parseLabels } from './decode';
import { fetchOk, readFile, readManifest, siteFiles, TEST_FILE, TEST_LABELS, type FileSource } from './load';
import { readFirstRows } from './rows';

/** A few official test images with their classes (0–9), for a gallery of the data. */
export interface Cifar10Sample {
  /** Their rows in the test file. */
  indices: number[];
  labels: number[];
  /** 3072 RGB bytes each. */
  images: Uint8Array[];
}

/** The first `perClass` test images of each class, class by class. */
export function sampleIndices(labels: Uint8Array, perClass: number): number[] {
  return CIFAR10_CLASSES.flatMap((_, c) => {
    const found: number[] = [];
    for (let i = 0; i < labels.length && found.length < perClass; i++) if (labels[i] === c) found.push(i);
    return found;
  });
}

/**
 * The gallery's images read from the start of the test file: this browser's copy when it
 * has one, otherwise only the bytes up to the last row needed (a range request, and the
 * download is cut there even where the server sends the whole file).
 */
export async function loadSample(source: FileSource, cache: FileCache | null, perClass: number): Promise<Cifar10Sample> {
  const manifest = await readManifest(source, cache);
  const labels = parseLabels(
    new TextDecoder().decode(await readFile(TEST_LABELS, manifest, source, cache, () => {})),
    TEST_LABELS,
    TEST_IMAGES,
  );
  const indices = sampleIndices(labels, perClass);
  const rows = Math.max(...indices) + 1;
  // Deflate never grows data by more than a few bytes per block: this always holds the rows.
  const bound = 1024 + Math.ceil(rows * (IMAGE_BYTES + 1) * 1.01);
  const response =
    (await cache?.get(TEST_FILE, manifest.files[TEST_FILE].sha256)) ??
    (await fetchOk(source, TEST_FILE, { headers: { Range: `bytes=0-${bound - 1}` } }));
  const pixels = await readFirstRows(response, rows, IMAGE_BYTES, TEST_FILE);
  return {
    indices,
    labels: indices.map((i) => labels[i]),
    images: indices.map((i) => pixels.slice(i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES)),
  };
}

/** The sample from the site at `baseUrl` (data/cifar10/), through this browser's copy. */
export async function cifar10Sample(baseUrl: string, perClass: number): Promise<Cifar10Sample> {
  return loadSample(siteFiles(baseUrl), await openFileCache(baseUrl), perClass);
}
