/**
 * sessionStorage that may be missing: inside another site's iframe a browser that blocks
 * third-party storage throws on any access. Then nothing is remembered, and nothing breaks.
 */
export function sessionGet(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Stores the value; false when this page may not store anything. */
export function sessionSet(key: string, value: string): boolean {
  try {
    sessionStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
