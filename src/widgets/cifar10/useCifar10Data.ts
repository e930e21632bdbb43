import * as Comlink from 'comlink';
import { useEffect, useState } from 'react';
import type { LoadProgress } from '../../engine/cifar10/load';
import type { SessionRef } from '../useEngineSession';

export type DataState =
  | { status: 'loading'; progress: LoadProgress }
  | { status: 'ready'; train: number; test: number }
  | { status: 'error'; message: string };

const START: DataState = { status: 'loading', progress: { fraction: 0, label: 'Preparando la descarga' } };

/**
 * Loads CIFAR-10 into the widget's worker (once; runs share it) with progress, and lets a
 * failed load be retried.
 */
export function useCifar10Data(session: SessionRef): [DataState, () => void] {
  const [state, setState] = useState<DataState>(START);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const remote = session.current;
    if (!remote) return;
    let live = true;
    setState(START);
    // The site's own copy, beside index.html, under whatever sub-path it is served from.
    const base = new URL('data/cifar10/', document.baseURI).href;
    const onProgress = (progress: LoadProgress) => {
      if (live) setState({ status: 'loading', progress });
    };
    remote
      .loadCifar10(base, Comlink.proxy(onProgress))
      .then(({ train, test }) => live && setState({ status: 'ready', train, test }))
      .catch((error: unknown) => live && setState({ status: 'error', message: error instanceof Error ? error.message : String(error) }));
    return () => {
      live = false;
    };
  }, [session, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}
