import * as tf from '@tensorflow/tfjs';
import type { MlpSpec } from '../spec';

/**
 * The network view's numbers: every neuron's activation on a grid of inputs, hidden layers
 * and output alike, from one forward pass in inference mode (Playground's small heat maps).
 */

/** Units of each drawn layer, input side first: the hidden layers, then the output. */
export function drawnUnits(spec: MlpSpec): number[] {
  return [...(spec.hidden ?? []).map((layer) => layer.units), spec.outputUnits];
}

/**
 * One flat vector: each drawn layer's [cells, units] output, row-major, layer after layer.
 * A Dense layer followed by BatchNormalization is drawn after its Activation layer, where
 * the neuron's output really is; Dropout passes inputs through in inference mode.
 */
export function layerActivations(model: tf.LayersModel, inputs: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const drawn: tf.Tensor[] = [];
    let h = inputs;
    model.layers.forEach((layer, i) => {
      h = layer.apply(h, { training: false }) as tf.Tensor;
      const kind = layer.getClassName();
      const next = model.layers[i + 1]?.getClassName();
      if ((kind === 'Dense' && next !== 'BatchNormalization') || kind === 'Activation') drawn.push(tf.reshape(h, [-1]));
    });
    return tf.concat(drawn) as tf.Tensor1D;
  });
}

/** The grid's inputs, kept on the device of the backend that trains now, and how to cut a read. */
export class ActivationGrid {
  private inputs: tf.Tensor | null = null;

  constructor(
    private readonly cells: number[][],
    private readonly units: number[],
  ) {}

  compute(model: tf.LayersModel): tf.Tensor1D {
    // Built lazily: after a backend move the old tensor was discarded with the run.
    this.inputs ??= tf.tensor2d(this.cells, undefined, 'float32');
    return layerActivations(model, this.inputs);
  }

  /** One copy per layer ([cells × units] row-major), so posting one never clones the whole read. */
  split(flat: Float32Array): Float32Array[] {
    let offset = 0;
    return this.units.map((units) => flat.slice(offset, (offset += units * this.cells.length)));
  }

  discard(): void {
    this.inputs?.dispose();
    this.inputs = null;
  }
}
