import type { RunSpec } from '..';
import { rectaSpec } from '../../widgets/recta/exercise';

/** Exercise A exactly as the recta widget runs it, on Node's cpu backend. */
export function recta(overrides: Partial<RunSpec> = {}): RunSpec {
  return { ...rectaSpec(), backend: 'cpu', ...overrides };
}
