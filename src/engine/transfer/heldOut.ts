/** How the student's images are split (no tfjs here: the page shows the counts). */

/** Images held out per class for validation: a fifth, at least one when the class has two or more. */
export function heldOutCount(images: number): number {
  return images < 2 ? 0 : Math.max(1, Math.round(images / 5));
}
