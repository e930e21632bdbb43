/** Exercise C (BRIEF.md): six points in the plane, two classes. */
export const EXERCISE_POINTS: readonly { x: number; y: number; c: 0 | 1 }[] = [
  { x: 1, y: 1, c: 0 },
  { x: 2, y: 1, c: 0 },
  { x: 3, y: 2, c: 0 },
  { x: 4, y: 5, c: 1 },
  { x: 5, y: 7, c: 1 },
  { x: 6, y: 9, c: 1 },
];

/** The notebook's random start, lr 0.05 and 2000 epochs. */
export const PUNTOS_NOTEBOOK = { w0: [-0.04149994, 1.2491224], b0: 0, lr: 0.05, epochs: 2000 } as const;
