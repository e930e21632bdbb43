import { decode } from 'fast-png';
import { IMAGE_BYTES } from './classes';

/**
 * The package stores 10,000 images per PNG: 1024 RGB pixels per row, one image per row,
 * pixels in row-major HWC order. Decoding yields exactly the bytes the images need.
 */
export function decodeSprite(png: Uint8Array, name: string, rows: number): Uint8Array {
  let image;
  try {
    image = decode(png);
  } catch (error) {
    throw new Error(`El archivo ${name} no es un PNG válido (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (image.width * image.channels !== IMAGE_BYTES || image.channels !== 3 || image.depth !== 8 || image.height !== rows) {
    throw new Error(
      `El archivo ${name} no tiene la forma de CIFAR-10: mide ${image.width}×${image.height} con ${image.channels} canales de ${image.depth} bits; se esperaban 1024×${rows} en RGB de 8 bits.`,
    );
  }
  return image.data as Uint8Array;
}

/** Labels are a JSON array of integers 0–9, one per image row. */
export function parseLabels(text: string, name: string, count: number): Uint8Array {
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch {
    throw new Error(`El archivo ${name} no es JSON válido.`);
  }
  if (!Array.isArray(values) || values.length !== count || values.some((v) => !Number.isInteger(v) || v < 0 || v > 9)) {
    throw new Error(`El archivo ${name} debe tener ${count} etiquetas enteras entre 0 y 9.`);
  }
  return Uint8Array.from(values as number[]);
}
