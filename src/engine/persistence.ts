import * as tf from '@tensorflow/tfjs';
import { persistence as say } from './messages';

/**
 * Whole models in and out of the engine: saving (IndexedDB, downloads), exporting the tfjs
 * files for the page, and replacing a model's weights with a saved model's. Nothing here
 * knows about runs or their status; the Trainer decides when these may happen.
 */

/** Saves topology and weights with a tfjs IO handler or URL (indexeddb://…). */
export async function saveModel(model: tf.LayersModel, destination: string | tf.io.IOHandler): Promise<void> {
  await model.save(destination);
}

/** What a saved model.json may carry besides the model (userDefinedMetadata). */
export type SavedMetadata = Record<string, string | number | string[]>;

/**
 * `destination` with `metadata` added to the saved model.json (its userDefinedMetadata): a
 * transfer model keeps its class names with its weights.
 */
export function withMetadata(destination: string | tf.io.IOHandler, metadata: SavedMetadata): tf.io.IOHandler {
  const inner = typeof destination === 'string' ? tf.io.getSaveHandlers(destination)[0] : destination;
  return tf.io.withSaveHandler((artifacts) => inner.save!({ ...artifacts, userDefinedMetadata: metadata }));
}

/** The two files of the tfjs layers format, as the page offers them for download. */
export interface ExportedModel {
  modelJson: string;
  weights: ArrayBuffer;
}

/** A model, or whatever saves one for it (a Trainer's `saveModel`). */
export interface Saveable {
  save(destination: tf.io.IOHandler): Promise<unknown>;
}

/** The model as the two files of the tfjs layers format (model.json and one weights file). */
export async function exportModel(model: Saveable): Promise<ExportedModel> {
  let exported: ExportedModel | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = tf.io.concatenateArrayBuffers(
        Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData ?? new ArrayBuffer(0)],
      );
      const modelJson = JSON.stringify({
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        userDefinedMetadata: artifacts.userDefinedMetadata,
        // The name the page downloads the weights under, so model.json finds them again.
        weightsManifest: [{ paths: ['./model.weights.bin'], weights: artifacts.weightSpecs }],
      });
      exported = { modelJson, weights };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  return exported!;
}

/**
 * Copies a saved model's weights into `model`, which must have the same architecture
 * (the same weight shapes in the same order); otherwise nothing changes and the Spanish
 * error says what differs.
 */
export async function replaceWeights(model: tf.LayersModel, source: string | tf.io.IOHandler): Promise<void> {
  const loaded = await tf.loadLayersModel(source);
  try {
    const incoming = loaded.getWeights();
    const current = model.getWeights();
    const shape = (ws: tf.Tensor[]) => ws.map((w) => `[${w.shape.join('×')}]`).join(' ');
    if (incoming.length !== current.length || incoming.some((w, i) => !tf.util.arraysEqual(w.shape, current[i].shape))) {
      throw new Error(say.otherArchitecture(shape(incoming), shape(current)));
    }
    model.setWeights(incoming);
  } finally {
    loaded.dispose();
  }
}

/**
 * Where a saved model comes from: this browser's IndexedDB under `key`, or the model.json
 * and weights files the student picked.
 */
export async function savedModelSource(from: { key: string } | { files: File[] }): Promise<string | tf.io.IOHandler> {
  if ('key' in from) {
    const url = `indexeddb://${from.key}`;
    const saved = await tf.io.listModels();
    if (!saved[url]) throw new Error(say.nothingSaved);
    return url;
  }
  const json = from.files.find((f) => f.name.endsWith('.json'));
  if (!json) throw new Error(say.noModelJson);
  return tf.io.browserFiles([json, ...from.files.filter((f) => f !== json)]);
}
