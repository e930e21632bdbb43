import * as Comlink from 'comlink';
import { useEffect, useState } from 'react';
import type { EngineSession, LoadProgress } from '../engine/protocol';
import type { SessionRef } from './useEngineSession';

export type LoadState<T> =
  { status: 'loading'; progress: LoadProgress } | { status: 'ready'; value: T } | { status: 'error'; message: string };

const START = { status: 'loading', progress: { fraction: 0, label: 'Preparando la descarga' } } as const;

/**
 * Something the worker loads with progress (a dataset, a base's weights): loaded again when
 * `key` changes, retried on demand, and skipped while `key` is null.
 */
export function useRemoteLoad<T>(
  session: SessionRef,
  key: string | null,
  load: (remote: Comlink.Remote<EngineSession>, onProgress: (progress: LoadProgress) => void) => Promise<T>,
): [LoadState<T>, () => void] {
  const [state, setState] = useState<LoadState<T>>(START);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const remote = session.current;
    if (!remote || key === null) return;
    let live = true;
    setState(START);
    const onProgress = (progress: LoadProgress) => {
      if (live) setState((s) => (s.status === 'loading' ? { status: 'loading', progress } : s));
    };
    load(remote, Comlink.proxy(onProgress))
      .then((value) => live && setState({ status: 'ready', value }))
      .catch((error: unknown) => live && setState({ status: 'error', message: error instanceof Error ? error.message : String(error) }));
    return () => {
      live = false;
    };
    // `load` is a fresh closure each render; `key` says when it means something new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, key, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}
