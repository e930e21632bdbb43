import type * as tf from '@tensorflow/tfjs';

/**
 * Artifacts → the files tf.loadLayersModel(url) reads: `model.json` and the weights cut into
 * shards of at most 4 MB (as tfjs's own converter does), so each download stays small
 * enough for the browser's cache and for showing progress.
 */

export interface ModelFile {
  path: string;
  bytes: Uint8Array;
}

const SHARD_BYTES = 4 * 1024 * 1024;

export function modelFiles(artifacts: tf.io.ModelArtifacts, shardBytes = SHARD_BYTES): ModelFile[] {
  const data = new Uint8Array(artifacts.weightData as ArrayBuffer);
  const count = Math.max(1, Math.ceil(data.byteLength / shardBytes));
  const shards = Array.from({ length: count }, (_, i) => ({
    path: `group1-shard${i + 1}of${count}.bin`,
    bytes: data.subarray(i * shardBytes, (i + 1) * shardBytes),
  }));
  const modelJson = {
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    modelTopology: artifacts.modelTopology,
    userDefinedMetadata: artifacts.userDefinedMetadata,
    weightsManifest: [{ paths: shards.map((s) => s.path), weights: artifacts.weightSpecs }],
  };
  return [{ path: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(modelJson)) }, ...shards];
}
