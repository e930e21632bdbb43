import * as tf from '@tensorflow/tfjs';
// Normalization, ChannelRescaling and KerasBatchNormalization must be registered to load a saved network.
import '../efficientnet/layers';
import type { ModelNeeds } from '../backends';
import { persistence as say } from '../messages';
import type { SavedMetadata } from '../persistence';
import { imageBatch } from './images';

/**
 * "Usar mi modelo": a transfer network the student trained and saved (base and head, pixels
 * in, class probabilities out), loaded back from this browser or from its downloaded zip,
 * judging new photos. Its model.json carries the class names (SavedMetadata `names`).
 */

/** What a saved transfer model tells the page once loaded. */
export interface ClassifierInfo {
  names: string[];
  /** Side of the square images the network takes. */
  resolution: number;
  params: number;
}

export class SavedClassifier {
  /** What the backend choice weighs: a convolutional network far above the tiny-model threshold. */
  static readonly needs: ModelNeeds = { params: 1_000_000, convolution: true };
  private model: tf.LayersModel | null = null;

  /** Loads a saved transfer model (see persistence.savedModelSource) in place of the previous one. */
  async load(source: string | tf.io.IOHandler): Promise<ClassifierInfo> {
    const model = await tf.loadLayersModel(source);
    const names = (model.getUserDefinedMetadata() as SavedMetadata | undefined)?.names;
    const classes = model.outputs[0].shape.at(-1);
    const resolution = model.inputs[0].shape[1];
    if (!Array.isArray(names) || names.length !== classes || typeof resolution !== 'number') {
      model.dispose();
      throw new Error(say.notTransferModel);
    }
    this.dispose();
    this.model = model;
    return { names, resolution, params: model.countParams() };
  }

  /**
   * Class probabilities of `count` square RGB images of `side` pixels (row-major HWC bytes),
   * resized to the network's input exactly as the training images were.
   */
  async classify(images: Uint8Array, side: number): Promise<number[][]> {
    const model = this.model;
    if (!model) throw new Error(say.noClassifier);
    const count = images.length / (side * side * 3);
    const resolution = model.inputs[0].shape[1]!;
    const probabilities = tf.tidy(() => {
      const pixels = imageBatch({ side, images, labels: new Uint8Array(count) }, 0, count, resolution);
      return model.predict(pixels) as tf.Tensor2D;
    });
    try {
      return (await probabilities.array()) as number[][];
    } finally {
      probabilities.dispose();
    }
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }
}
