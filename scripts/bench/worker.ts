/// <reference lib="webworker" />
/**
 * The benchmark's worker: the engine and plain tfjs doing the same work, side by side in
 * one dedicated Worker (as the app trains), so both see the same backend. For recta the
 * plain side is a hand-written loop; for the CIFAR-10 MLP it is model.fit on the same
 * images. Each run builds its model, takes one untimed warm-up step (shader compilation,
 * first uploads), then times the rest and reads the loss back once at the end.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { configureWasm, probeBackends, Trainer, type BackendInfo, type BackendName } from '../../src/engine';
import { IMAGE_BYTES } from '../../src/engine/cifar10/classes';
import { loadCifar10, type Cifar10Data } from '../../src/engine/cifar10/load';
import type { AugmentSpec, TransferSpec } from '../../src/engine/spec';
import { setTrainableBlocks } from '../../src/engine/efficientnet/freeze';
import { cifar10Task, imageBatch, type ImageSet } from '../../src/engine/transfer/images';
import { buildTransferNetwork, disposeTransferNetwork, setBaseWeights } from '../../src/engine/transfer/model';
import { loadModelWeights } from '../../src/engine/transfer/weights';
import { MLP, MLP_AUGMENT, RECTA, TRANSFER, mlpSpec, rectaSpec, transferSpec, type Impl, type WorkloadName } from './workloads';

// As in src/engine/worker.ts: the binaries are bundled, never fetched from a CDN.
configureWasm({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

export interface RunArgs {
  workload: WorkloadName;
  impl: Impl;
  /** Timed optimisation steps (batches) after the warm-up step. */
  steps: number;
  /** Batches in the data set (mlp only); steps + 1 must be a multiple of it. */
  batches: number;
}

export interface RunResult {
  impl: Impl;
  steps: number;
  samples: number;
  seconds: number;
  /** Loss of the last step (read back once, after the timer stopped). */
  loss: number;
  /** Tensors alive after the run that were not before it (should be 0). */
  leakedTensors: number;
  /** The augmentation the run applied (impl `augmented`). */
  augment?: AugmentSpec;
}

let backend: BackendName = 'cpu';
let cifar10: Cifar10Data | null = null;

function data(): Cifar10Data {
  if (!cifar10) throw new Error('load the CIFAR-10 data first');
  return cifar10;
}

/**
 * The engine's run; impl `augmented` is the same mlp run with MLP_AUGMENT on its training
 * batches, impl `cnn` the same images and batches through the lab's CNN.
 */
async function runEngine({ workload, impl, steps, batches }: RunArgs): Promise<Omit<RunResult, 'leakedTensors'>> {
  const epochs = (steps + 1) / (workload === 'recta' ? 1 : batches);
  const augment = impl === 'augmented' ? MLP_AUGMENT : undefined;
  const spec =
    workload === 'recta' ? rectaSpec(epochs, backend) : mlpSpec(batches * MLP.batchSize, epochs, backend, augment, impl === 'cnn');
  // The app's defaults: updates throttled to animation frames (16 ms).
  const sources = workload === 'recta' ? {} : { cifar10: data() };
  const trainer = await Trainer.create(spec, { onUpdate: () => {}, eventIntervalMs: 16, sources });
  try {
    if (trainer.info.backend.name !== backend) {
      throw new Error(`the engine chose ${trainer.info.backend.name} instead of ${backend}: ${trainer.info.backend.reason}`);
    }
    await trainer.step('batch');
    // A paused step reads nothing back, so on webgpu/webgl its work may still be queued:
    // wait for it (the weights come after the update) before starting the clock.
    await trainer.readWeights();
    const t0 = performance.now();
    await trainer.start();
    const seconds = (performance.now() - t0) / 1000;
    const state = trainer.snapshot();
    if (state.status !== 'done') throw new Error(`engine run ended as ${state.status}: ${state.message}`);
    const history = trainer.getHistory();
    const samplesPerStep = workload === 'recta' ? RECTA.x.length : MLP.batchSize;
    const loss = history[history.length - 1].logs.loss;
    return { impl, steps, samples: steps * samplesPerStep, seconds, loss, ...(augment ? { augment } : {}) };
  } finally {
    await trainer.dispose();
  }
}

/** Exercise A as a hand-written minimal tfjs loop: tf.sequential, tf.train.sgd, minimize per step. */
async function runPlainRecta({ steps }: RunArgs): Promise<Omit<RunResult, 'leakedTensors'>> {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
  const initial = [tf.tensor2d(RECTA.initialWeights[0], [1, 1]), tf.tensor1d(RECTA.initialWeights[1])];
  model.setWeights(initial);
  tf.dispose(initial);
  const xs = tf.tensor2d(RECTA.x);
  const ys = tf.tensor2d(RECTA.y);
  const optimizer = tf.train.sgd(RECTA.learningRate);
  const lossOf = () => tf.mean(tf.square(tf.sub(model.apply(xs, { training: true }) as tf.Tensor, ys))) as tf.Scalar;
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  try {
    // Warm-up step, read back so compilation and uploads are over before the timer.
    const warm = optimizer.minimize(lossOf, true, variables)!;
    await warm.data();
    warm.dispose();
    const t0 = performance.now();
    let last: tf.Scalar | null = null;
    for (let i = 1; i <= steps; i++) {
      last?.dispose();
      last = optimizer.minimize(lossOf, true, variables)!;
    }
    const loss = (await last!.data())[0];
    const seconds = (performance.now() - t0) / 1000;
    last!.dispose();
    return { impl: 'plain', steps, samples: steps * RECTA.x.length, seconds, loss };
  } finally {
    optimizer.dispose();
    model.dispose();
    tf.dispose([xs, ys]);
  }
}

