import { roundFilters, VARIANTS, type EfficientNetScaling } from '../efficientnet/config';
import { MINI_VARIANT } from '../efficientnet/mini';
import type { TransferBase } from '../spec';

/** The transfer bases' facts the page needs too (no tfjs here). */

export const BASE_SCALING: Record<TransferBase, EfficientNetScaling> = { b0: VARIANTS.b0, b3: VARIANTS.b3, mini: MINI_VARIANT };

/** The notebook's head after the pooling: Dense(128, relu) → Dense(256, relu) → Dense(classes, softmax). */
export const HEAD_UNITS = [128, 256] as const;

/** Channels the base hands the head: 1280 for B0, 1536 for B3. */
export function baseFeatures(base: TransferBase): number {
  return roundFilters(1280, BASE_SCALING[base].widthCoefficient);
}

/** The head's parameters: those that train in phase 1 (198,020 on B0 with 4 classes; 230,788 on B3). */
export function headParams(base: TransferBase, classes: number): number {
  const sizes = [baseFeatures(base), ...HEAD_UNITS, classes];
  return sizes.slice(1).reduce((n, units, i) => n + sizes[i] * units + units, 0);
}

/** Side of the square images the base takes: 224 for B0, 300 for B3, 32 for mini. */
export function baseResolution(base: TransferBase): number {
  return BASE_SCALING[base].resolution;
}
