import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

const STORAGE_KEY = 'proyector';

/**
 * Projector mode: larger type, stronger contrast, thicker chart lines. `proyector=1` in a
 * link turns it on (and `proyector=0` off); the choice then holds for the whole visit.
 */
export function useProjector(): [boolean, () => void] {
  const [params] = useSearchParams();
  const asked = params.get('proyector');
  const [on, setOn] = useState(() => asked === '1' || (asked !== '0' && sessionStorage.getItem(STORAGE_KEY) === '1'));

  useEffect(() => {
    if (asked === '1' || asked === '0') setOn(asked === '1');
  }, [asked]);

  useEffect(() => {
    sessionStorage.setItem(STORAGE_KEY, on ? '1' : '0');
    document.documentElement.classList.toggle('projector', on);
  }, [on]);

  const toggle = useCallback(() => setOn((v) => !v), []);
  return [on, toggle];
}
