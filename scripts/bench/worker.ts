/// <reference lib="webworker" />
/**
 * The benchmark's worker: the engine and a plain tfjs loop doing the same work, side by
 * side in one dedicated Worker (as the app trains), so both see the same backend.
 * Each run builds its model, takes one untimed warm-up step (shader compilation, first
 * uploads), then times the rest and reads the loss back once at the end.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { configureWasm, probeBackends, Trainer, type BackendInfo, type BackendName } from '../../src/engine';
import { MLP, RECTA, mlpSpec, rectaSpec, syntheticMlpData, type Impl, type WorkloadName } from './workloads';

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
}

let backend: BackendName = 'cpu';
let dataCache: { rows: number; data: { x: number[][]; y: number[][] } } | null = null;

function mlpData(rows: number) {
  if (dataCache?.rows !== rows) dataCache = { rows, data: syntheticMlpData(rows) };
  return dataCache.data;
}

async function runEngine({ workload, steps, batches }: RunArgs): Promise<Omit<RunResult, 'leakedTensors'>> {
  const rows = workload === 'recta' ? RECTA.x.length : batches * MLP.batchSize;
  const epochs = (steps + 1) / (workload === 'recta' ? 1 : batches);
  const spec = workload === 'recta' ? rectaSpec(epochs, backend) : mlpSpec(mlpData(rows), epochs, backend);
  // The app's defaults: updates throttled to animation frames (16 ms).
  const trainer = await Trainer.create(spec, { onUpdate: () => {}, eventIntervalMs: 16 });
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
    return { impl: 'engine', steps, samples: steps * samplesPerStep, seconds, loss: history[history.length - 1].logs.loss };
  } finally {
    await trainer.dispose();
  }
}

/** A hand-written minimal tfjs loop: tf.sequential, tf.train optimizer, minimize per step. */
async function runPlain({ workload, steps, batches }: RunArgs): Promise<Omit<RunResult, 'leakedTensors'>> {
  const owned: tf.Tensor[] = [];
  const model = tf.sequential();
  let optimizer: tf.Optimizer;
  let inputs: tf.Tensor[];
  let lossOf: (i: number) => () => tf.Scalar;
  if (workload === 'recta') {
    model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
    const initial = [tf.tensor2d(RECTA.initialWeights[0], [1, 1]), tf.tensor1d(RECTA.initialWeights[1])];
    model.setWeights(initial);
    tf.dispose(initial);
    const xs = tf.tensor2d(RECTA.x);
    const ys = tf.tensor2d(RECTA.y);
    owned.push(xs, ys);
    inputs = [xs];
    optimizer = tf.train.sgd(RECTA.learningRate);
    lossOf = () => () => tf.mean(tf.square(tf.sub(model.apply(xs, { training: true }) as tf.Tensor, ys)));
  } else {
    for (let i = 0; i < MLP.hidden; i++) {
      model.add(tf.layers.dense({ units: MLP.units, activation: 'relu', inputShape: i === 0 ? [MLP.inputs] : undefined }));
      model.add(tf.layers.dropout({ rate: MLP.dropout }));
    }
    model.add(tf.layers.dense({ units: MLP.classes, activation: 'softmax' }));
    const data = mlpData(batches * MLP.batchSize);
    const xs: tf.Tensor[] = [];
    const labels: tf.Tensor[] = [];
    for (let b = 0; b < batches; b++) {
      const rows = { from: b * MLP.batchSize, to: (b + 1) * MLP.batchSize };
      xs.push(tf.tensor2d(data.x.slice(rows.from, rows.to)));
      labels.push(tf.tensor1d(data.y.slice(rows.from, rows.to).map((r) => r[0]), 'int32'));
    }
    owned.push(...xs, ...labels);
    inputs = xs;
    optimizer = tf.train.adam(MLP.learningRate);
    // Sparse categorical cross-entropy on probabilities, as Keras computes it (renormalise,
    // clip, −Σ y·log p): the same arithmetic the engine does, so only the loop is compared.
    lossOf = (i) => () => {
      const b = i % batches;
      const out = model.apply(xs[b], { training: true }) as tf.Tensor;
      const p = tf.clipByValue(tf.div(out, tf.sum(out, -1, true)), 1e-7, 1 - 1e-7);
      return tf.mean(tf.neg(tf.sum(tf.mul(tf.oneHot(labels[b], MLP.classes), tf.log(p)), -1)));
    };
  }
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  try {
    // Warm-up step, read back so compilation and uploads are over before the timer.
    const warm = optimizer.minimize(lossOf(0), true, variables)!;
    await warm.data();
    warm.dispose();

    const t0 = performance.now();
    let last: tf.Scalar | null = null;
    for (let i = 1; i <= steps; i++) {
      last?.dispose();
      last = optimizer.minimize(lossOf(i), true, variables)!;
    }
    const loss = (await last!.data())[0];
    const seconds = (performance.now() - t0) / 1000;
    last!.dispose();
    return { impl: 'plain', steps, samples: steps * inputs[0].shape[0], seconds, loss };
  } finally {
    optimizer.dispose();
    model.dispose();
    tf.dispose(owned);
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

  async run(args: RunArgs): Promise<RunResult> {
    if (args.workload === 'mlp' && (args.steps + 1) % args.batches !== 0) {
      throw new Error(`steps + 1 (${args.steps + 1}) must be a multiple of batches (${args.batches})`);
    }
    const before = tf.memory().numTensors;
    const result = args.impl === 'engine' ? await runEngine(args) : await runPlain(args);
    return { ...result, leakedTensors: tf.memory().numTensors - before };
  },
};

export type BenchWorker = typeof api;

Comlink.expose(api);
