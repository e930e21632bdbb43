import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEfficientNet } from '../../src/engine/efficientnet/build';
import { toArtifacts } from '../../src/engine/efficientnet/convert';
import { modelFiles } from '../../src/engine/efficientnet/files';
import type { StoredWeight, StoredWeights } from '../../src/engine/efficientnet/h5';
import { MINI_VARIANT, MINI_WEIGHTS_PATH } from '../../src/engine/efficientnet/mini';
import { pooledFeatures, type MiniReference } from '../../src/engine/efficientnet/miniReference';

/**
 * PyTorch's weights (Keras layouts, Keras names, written by pretrain.py) → the TypeScript
 * builder's model → tfjs layers files, written only if tfjs reproduces PyTorch's features.
 * Run through export.mjs, which loads this file with Vite since Node cannot run TypeScript.
 */

/** tfjs's cpu kernels sum in another order than PyTorch's: float32 rounding, nothing more. */
export const PARITY_TOLERANCE = 1e-3;

interface Exported {
  layers: Record<string, { name: string; shape: number[]; offset: number }[]>;
  reference: { shape: [number, number, number, number]; inputs: number[]; features: number[][] };
  metadata: Record<string, unknown>;
}

export async function exportMini(work: string, root: string): Promise<void> {
  await tf.setBackend('cpu');
  const exported = JSON.parse(readFileSync(join(work, 'weights.json'), 'utf8')) as Exported;
  const bin = readFileSync(join(work, 'weights.bin'));
  const buffer = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  const stored: StoredWeights = new Map();
  for (const [layer, weights] of Object.entries(exported.layers)) {
    stored.set(
      layer,
      new Map(
        weights.map((w) => {
          const size = w.shape.reduce((n, d) => n * d, 1);
          const weight: StoredWeight = { name: `${layer}/${w.name}:0`, shape: w.shape, values: new Float32Array(buffer, w.offset, size) };
          return [w.name, weight] as const;
        }),
      ),
    );
  }

  const { model } = buildEfficientNet({ variant: MINI_VARIANT, seed: 0 });
  const artifacts = toArtifacts(stored, model);
  model.dispose();
  const { metadata } = exported;
  artifacts.convertedBy = 'Laboratorio de redes neuronales (PyTorch → tfjs, scripts/pretrain-mini)';
  artifacts.userDefinedMetadata = {
    weights: 'cifar10-6',
    pretrainClasses: metadata.pretrainClasses,
    pretrainImages: metadata.pretrainImages,
    pretrainEpochs: metadata.pretrainEpochs,
    pretrainTestAccuracy: metadata.pretrainTestAccuracy,
  } as Record<string, unknown> as tf.io.ModelArtifacts['userDefinedMetadata'];

  // What the site will load, read back the way the site reads it, against PyTorch's features.
  const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  const reference: MiniReference = {
    shape: exported.reference.shape,
    inputs: Buffer.from(Uint8Array.from(exported.reference.inputs)).toString('base64'),
    features: exported.reference.features,
  };
  const features = pooledFeatures(loaded, reference);
  loaded.dispose();
  const expected = reference.features.flat();
  let maxAbsDiff = 0;
  features.forEach((v, i) => (maxAbsDiff = Math.max(maxAbsDiff, Math.abs(v - expected[i]))));
  const maxAbsFeature = Math.max(...expected.map(Math.abs));
  const parity = { images: reference.shape[0], maxAbsDiff, maxAbsFeature, tolerance: PARITY_TOLERANCE };
  console.log(
    `Paridad tfjs (cpu) ↔ PyTorch en ${parity.images} imágenes: diferencia máxima ${maxAbsDiff.toExponential(2)} ` +
      `(rasgos de hasta ${maxAbsFeature.toFixed(2)}).`,
  );
  if (!(maxAbsDiff < PARITY_TOLERANCE)) throw new Error(`tfjs y PyTorch no coinciden (diferencia ${maxAbsDiff}); no se escribe nada.`);
  writeFileSync(join(work, 'parity.json'), JSON.stringify(parity));

  // Swap the folder in whole, so a failed run never leaves half a model behind.
  const target = join(root, 'public', MINI_WEIGHTS_PATH, '..');
  const staging = `${target}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const file of modelFiles(artifacts)) writeFileSync(join(staging, file.path), file.bytes);
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  const referencePath = join(root, 'src/engine/efficientnet/mini.reference.json');
  writeFileSync(referencePath, JSON.stringify(reference) + '\n');
  const bytes = (artifacts.weightData as ArrayBuffer).byteLength;
  console.log(`Escrito ${target} (${(bytes / 1e6).toFixed(2)} MB de pesos) y ${referencePath}.`);
  if (!existsSync(join(target, 'model.json'))) throw new Error('model.json no se escribió.');
}
