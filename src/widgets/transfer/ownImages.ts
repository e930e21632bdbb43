import * as Comlink from 'comlink';
import { useRef, useState } from 'react';
import type { SessionRef } from '../useEngineSession';
import { CLASS_COUNT } from './settings';

/**
 * The student's own images, in four classes: decoded here (centre-cropped squares of
 * OWN_IMAGE_SIDE pixels), handed to the worker, and versioned so each change is a new run.
 */

/** Enough detail for B3's 300×300 after resizing, a quarter of a megabyte per image at most. */
export const OWN_IMAGE_SIDE = 224;
/** Images per class the page keeps (decoded they take 150 KB each). */
export const MAX_PER_CLASS = 200;
/** Images per class a run needs: one to train and one to validate. */
export const MIN_PER_CLASS = 2;

/** An image file (or a camera frame) as RGB bytes: the centred square, resized to `side`. */
export async function decodeSquare(source: ImageBitmapSource, side = OWN_IMAGE_SIDE): Promise<Uint8Array> {
  const bitmap = await createImageBitmap(source);
  const crop = Math.min(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(bitmap, (bitmap.width - crop) / 2, (bitmap.height - crop) / 2, crop, crop, 0, 0, side, side);
  bitmap.close();
  const rgba = context.getImageData(0, 0, side, side).data;
  const rgb = new Uint8Array(side * side * 3);
  for (let i = 0; i < side * side; i++) rgb.set(rgba.subarray(i * 4, i * 4 + 3), i * 3);
  return rgb;
}

export interface OwnImages {
  /** Per class, the decoded images in the order they were added. */
  perClass: Uint8Array[][];
  /** The set the worker holds, a new number per change; 0 while it holds none usable (or is receiving one). */
  version: number;
  /** Every class has the two images a run needs (one to train, one to validate). */
  usable: boolean;
  error: string | null;
  busy: boolean;
  add(classIndex: number, sources: ImageBitmapSource[]): Promise<void>;
  clear(classIndex: number): void;
}

export function useOwnImages(session: SessionRef): OwnImages {
  const [perClass, setPerClass] = useState<Uint8Array[][]>(() => Array.from({ length: CLASS_COUNT }, () => []));
  const [version, setVersion] = useState(0);
  const versions = useRef(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const usable = perClass.every((images) => images.length >= MIN_PER_CLASS);

  /** The worker gets the set before the run that uses it is asked for. */
  const publish = async (next: Uint8Array[][]) => {
    setPerClass(next);
    // No run may start from the old set while the new one is on its way.
    setVersion(0);
    const remote = session.current;
    if (!remote || !next.every((images) => images.length >= MIN_PER_CLASS)) return;
    const count = next.reduce((n, images) => n + images.length, 0);
    const bytes = new Uint8Array(count * OWN_IMAGE_SIDE * OWN_IMAGE_SIDE * 3);
    const labels = new Uint8Array(count);
    let at = 0;
    next.forEach((images, label) =>
      images.forEach((image) => {
        bytes.set(image, at * image.length);
        labels[at++] = label;
      }),
    );
    await remote.setUserImages(Comlink.transfer({ side: OWN_IMAGE_SIDE, images: bytes, labels, classes: CLASS_COUNT }, [bytes.buffer]));
    setVersion(++versions.current);
  };

  const add = async (classIndex: number, sources: ImageBitmapSource[]) => {
    setBusy(true);
    setError(null);
    try {
      const decoded: Uint8Array[] = [];
      const refused: string[] = [];
      for (const source of sources) {
        try {
          decoded.push(await decodeSquare(source));
        } catch {
          refused.push(source instanceof File ? source.name : 'una imagen');
        }
      }
      if (refused.length > 0) setError(`No se pudieron leer como imágenes: ${refused.join(', ')}.`);
      const room = MAX_PER_CLASS - perClass[classIndex].length;
      if (decoded.length > room) setError(`Cada clase admite ${MAX_PER_CLASS} imágenes; se han añadido las primeras ${Math.max(0, room)}.`);
      await publish(perClass.map((images, i) => (i === classIndex ? [...images, ...decoded.slice(0, Math.max(0, room))] : images)));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const clear = (classIndex: number) => void publish(perClass.map((images, i) => (i === classIndex ? [] : images)));

  return { perClass, version, usable, error, busy, add, clear };
}
