import { useEffect, useRef, useState } from 'react';

/**
 * The latest `value`, but changing at most once every `ms`. Charts redraw slowly (SVG,
 * text measuring), so they follow a fast run a few times a second while readouts keep up.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const lastShown = useRef(0);
  useEffect(() => {
    const show = () => {
      lastShown.current = performance.now();
      setShown(value);
    };
    const wait = lastShown.current + ms - performance.now();
    if (wait <= 0) {
      show();
      return;
    }
    // A newer value cancels this timer and schedules itself for the same moment.
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}
