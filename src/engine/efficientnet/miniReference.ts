import * as tf from '@tensorflow/tfjs';

/**
 * The parity check between PyTorch and tfjs for the mini base: a few images and the pooled
 * features PyTorch computed for them. scripts/pretrain-mini writes it beside the weights;
 * mini.test.ts keeps checking the committed weights against it.
 */

export interface MiniReference {
  /** Images, height, width, channels. */
  shape: [number, number, number, number];
  /** 0–255 RGB bytes, HWC, base64. */
  inputs: string;
  /** GlobalAveragePooling2D of the base, one row per image. */
  features: number[][];
}

/** The model's features for the reference images, flattened, pooled as the transfer head pools them. */
export function pooledFeatures(model: tf.LayersModel, reference: MiniReference): Float32Array {
  const bytes = Uint8Array.from(atob(reference.inputs), (c) => c.charCodeAt(0));
  return tf.tidy(() => {
    const images = tf.tensor4d(Float32Array.from(bytes), reference.shape);
    const output = model.predict(images) as tf.Tensor4D;
    return tf.mean(output, [1, 2]).dataSync() as Float32Array;
  });
}
