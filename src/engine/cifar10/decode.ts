import { decode } from 'fast-png';
import { IMAGE_BYTES } from './classes';
import { cifar10 as say } from '../messages';

/**
 * The package stores 10,000 images per PNG: 1024 RGB pixels per row, one image per row,
 * pixels in row-major HWC order. Decoding yields exactly the bytes the images need.
 */
export function decodeSprite(png: Uint8Array, name: string, rows: number): Uint8Array {
  let image;
  try {
    image = decode(png);
  } catch (error) {
    throw new Error(say.notPng(name, error));
  }
  if (image.width * image.channels !== IMAGE_BYTES || image.channels !== 3 || image.depth !== 8 || image.height !== rows) {
    throw new Error(say.notSprite(name, image, rows));
  }
  return image.data as Uint8Array;
}

/** Labels are a JSON array of integers 0–9, one per image row. */
export function parseLabels(text: string, name: string, count: number): Uint8Array {
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch {
    throw new Error(say.notJson(name));
  }
  if (!Array.isArray(values) || values.length !== count || values.some((v) => !Number.isInteger(v) || v < 0 || v > 9)) {
    throw new Error(say.labelCount(name, count));
  }
  return Uint8Array.from(values as number[]);
}
