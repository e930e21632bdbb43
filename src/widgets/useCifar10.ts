import { useRemoteLoad, type LoadState } from './useRemoteLoad';
import type { SessionRef } from './useEngineSession';

export type Cifar10State = LoadState<{ train: number; test: number }>;

/**
 * CIFAR-10 loaded into a widget's worker, with progress and a retry: the site's own copy,
 * beside index.html, under whatever sub-path the site is served from. `trainFiles` says how
 * many training files the widget needs ('all', or 0 for the test images alone); null skips
 * the load (the transfer widget on the student's own images).
 */
export function useCifar10(session: SessionRef, trainFiles: number | 'all' | null): [Cifar10State, () => void] {
  return useRemoteLoad(session, trainFiles === null ? null : `cifar10:${trainFiles}`, (remote, onProgress) =>
    remote.loadCifar10(
      new URL('data/cifar10/', document.baseURI).href,
      onProgress,
      trainFiles === 'all' ? undefined : (trainFiles ?? undefined),
    ),
  );
}
