import type * as tf from '@tensorflow/tfjs';
import type { EfficientNetBlock } from './build';
import { KerasBatchNormalization } from './layers';

/**
 * Freezes the EfficientNet base and unfreezes only its last `k` blocks (0: all frozen,
 * as in the first phase of transfer learning; blocks.length or more: all unfrozen).
 *
 * BatchNormalization layers stay frozen whatever `k` is, as in Keras's fine-tuning guide:
 * a frozen KerasBatchNormalization runs in inference mode, so its moving mean and variance
 * keep their ImageNet values and a small fine-tuning batch cannot wreck them.
 *
 * `model` is the base itself or any model that contains the base's layers under their names
 * (a head built on `base.outputs`); layers outside the blocks are left as they are.
 */
export function setTrainableBlocks(model: tf.LayersModel, blocks: readonly EfficientNetBlock[], k: number): void {
  const firstUnfrozen = blocks.length - Math.max(0, Math.min(k, blocks.length));
  blocks.forEach((block, i) => {
    for (const name of block.layers) {
      const layer = model.getLayer(name);
      layer.trainable = i >= firstUnfrozen && !(layer instanceof KerasBatchNormalization);
    }
  });
}
