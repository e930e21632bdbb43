import * as tf from '@tensorflow/tfjs';
import { tools as say } from './messages';

/** What one 3×3 filter does to one grey image: the feature map, ReLU, then 2×2 max pooling. */
export interface FeatureMaps {
  /** Side of the feature map (32 with 'same' padding and stride 1). */
  side: number;
  map: number[];
  relu: number[];
  pooledSide: number;
  pooled: number[];
}

export type Padding = 'same' | 'valid';

/**
 * Slides the kernel over the image exactly as a Conv2D layer does (cross-correlation: the
 * kernel is not flipped), then applies ReLU and MaxPooling2D(2×2, stride 2). Runs on the
 * active backend; every intermediate is read back in one transfer.
 */
export async function featureMaps(gray: number[], side: number, kernel: number[], stride: 1 | 2, padding: Padding): Promise<FeatureMaps> {
  if (gray.length !== side * side || kernel.length !== 9 || ![...gray, ...kernel].every(Number.isFinite)) {
    throw new Error(say.convolutionShape);
  }
  const [map, relu, pooled] = tf.tidy(() => {
    const image = tf.tensor4d(gray, [1, side, side, 1]);
    const filter = tf.tensor4d(kernel, [3, 3, 1, 1]);
    const featureMap = tf.conv2d(image, filter, stride, padding);
    const activated = tf.relu(featureMap);
    return [featureMap, activated, tf.maxPool(activated, 2, 2, 'valid')];
  });
  const joined = tf.concat([map.reshape([-1]), relu.reshape([-1]), pooled.reshape([-1])]);
  const data = Array.from(await joined.data());
  const mapSide = map.shape[1]!;
  const pooledSide = pooled.shape[1]!;
  tf.dispose([map, relu, pooled, joined]);
  const n = mapSide * mapSide;
  return { side: mapSide, map: data.slice(0, n), relu: data.slice(n, 2 * n), pooledSide, pooled: data.slice(2 * n) };
}
