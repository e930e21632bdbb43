import { useLayoutEffect, useRef, useState } from 'react';

export interface Size {
  width: number;
  height: number;
  /** The element's font size in pixels: tick labels are sized from it without measuring text. */
  fontSize: number;
}

/**
 * The element's content size, kept current by a ResizeObserver: the chart reads its box once
 * per resize, never while it redraws, so a live update does no layout work.
 */
export function useSize<T extends HTMLElement>(): [React.RefObject<T | null>, Size] {
  const ref = useRef<T>(null);
  const [size, setSize] = useState<Size>({ width: 0, height: 0, fontSize: 13 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const read = (width: number, height: number) => {
      const fontSize = parseFloat(getComputedStyle(element).fontSize) || 13;
      setSize((old) => (old.width === width && old.height === height && old.fontSize === fontSize ? old : { width, height, fontSize }));
    };
    const box = element.getBoundingClientRect();
    read(Math.round(box.width), Math.round(box.height));
    const observer = new ResizeObserver(([entry]) => read(Math.round(entry.contentRect.width), Math.round(entry.contentRect.height)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}
