/**
 * EfficientNet B0–B3 with Keras's names, block-wise freezing, and the converter from Keras's
 * official HDF5 weights. Importing this module registers the custom layers that loading a
 * converted model.json needs.
 */
export { VARIANTS, type EfficientNetScaling, type EfficientNetVariant } from './config';
export { buildEfficientNet, type EfficientNet, type EfficientNetBlock, type EfficientNetOptions } from './build';
export { setTrainableBlocks } from './freeze';
export { convertKerasH5, type ConvertOptions } from './convert';
export { modelFiles, type ModelFile } from './files';
