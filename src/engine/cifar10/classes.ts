/** CIFAR-10's facts that the page needs too (no tfjs here). */

/** Class names in label order (0 = airplane … 9 = truck), in Spanish. */
export const CIFAR10_CLASSES = ['avión', 'automóvil', 'pájaro', 'gato', 'ciervo', 'perro', 'rana', 'caballo', 'barco', 'camión'] as const;

export const IMAGE_SIDE = 32;
export const IMAGE_BYTES = IMAGE_SIDE * IMAGE_SIDE * 3;
export const TRAIN_IMAGES = 50_000;
export const TEST_IMAGES = 10_000;
/** The package stores 10.000 images per PNG: five training files and one test file. */
export const IMAGES_PER_FILE = 10_000;
/** The smallest training set the lab's widget offers: below it a 10 % validation set is too noisy. */
export const MIN_TRAIN_IMAGES = 1_000;