/**
 * The CIFAR-10 MLP with plain tfjs as its documentation teaches: compile, then model.fit
 * on the same images, already on the device as floats (fit's best case), shuffled per epoch.
 */
async function runPlainFit({ steps, batches }: RunArgs): Promise<Omit<RunResult, 'leakedTensors'>> {
  const model = tf.sequential();
  for (let i = 0; i < MLP.hidden; i++) {
    model.add(tf.layers.dense({ units: MLP.units, activation: 'relu', inputShape: i === 0 ? [MLP.inputs] : undefined }));
    model.add(tf.layers.dropout({ rate: MLP.dropout }));
  }
  model.add(tf.layers.dense({ units: MLP.classes, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(MLP.learningRate), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const images = batches * MLP.batchSize;
  const { trainImages, trainLabels } = data();
  const xs = tf.tidy(() =>
    tf.sub(tf.div(tf.tensor2d(Float32Array.from(trainImages.subarray(0, images * IMAGE_BYTES)), [images, IMAGE_BYTES]), 127.5), 1),
  );
  const ys = tf.tensor1d(Float32Array.from(trainLabels.subarray(0, images)));
  const warmX = xs.slice(0, MLP.batchSize);
  const warmY = ys.slice(0, MLP.batchSize);
  try {
    await model.fit(warmX, warmY, { batchSize: MLP.batchSize, epochs: 1, verbose: 0 });
    const epochs = (steps + 1) / batches;
    const t0 = performance.now();
    const history = await model.fit(xs, ys, { batchSize: MLP.batchSize, epochs, shuffle: true, verbose: 0 });
    const seconds = (performance.now() - t0) / 1000;
    const losses = history.history.loss as number[];
    return { impl: 'plain', steps: epochs * batches, samples: epochs * images, seconds, loss: losses[losses.length - 1] };
  } finally {
    // model.dispose() leaves the compiled optimizer (and Adam's slots) alive.
    model.optimizer.dispose();
    model.dispose();
    tf.dispose([xs, ys, warmX, warmY]);
  }
}

/** Seconds per epoch of a transfer phase: one untimed epoch (read back), then the timed ones. */
async function engineEpochs(trainer: Trainer): Promise<number> {
  await trainer.step('epoch');
  const before = trainer.getHistory().length;
  const t0 = performance.now();
  await trainer.start();
  const seconds = (performance.now() - t0) / 1000;
  const state = trainer.snapshot();
  if (state.status !== 'done') throw new Error(`transfer run ended as ${state.status}: ${state.message}`);
  const epochs = trainer.getHistory().length - before;
  if (epochs !== TRANSFER.timedEpochs) throw new Error(`expected ${TRANSFER.timedEpochs} timed epochs, the history grew by ${epochs}`);
  return seconds / epochs;
}

export interface TransferTimes {
  /** Building the run and caching the frozen base's features (seconds). */
  prepareSeconds: number;
  /** Unfreezing and caching the activations at the first unfrozen block (seconds). */
  fineTuneSeconds: number;
  /** Seconds per epoch, phase 1 and phase 2: the engine on cached activations, model.fit through the whole network. */
  engine: [number, number];
  plain: [number, number];
  trainable: [number, number];
  images: number;
  leakedTensors: number;
}

async function transferEngine(artifacts: tf.io.ModelArtifacts) {
  const t0 = performance.now();
  const trainer = await Trainer.create(transferSpec(backend), {
    onUpdate: () => {},
    eventIntervalMs: 16,
    sources: { cifar10: data(), bases: { mini: artifacts } },
  });
  try {
    if (trainer.info.backend.name !== backend) throw new Error(`the engine chose ${trainer.info.backend.name} instead of ${backend}`);
    const prepareSeconds = (performance.now() - t0) / 1000;
    const trainable = [trainer.info.trainableCount];
    const phase1 = await engineEpochs(trainer);
    const t1 = performance.now();
    await trainer.fineTune({ unfreeze: TRANSFER.unfreeze, learningRate: TRANSFER.fineTuneRate, epochs: 1 + TRANSFER.timedEpochs });
    const fineTuneSeconds = (performance.now() - t1) / 1000;
    trainable.push(trainer.info.trainableCount);
    const phase2 = await engineEpochs(trainer);
    return { prepareSeconds, fineTuneSeconds, epochs: [phase1, phase2] as [number, number], trainable: trainable as [number, number] };
  } finally {
    await trainer.dispose();
  }
}

/**
 * The notebook's way with plain tfjs: the whole network (frozen base, then its top blocks
 * unfrozen) compiled and fitted, so every epoch runs every image through the base again.
 */
async function transferPlain(artifacts: tf.io.ModelArtifacts): Promise<[number, number]> {
  const spec = transferSpec(backend);
  const net = buildTransferNetwork(spec.model as TransferSpec, spec.seed);
  const task = cifar10Task(data(), TRANSFER.classes, TRANSFER.train, TRANSFER.validation);
  const tensors = (set: ImageSet) => [
    imageBatch(set, 0, set.labels.length, net.resolution),
    tf.tidy(() => tf.oneHot(tf.tensor1d(set.labels, 'int32'), TRANSFER.classes.length).toFloat()),
  ];
  const [x, y] = tensors(task.train);
  const [vx, vy] = tensors(task.validation);
  const optimizers: tf.Optimizer[] = [];
  const fitEpochs = async (learningRate: number) => {
    const optimizer = tf.train.adam(learningRate);
    optimizers.push(optimizer);
    net.model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const options = {
      batchSize: TRANSFER.batchSize,
      shuffle: true,
      validationData: [vx, vy] as [tf.Tensor, tf.Tensor],
      verbose: 0 as const,
    };
    await net.model.fit(x, y, { ...options, epochs: 1 });
    const t0 = performance.now();
    await net.model.fit(x, y, { ...options, epochs: TRANSFER.timedEpochs });
    return (performance.now() - t0) / 1000 / TRANSFER.timedEpochs;
  };
  try {
    setBaseWeights(net, artifacts);
    setTrainableBlocks(net.model, net.blocks, 0);
    const phase1 = await fitEpochs(TRANSFER.learningRate);
    setTrainableBlocks(net.model, net.blocks, TRANSFER.unfreeze);
    const phase2 = await fitEpochs(TRANSFER.fineTuneRate);
    return [phase1, phase2];
  } finally {
    optimizers.forEach((o) => o.dispose());
    disposeTransferNetwork(net);
    tf.dispose([x, y, vx, vy]);
  }
}

const api = {
  /** Activates one backend for the worker's life; returns what this runtime offers. */
  async init(name: BackendName): Promise<{ backend: string; backends: BackendInfo[] }> {
    const backends = await probeBackends();
    const ok = await tf.setBackend(name);
    await tf.ready();
    if (!ok || tf.getBackend() !== name) throw new Error(`tfjs could not start the ${name} backend`);
    backend = name;
    return { backend: tf.getBackend(), backends };
  },

  /**
   * Loads CIFAR-10 from the app's copy (checked and decoded as the app does). Returns the
   * seconds of the whole load and of the decoding alone.
   */
  async load(base: string, trainFiles: number): Promise<{ seconds: number; decodeSeconds: number; images: number }> {
    cifar10 = null;
    const t0 = performance.now();
    let decodeStart: number | null = null;
    const loaded = await loadCifar10(
      (name) => fetch(new URL(name, base)),
      (p) => {
        if (decodeStart === null && p.label.startsWith('Descodificando')) decodeStart = performance.now();
      },
      trainFiles,
    );
    const t1 = performance.now();
    cifar10 = loaded;
    return {
      seconds: (t1 - t0) / 1000,
      decodeSeconds: (t1 - (decodeStart ?? t0)) / 1000,
      images: loaded.trainLabels.length + loaded.testLabels.length,
    };
  },

  /** Exercise E on the mini base (weights from `modelUrl`): the engine's two phases against model.fit. */
  async transfer(modelUrl: string): Promise<TransferTimes> {
    const { artifacts } = await loadModelWeights(modelUrl, 'EfficientNet mini');
    const before = tf.memory().numTensors;
    // model.fit first: its untimed epoch compiles the base's shaders, which would otherwise land in the engine's caching time.
    const plain = await transferPlain(artifacts);
    const engine = await transferEngine(artifacts);
    const images = TRANSFER.classes.length * TRANSFER.train;
    return { ...engine, engine: engine.epochs, plain, images, leakedTensors: tf.memory().numTensors - before };
  },

  async run(args: RunArgs): Promise<RunResult> {
    if ((args.impl === 'augmented' || args.impl === 'cnn') && args.workload !== 'mlp') {
      throw new Error(`only the mlp workload has a${args.impl === 'cnn' ? ' cnn' : 'n augmented'} run`);
    }
    if (args.workload === 'mlp' && (args.steps + 1) % args.batches !== 0) {
      throw new Error(`steps + 1 (${args.steps + 1}) must be a multiple of batches (${args.batches})`);
    }
    const before = tf.memory().numTensors;
    const plain = args.workload === 'recta' ? runPlainRecta : runPlainFit;
    const result = args.impl === 'plain' ? await plain(args) : await runEngine(args);
    return { ...result, leakedTensors: tf.memory().numTensors - before };
  },
};

export type BenchWorker = typeof api;

Comlink.expose(api);
