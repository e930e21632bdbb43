import { useState } from 'react';
import type { SessionRef } from './useEngineSession';

/** What the last action said: its result, or its error. */
export interface ActionNote {
  text: string;
  error: boolean;
}

/**
 * A button's action on the engine's model (save, load, download): «Un momento…» while it works,
 * then the Spanish sentence it returns, or its error. Nothing runs without an engine.
 */
export function useActionNote(session: SessionRef): [ActionNote | null, (what: () => Promise<string>) => void] {
  const [note, setNote] = useState<ActionNote | null>(null);
  const act = (what: () => Promise<string>) => {
    if (!session.current) return;
    setNote({ text: 'Un momento…', error: false });
    what().then(
      (text) => setNote({ text, error: false }),
      (error: unknown) => setNote({ text: error instanceof Error ? error.message : String(error), error: true }),
    );
  };
  return [note, act];
}
