import * as tf from '@tensorflow/tfjs';
import { EngineInputError } from '../errors';
import { weightFiles as say } from '../messages';
import { buildEfficientNet, type EfficientNetBlock } from '../efficientnet/build';
import { setTrainableBlocks } from '../efficientnet/freeze';
import { KerasBatchNormalization } from '../efficientnet/layers';
import { BASE_SCALING, HEAD_UNITS } from './bases';
import type { TransferSpec } from '../spec';

/**
 * Exercise E's network: an EfficientNet base without its top and the notebook's head,
 * and the split of that network at the first unfrozen block, so the frozen part runs once
 * per image (its activations cached) and only the part that trains runs every step.
 */

const POOLING = 'global_average_pooling2d';

export interface TransferNetwork {
  /** Base and head: 0–255 RGB pixels in, class probabilities out. */
  model: tf.LayersModel;
  /** The base's units of freezing (stem, block1a, …, top), from the input side. */
  blocks: EfficientNetBlock[];
  /** Side of the square images the base takes. */
  resolution: number;
}

/** Base (seeded initialisation) and head (Glorot uniform kernels, zero biases, seeded). */
export function buildTransferNetwork(spec: TransferSpec, seed: number): TransferNetwork {
  const base = buildEfficientNet({ variant: BASE_SCALING[spec.base], seed });
  let layerSeed = seed;
  const dense = (units: number, activation: 'relu' | 'softmax', name: string) =>
    tf.layers.dense({ units, activation, kernelInitializer: tf.initializers.glorotUniform({ seed: layerSeed++ }), name });
  let x = tf.layers.globalAveragePooling2d({ name: POOLING }).apply(base.model.outputs[0]) as tf.SymbolicTensor;
  x = dense(HEAD_UNITS[0], 'relu', 'dense').apply(x) as tf.SymbolicTensor;
  x = dense(HEAD_UNITS[1], 'relu', 'dense_1').apply(x) as tf.SymbolicTensor;
  x = dense(spec.classes, 'softmax', 'dense_2').apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: base.model.inputs, outputs: x, name: 'transferencia' });
  return { model, blocks: base.blocks, resolution: base.scaling.resolution };
}

/**
 * Puts converted weights (tfjs artifacts with Keras's names) into the base, by name. Every
 * weight of the base must be there with its shape; the head keeps its initial values.
 */
export function setBaseWeights(net: TransferNetwork, artifacts: tf.io.ModelArtifacts): void {
  if (!artifacts.weightData || !artifacts.weightSpecs) throw new EngineInputError(say.noData);
  const stored = tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
  try {
    for (const name of net.blocks.flatMap((b) => b.layers)) {
      for (const weight of net.model.getLayer(name).weights) {
        const value = stored[weight.originalName];
        if (!value) throw new EngineInputError(say.missingIn(weight.originalName, 'en los pesos cargados'));
        if (!tf.util.arraysEqual(value.shape, weight.shape as number[])) {
          throw new EngineInputError(say.shape(weight.originalName, value.shape, weight.shape as number[]));
        }
        weight.write(value);
      }
    }
  } finally {
    tf.dispose(Object.values(stored));
  }
}

/** Frees every weight of the network once (its layers are shared by several models). */
export function disposeTransferNetwork(net: TransferNetwork): void {
  for (const layer of net.model.layers) layer.weights.forEach((w) => w.dispose());
}

export interface TransferSplit {
  /** Top blocks of the base that train (0: the base is frozen; phase 1). */
  unfrozen: number;
  /** Pixels → activations at the cut, in inference mode; null when the cut is the input. */
  frozen: tf.LayersModel | null;
  /** Activations at the cut → probabilities; its layers (and weights) are the network's own. */
  trainable: tf.LayersModel;
  /** Where the cut is, for the UI: the pooled features, or the input of the first unfrozen block. */
  cutName: string;
}

type Node = { inputTensors: tf.SymbolicTensor[]; outputTensors: tf.SymbolicTensor[] };
const firstNode = (layer: tf.layers.Layer) => (layer as unknown as { inboundNodes: Node[] }).inboundNodes[0];

/**
 * Freezes all but the top `k` blocks (BatchNormalization always in inference mode, see
 * setTrainableBlocks) and cuts the network where the frozen part ends: after the pooling
 * with the whole base frozen, at the input of the first unfrozen block otherwise.
 */
export function splitTransferNetwork(net: TransferNetwork, k: number): TransferSplit {
  const unfrozen = Math.max(0, Math.min(Math.round(k), net.blocks.length));
  setTrainableBlocks(net.model, net.blocks, unfrozen);
  const input = net.model.inputs[0];
  let cut: tf.SymbolicTensor;
  let cutName: string;
  if (unfrozen === 0) {
    cut = firstNode(net.model.getLayer(POOLING)).outputTensors[0];
    cutName = POOLING;
  } else {
    const block = net.blocks[net.blocks.length - unfrozen];
    cut = firstNode(net.model.getLayer(block.layers[0])).inputTensors[0];
    cutName = block.name;
  }
  const frozen = cut === input ? null : tf.model({ inputs: input, outputs: cut });
  return { unfrozen, frozen, trainable: rebuildFrom(net.model, cut), cutName };
}

/**
 * The part of a functional model downstream of `cut`, as a model of its own that takes the
 * values at `cut`: each layer is applied again, in graph order, to the new inputs. Dropout
 * layers (the base's stochastic depth) are left out, as Keras runs a fine-tuned base with
 * training=False.
 */
function rebuildFrom(model: tf.LayersModel, cut: tf.SymbolicTensor): tf.LayersModel {
  const input = tf.input({ shape: cut.shape.slice(1) as number[] });
  const mapped = new Map<number, tf.SymbolicTensor>([[cut.id, input]]);
  // Containers list their layers by depth, inputs first: every producer precedes its consumers.
  for (const layer of model.layers) {
    const node = firstNode(layer);
    // An InputLayer's node lists its own output as its input: nothing to apply.
    if (layer.getClassName() === 'InputLayer' || !node.inputTensors.every((t) => mapped.has(t.id))) continue;
    const args = node.inputTensors.map((t) => mapped.get(t.id)!);
    const outputs =
      layer.getClassName() === 'Dropout'
        ? args
        : ([] as tf.SymbolicTensor[]).concat(layer.apply(args.length === 1 ? args[0] : args) as tf.SymbolicTensor);
    node.outputTensors.forEach((t, i) => mapped.set(t.id, outputs[i]));
  }
  const output = mapped.get(model.outputs[0].id);
  if (!output) throw new Error(say.noTrainablePart);
  return tf.model({ inputs: input, outputs: output });
}

/**
 * Parameters each block adds to the trainable count when it is unfrozen (every weight of
 * its layers but BatchNormalization's, which stays frozen).
 */
export function blockParams(net: TransferNetwork): number[] {
  return net.blocks.map((block) =>
    block.layers.reduce((n, name) => {
      const layer = net.model.getLayer(name);
      if (layer instanceof KerasBatchNormalization) return n;
      // Asked with the layer unfrozen; weights created non-trainable (Normalization's statistics) never count.
      const was = layer.trainable;
      layer.trainable = true;
      const size = layer.trainableWeights.reduce((m, w) => m + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
      layer.trainable = was;
      return n + size;
    }, 0),
  );
}
