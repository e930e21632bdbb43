import { useEffect, useRef, useState } from 'react';

/**
 * The throttling rule, page side. The engine decides how often updates cross from the
 * worker (src/engine/throttle.ts): about every animation frame on the CPU, and at most four
 * times a second on a GPU, where each read-back drains the queue of work. Readouts follow
 * every update. Charts redraw slowly (SVG, text measuring), so they follow a fast CPU run
 * through this hook only, never through an interval of their own: CHART_INTERVAL_MS, or
 * LARGE_CHART_INTERVAL_MS for charts with thousands of points or several runs merged.
 */
export const CHART_INTERVAL_MS = 250;
export const LARGE_CHART_INTERVAL_MS = 500;

/** The latest `value`, but changing at most once every `ms`. */
export function useThrottled<T>(value: T, ms = CHART_INTERVAL_MS): T {
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
