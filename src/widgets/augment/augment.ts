import type { AugmentSpec } from '../../engine/protocol';
import type { TextField } from '../urlState';

/**
 * The augmentations on offer, as the URL names them, each a Keras preprocessing layer with
 * a modest factor: RandomFlip('horizontal'), RandomTranslation(0.1, 0.1) (up to 3 pixels),
 * RandomRotation(0.05) (up to ±18°) and RandomZoom(0.1).
 */
export const AUGMENTATIONS = ['flip', 'shift', 'rotate', 'zoom'] as const;
export type AugmentationName = (typeof AUGMENTATIONS)[number];
export const AUGMENTATION_LABELS: Record<AugmentationName, string> = {
  flip: 'Volteo horizontal',
  shift: 'Desplazamiento (±10 %)',
  rotate: 'Giro (±18°)',
  zoom: 'Zoom (±10 %)',
};
const AUGMENT_FACTORS = { shift: 0.1, rotate: 0.05, zoom: 0.1 } as const;

/** The comma list of the `augment` key, in its canonical order; null when it is not one. */
export function parseAugment(raw: string): AugmentationName[] | null {
  if (raw === '') return [];
  const names = raw.split(',');
  const known = (n: string): n is AugmentationName => (AUGMENTATIONS as readonly string[]).includes(n);
  if (!names.every(known) || new Set(names).size !== names.length) return null;
  return AUGMENTATIONS.filter((a) => names.includes(a));
}

/** The engine's AugmentSpec for a list of names; undefined when there are none. */
export function augmentSpec(names: readonly AugmentationName[]): AugmentSpec | undefined {
  if (names.length === 0) return undefined;
  const factor = (name: keyof typeof AUGMENT_FACTORS) => (names.includes(name) ? AUGMENT_FACTORS[name] : undefined);
  return { flip: names.includes('flip'), translate: factor('shift'), rotate: factor('rotate'), zoom: factor('zoom') };
}

/** The `augment` URL key (CIFAR-10 lab, transfer lab's phase 2), with `value` as its default. */
export function augmentField(value: string): TextField {
  return {
    kind: 'text',
    label: 'El aumento de datos',
    default: value,
    check: (raw) => (parseAugment(raw) ? null : `debe ser una lista separada por comas de: ${AUGMENTATIONS.join(', ')}`),
  };
}
