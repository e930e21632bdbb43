/**
 * The lab's one rule for Spanish numbers, shared by the page (src/ui/format.ts) and the engine's
 * messages (src/engine/messages.ts): decimal comma, and a point grouping every number of four
 * digits or more. es-ES leaves four-digit numbers ungrouped by default ("1000" but "10.000");
 * 'always' writes 1.000 and 50.000 alike.
 */

// Typed loosely because older TS libs lack the string form.
const ALWAYS_GROUP = { useGrouping: 'always' } as unknown as Intl.NumberFormatOptions;
const cache = new Map<string, Intl.NumberFormat>();

/** An es-ES formatter with these digit options and the lab's grouping, built once. */
export function spanishFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat('es-ES', { ...options, ...ALWAYS_GROUP });
    cache.set(key, format);
  }
  return format;
}
