/**
 * The two benchmark workloads, described once: as an engine RunSpec and as the numbers a
 * plain tfjs program needs to do the same work. No tfjs here; the worker builds the tensors.
 */
import type { RunSpec } from '../../src/engine';
import type { AugmentSpec, CnnSpec } from '../../src/engine/spec';

export type WorkloadName = 'recta' | 'mlp';
/**
 * `augmented`: the engine with MLP_AUGMENT on its training batches; `cnn`: the engine training
 * the CIFAR-10 lab's small CNN instead of the MLP, on the same images and batches (mlp only).
 */
export type Impl = 'engine' | 'plain' | 'augmented' | 'cnn';

/** Exercise A: one Dense(1) neuron on y = 2x + 1, MSE, SGD lr 0.1, full batch. */
export const RECTA = {
  x: [[1], [2], [3], [4]],
  y: [[3], [5], [7], [9]],
  initialWeights: [[1.3552873], [0.00364656]],
  learningRate: 0.1,
};

/** Exercise D's MLP: Dense(1024, relu) + Dropout(0.2) four times, Dense(10, softmax), on CIFAR-10. */
export const MLP = {
  inputs: 3072,
  hidden: 4,
  units: 1024,
  dropout: 0.2,
  classes: 10,
  batchSize: 64,
  learningRate: 1e-4,
};

/** The augmentation the bench times on the MLP (issue 17: at most 10 % more per epoch). */
export const MLP_AUGMENT: AugmentSpec = { flip: true, translate: 0.1, rotate: 0.05, zoom: 0.1 };

/** The engine's description of the same runs. `epochs` counts full-data passes. */
export function rectaSpec(epochs: number, backend: RunSpec['backend']): RunSpec {
  return {
    model: { kind: 'mlp', inputShape: [1], outputUnits: 1, outputActivation: 'linear', initialWeights: RECTA.initialWeights },
    data: { kind: 'inline', x: RECTA.x, y: RECTA.y },
    loss: 'mse',
    optimizer: { name: 'sgd', learningRate: RECTA.learningRate },
    epochs,
    seed: 0,
    backend,
  };
}

/** The CIFAR-10 lab's CNN (src/widgets/cifar10/settings.ts, model=cnn with its default Dropout 0.2). */
export const CNN: CnnSpec = {
  kind: 'cnn',
  inputShape: [32, 32, 3],
  conv: [
    { filters: 32, kernelSize: 3, activation: 'relu' },
    { filters: 64, kernelSize: 3, activation: 'relu' },
  ],
  hidden: [{ units: 128, activation: 'relu', dropout: MLP.dropout }],
  outputUnits: MLP.classes,
  outputActivation: 'softmax',
};

/**
 * The first `images` CIFAR-10 training images, all for training (no validation, callbacks
 * or histograms, so the loop itself is what is compared), shuffled every epoch as fit does;
 * `augment` applies to the training batches.
 */
export function mlpSpec(images: number, epochs: number, backend: RunSpec['backend'], augment?: AugmentSpec, cnn = false): RunSpec {
  return {
    model: cnn
      ? CNN
      : {
          kind: 'mlp',
          inputShape: [MLP.inputs],
          hidden: Array.from({ length: MLP.hidden }, () => ({ units: MLP.units, activation: 'relu' as const, dropout: MLP.dropout })),
          outputUnits: MLP.classes,
          outputActivation: 'softmax',
        },
    data: { kind: 'cifar10', train: images },
    loss: 'sparse_categorical_crossentropy',
    metrics: ['accuracy'],
    optimizer: { name: 'adam', learningRate: MLP.learningRate },
    batchSize: MLP.batchSize,
    epochs,
    seed: 1,
    shuffle: true,
    backend,
    ...(augment ? { augment } : {}),
  };
}

/**
 * Exercise E on the offline base (EfficientNet mini, the weights the site serves): the
 * notebook's head on bird/cat/deer/dog, 100 training and 25 validation images per class.
 */
export const TRANSFER = {
  classes: [2, 3, 4, 5],
  train: 100,
  validation: 25,
  batchSize: 32,
  learningRate: 1e-3,
  fineTuneRate: 1e-5,
  unfreeze: 2,
  /** One untimed epoch, then these, in each phase. */
  timedEpochs: 2,
};

export function transferSpec(backend: RunSpec['backend']): RunSpec {
  return {
    model: { kind: 'transfer', base: 'mini', weights: 'pretrained', classes: TRANSFER.classes.length },
    data: { kind: 'cifar10-classes', classes: TRANSFER.classes, train: TRANSFER.train, validation: TRANSFER.validation },
    loss: 'categorical_crossentropy',
    metrics: ['accuracy'],
    optimizer: { name: 'adam', learningRate: TRANSFER.learningRate },
    batchSize: TRANSFER.batchSize,
    epochs: 1 + TRANSFER.timedEpochs,
    shuffle: true,
    seed: 1,
    backend,
  };
}
