import type { EfficientNetScaling } from './config';

/**
 * The offline base: a small EfficientNet built by the same builder, pretrained by the project
 * (scripts/pretrain-mini/) on the six CIFAR-10 classes the transfer task does not use, so a
 * machine without the ImageNet weights still shows real transfer.
 */

/** Half the width and depth of B0 at CIFAR-10's native 32×32: 11 MBConv blocks, 670,023 parameters (657,120 trainable), 640 features. */
export const MINI_VARIANT: EfficientNetScaling = {
  widthCoefficient: 0.5,
  depthCoefficient: 0.5,
  resolution: 32,
  dropout: 0.2,
};

/** CIFAR-10 classes seen in pretraining: airplane, automobile, frog, horse, ship, truck. */
export const MINI_PRETRAIN_CLASSES: readonly number[] = [0, 1, 6, 7, 8, 9];

/** CIFAR-10 classes the transfer task uses by default (bird, cat, deer, dog), never seen in pretraining. */
export const MINI_TRANSFER_CLASSES: readonly number[] = [2, 3, 4, 5];

/** Relative to the site root; the files live in public/models/efficientnet-mini/. */
export const MINI_WEIGHTS_PATH = 'models/efficientnet-mini/model.json';

/** For the UI: which base this is and what it learnt from. */
export const MINI_DESCRIPTION =
  'EfficientNet mini (ancho 0,5, profundidad 0,5, imágenes de 32×32): preentrenada por el proyecto en seis clases de CIFAR-10 que la tarea no usa (avión, automóvil, rana, caballo, barco y camión).';
