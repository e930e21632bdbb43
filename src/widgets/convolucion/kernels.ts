/** 3×3 kernels to start from, row-major, with what each one looks for. */
export const KERNELS = {
  borde_horizontal: {
    label: 'Borde horizontal',
    values: [0, 0, 0, -1, -1, -1, 1, 1, 1],
    note: 'fila de abajo menos esta fila: brilla donde lo oscuro pasa a claro al bajar',
  },
  borde_vertical: {
    label: 'Borde vertical',
    values: [0, -1, 1, 0, -1, 1, 0, -1, 1],
    note: 'columna de la derecha menos esta: brilla donde lo oscuro pasa a claro hacia la derecha',
  },
  desenfoque: {
    label: 'Desenfoque',
    values: [1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    note: 'la media de los 9 vecinos: suaviza',
  },
  realce: {
    label: 'Realce (nitidez)',
    values: [0, -1, 0, -1, 5, -1, 0, -1, 0],
    note: 'el píxel por 5 menos sus 4 vecinos: marca los detalles',
  },
  identidad: { label: 'Identidad', values: [0, 0, 0, 0, 1, 0, 0, 0, 0], note: 'solo el centro: devuelve la imagen tal cual' },
} as const;

export type KernelName = keyof typeof KERNELS;

/** The preset these nine numbers are, if any. */
export function presetOf(values: readonly number[]): KernelName | null {
  const match = Object.entries(KERNELS).find(([, k]) => k.values.every((v, i) => Math.abs(v - values[i]) < 1e-9));
  return (match?.[0] as KernelName | undefined) ?? null;
}

/** The largest weight a filter may hold, either sign: larger ones only saturate the colours. */
export const KERNEL_LIMIT = 100;

export function parseKernel(raw: string): number[] | null {
  const values = raw.split(',').map((v) => Number(v.trim()));
  return values.length === 9 && values.every((v) => Number.isFinite(v) && Math.abs(v) <= KERNEL_LIMIT) ? values : null;
}

/** Side of the synthetic step image: rows 0–15 black, 16–31 white, like a CIFAR-10 image. */
export const STEP_SIDE = 32;
export function stepImage(): number[] {
  return Array.from({ length: STEP_SIDE * STEP_SIDE }, (_, i) => (Math.floor(i / STEP_SIDE) >= STEP_SIDE / 2 ? 1 : 0));
}

/** Luminance (ITU-R BT.601, as most image libraries use) of RGB bytes, in [0, 1]. */
export function toGray(rgb: Uint8Array): number[] {
  const gray: number[] = [];
  for (let i = 0; i < rgb.length; i += 3) gray.push((0.299 * rgb[i] + 0.587 * rgb[i + 1] + 0.114 * rgb[i + 2]) / 255);
  return gray;
}
