import { sessionGet, sessionSet } from './sessionStore';

/**
 * After a deploy, a tab left open (on the projector, say) still runs the old build and asks for
 * lazy chunks whose hashed names no longer exist. Vite reports that as `vite:preloadError`; a
 * reload fetches the new build and keeps the URL, so the page comes back as it was linked.
 */

const STORAGE_KEY = 'recarga-por-version-nueva';

export interface StaleChunkDeps {
  /** Names this build (the entry chunk's URL carries its content hash). */
  build: string;
  storage: { get(key: string): string | null; set(key: string, value: string): boolean };
  reload(): void;
}

/**
 * Reloads once per build: if the build that reloaded fails again, the chunk is really missing
 * (not merely renamed), so the error is left to the page's error panel instead of looping.
 * Where nothing can be stored, a reload could not be counted, so there is none. Returns
 * whether it reloaded.
 */
export function reloadForStaleChunk({ build, storage, reload }: StaleChunkDeps): boolean {
  if (storage.get(STORAGE_KEY) === build || !storage.set(STORAGE_KEY, build)) return false;
  reload();
  return true;
}

/** Installs the handler for the page's lifetime. */
export function handleStaleChunks(build: string): void {
  window.addEventListener('vite:preloadError', () => {
    reloadForStaleChunk({ build, storage: { get: sessionGet, set: sessionSet }, reload: () => window.location.reload() });
  });
}
