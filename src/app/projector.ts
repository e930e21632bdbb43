import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { sessionGet, sessionSet } from './sessionStore';

const STORAGE_KEY = 'proyector';

/**
 * Projector mode: larger type, stronger contrast, thicker chart lines. `proyector=1` in a
 * link turns it on (and `proyector=0` off); the choice then holds for the whole visit. Owned by
 * the layout, which shares it through ProjectorContext.
 */
export function useProjector(): [boolean, () => void] {
  const [params] = useSearchParams();
  const asked = params.get('proyector');
  const [on, setOn] = useState(() => asked === '1' || (asked !== '0' && sessionGet(STORAGE_KEY) === '1'));

  useEffect(() => {
    if (asked === '1' || asked === '0') setOn(asked === '1');
  }, [asked]);

  useEffect(() => {
    sessionSet(STORAGE_KEY, on ? '1' : '0');
    document.documentElement.classList.toggle('projector', on);
  }, [on]);

  const toggle = useCallback(() => setOn((v) => !v), []);
  return [on, toggle];
}

/** Whether the page is in projector mode, for parts below the layout that owns the state. */
export const ProjectorContext = createContext(false);

export function useProjectorOn(): boolean {
  return useContext(ProjectorContext);
}
