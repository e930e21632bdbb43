import type * as tf from '@tensorflow/tfjs';
import { EngineInputError } from '../errors';
import { weightFiles as say } from '../messages';
import { buildEfficientNet } from '../efficientnet/build';
import { BASELINE_STAGES, roundFilters, roundRepeats, VARIANTS, type EfficientNetVariant } from '../efficientnet/config';
import { toArtifacts } from '../efficientnet/convert';
import { readKerasWeights, type StoredWeights } from '../efficientnet/h5';

/**
 * An official Keras weights file dropped on the page (efficientnetb0_notop.h5 …), converted
 * in the browser by the project's own converter: which variant it is comes from the file
 * itself (the top's channels and the number of MBConv blocks), not from its name.
 */

/** The bases the transfer lab offers with ImageNet weights. */
export type ImageNetBase = 'b0' | 'b3';

export function variantOf(stored: StoredWeights): EfficientNetVariant | null {
  const top = stored.get('top_conv')?.get('kernel')?.shape;
  const blocks = [...stored.keys()].filter((name) => /^block\d+[a-z]_project_conv$/.test(name)).length;
  for (const [variant, scaling] of Object.entries(VARIANTS) as [EfficientNetVariant, (typeof VARIANTS)[EfficientNetVariant]][]) {
    const expectedBlocks = BASELINE_STAGES.reduce((n, s) => n + roundRepeats(s.repeats, scaling.depthCoefficient), 0);
    if (top?.[3] === roundFilters(1280, scaling.widthCoefficient) && blocks === expectedBlocks) return variant;
  }
  return null;
}

export async function convertBaseFile(bytes: Uint8Array): Promise<{ base: ImageNetBase; artifacts: tf.io.ModelArtifacts }> {
  const stored = await readKerasWeights(bytes);
  const variant = variantOf(stored);
  if (!variant) throw new EngineInputError(say.notEfficientNet);
  if (variant !== 'b0' && variant !== 'b3') {
    throw new EngineInputError(say.otherVariant(variant));
  }
  const { model } = buildEfficientNet({ variant });
  try {
    return { base: variant, artifacts: toArtifacts(stored, model) };
  } finally {
    model.dispose();
  }
}
