import * as Comlink from 'comlink';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { EngineSession } from '../engine/protocol';

export type SessionRef = RefObject<Comlink.Remote<EngineSession> | null>;

export interface EngineWorker {
  worker: Worker;
  remote: Comlink.Remote<EngineSession>;
  /** Releases the proxy and ends the worker (and everything it holds). */
  close(): void;
}

/** The one place the page starts the engine's worker (the only page import of src/engine that is not protocol.ts). */
export function openEngineWorker(): EngineWorker {
  const worker = new Worker(new URL('../engine/worker.ts', import.meta.url), { type: 'module' });
  const remote = Comlink.wrap<EngineSession>(worker);
  return {
    worker,
    remote,
    close: () => {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

/**
 * A dedicated engine worker for the lifetime of a widget. Bumps `generation` when it goes,
 * so late answers from the old worker are ignored. If the worker crashes, the error is
 * thrown during render: the widget's error boundary shows a Spanish panel, and its
 * "Reintentar" remounts the widget with a fresh worker. Disabled, it makes no worker (the
 * caller shares another's).
 */
export function useEngineSession(generation: { current: number }, enabled = true): SessionRef {
  const session = useRef<Comlink.Remote<EngineSession> | null>(null);
  const [crash, setCrash] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const { worker, remote, close } = openEngineWorker();
    session.current = remote;
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      setCrash(
        `El proceso de cálculo (Web Worker) falló: ${event.message || 'error desconocido'}. Lo entrenado en este widget se ha perdido.`,
      );
    });
    return () => {
      generation.current += 1;
      session.current = null;
      close();
    };
  }, [generation, enabled]);
  if (crash) throw new Error(crash);
  return session;
}
