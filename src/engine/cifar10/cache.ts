/**
 * This browser's copy of CIFAR-10's files (Cache Storage), so a second visit reads them
 * without the network. Each file is kept under its address plus its SHA-256, so a new
 * version of the dataset on the site is never mistaken for the old one. Plain-http pages
 * on a LAN have no Cache Storage: there every visit downloads, as before.
 */
export interface FileCache {
  /** The kept copy of this version of the file, if any. */
  get(name: string, sha256: string): Promise<Response | undefined>;
  /** Keeps the file, replacing older versions; a full disk only means it is not kept. */
  put(name: string, sha256: string, bytes: Uint8Array): Promise<void>;
  /** Forgets every version of the file (a kept copy that turned out damaged). */
  remove(name: string): Promise<void>;
}

const CACHE_NAME = 'cifar10';

export async function openFileCache(baseUrl: string): Promise<FileCache | null> {
  if (typeof caches === 'undefined') return null;
  let cache: Cache;
  try {
    cache = await caches.open(CACHE_NAME);
  } catch {
    // Storage can be switched off (some private modes): then nothing is kept.
    return null;
  }
  const key = (name: string, sha256: string) => new URL(`${name}?sha256=${sha256}`, baseUrl).href;
  const remove = async (name: string) => {
    await cache.delete(new URL(name, baseUrl).href, { ignoreSearch: true }).catch(() => false);
  };
  return {
    get: (name, sha256) => cache.match(key(name, sha256)),
    async put(name, sha256, bytes) {
      await remove(name);
      const body = new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/octet-stream' } });
      // Over the storage quota the file is simply not kept: the next visit downloads it again.
      await cache.put(key(name, sha256), body).catch(() => undefined);
    },
    remove,
  };
}
