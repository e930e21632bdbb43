import * as tf from '@tensorflow/tfjs';
import type { BackendWatch } from '../backends';

/**
 * Brings every requested tensor (scalars or vectors) to main memory in one device→host
 * transfer: on a GPU each read drains the queue of work, so an update reads once. Returns
 * each request's values in order; every requested tensor is disposed.
 */
export async function readTogether(requests: tf.Tensor[][], watch: BackendWatch): Promise<Float32Array[][]> {
  const tensors = requests.flat();
  if (tensors.length === 0) return requests.map(() => []);
  const scalars = tensors.filter((t) => t.rank === 0);
  const vectors = tensors.filter((t) => t.rank !== 0);
  // One op for every scalar, one more to join them to the vectors.
  const parts = [...(scalars.length > 0 ? [tf.stack(scalars)] : []), ...vectors];
  const flat = parts.length === 1 ? parts[0] : tf.concat(parts);
  let data: Float32Array;
  try {
    // A lost WebGPU device may never answer; the watch ends the wait.
    data = (await Promise.race([flat.data(), watch.whenLost])) as Float32Array;
  } finally {
    tf.dispose([flat, ...parts, ...tensors]);
  }
  // A lost WebGL context reads back zeros: never trust a read from a dead backend.
  const lost = watch.lost();
  if (lost) throw new Error(lost);
  let scalarAt = 0;
  let vectorAt = scalars.length;
  return requests.map((request) =>
    request.map((t) => {
      if (t.rank === 0) return data.subarray(scalarAt, ++scalarAt);
      vectorAt += t.size;
      return data.subarray(vectorAt - t.size, vectorAt);
    }),
  );
}
