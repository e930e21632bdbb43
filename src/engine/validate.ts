import { EngineInputError } from './errors';
import { cnnSides, weightSizes } from './models';
import { IMAGE_BYTES, TEST_IMAGES, TRAIN_IMAGES } from './cifar10/classes';
import {
  TRANSFER_BASES,
  type AugmentSpec,
  type CnnSpec,
  type PlainModelSpec,
  type RegularizerSpec,
  type RunSpec,
  type TransferSpec,
} from './spec';
import { invalidSpec as say, quantity } from './messages';

/** Checks a run before anything is built, so a bad value never costs trained weights. */

function fail(message: string): never {
  throw new EngineInputError(message);
}

function positiveNumber(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    fail(say.positiveNumber(what, value));
  }
}

function positiveInteger(value: unknown, what: string, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    fail(say.integerBetween(what, max, value));
  }
}

function fraction(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 1) {
    fail(say.fraction(what, value));
  }
}

function nonNegative(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(say.nonNegative(what, value));
}

/** Keras's validate_float_arg: finite and not negative; the name is one of its three classes. */
function validateRegularizer(spec: RegularizerSpec): void {
  if (!['l1', 'l2', 'l1_l2'].includes(spec.name)) fail(say.regularizerName(spec.name));
  if ('l1' in spec && spec.l1 !== undefined) nonNegative(spec.l1, quantity.l1);
  if ('l2' in spec && spec.l2 !== undefined) nonNegative(spec.l2, quantity.l2);
}

/** Keras's ranges: translation within the image, zoom above −100 %, rotation up to a turn (also a transfer run's phase-2 plan). */
export function validateAugment(spec: AugmentSpec): void {
  if (spec.flip !== undefined && typeof spec.flip !== 'boolean') fail(say.flip(spec.flip));
  const factors: [number | undefined, string, number][] = [
    [spec.translate, quantity.translate, 1],
    [spec.rotate, quantity.rotate, 1],
    [spec.zoom, quantity.zoom, 0.999],
  ];
  for (const [value, what, max] of factors) {
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) fail(say.betweenZeroAndOne(what, value));
  }
}

/** The convolutional blocks fit the image: each leaves feature maps of at least 1×1. */
function validateCnn(spec: CnnSpec): void {
  if (spec.inputShape.length !== 3) fail(say.cnnInput);
  for (const layer of spec.conv) {
    positiveInteger(layer.filters, quantity.filters, 4096);
    positiveInteger(layer.kernelSize, quantity.kernelSize, 15);
  }
  if (cnnSides(spec).some(({ height, width }) => height < 1 || width < 1)) fail(say.cnnTooSmall);
}

function validateModel(spec: PlainModelSpec): void {
  if (spec.kernelRegularizer) validateRegularizer(spec.kernelRegularizer);
  if (spec.inputShape.length === 0 || spec.inputShape.some((d) => !Number.isInteger(d) || d < 1)) {
    fail(say.inputShape);
  }
  if (spec.kind === 'cnn') validateCnn(spec);
  for (const layer of spec.hidden ?? []) {
    positiveInteger(layer.units, quantity.units, 100_000);
    if (layer.dropout !== undefined) fraction(layer.dropout, quantity.dropout);
  }
  positiveInteger(spec.outputUnits, quantity.outputs, 100_000);
  if (spec.kind === 'mlp' && spec.initialWeights) {
    const sizes = weightSizes(spec);
    const given = spec.initialWeights;
    if (given.length !== sizes.length || given.some((w, i) => w.length !== sizes[i])) {
      fail(say.initialWeightsShape(sizes));
    }
    if (given.some((w) => w.some((v) => !Number.isFinite(v)))) {
      fail(say.initialWeightsFinite);
    }
  }
}

const CIFAR10_CLASS_COUNT = 10;

function validateTransfer(spec: RunSpec, model: TransferSpec): void {
  if (!TRANSFER_BASES.includes(model.base)) fail(say.base(TRANSFER_BASES, model.base));
  if (model.weights !== 'pretrained' && model.weights !== 'random') fail(say.baseWeights(model.weights));
  positiveInteger(model.classes, quantity.classes, CIFAR10_CLASS_COUNT);
  if (model.classes < 2) fail(say.twoClasses);
  if (spec.loss !== 'categorical_crossentropy') fail(say.transferLoss);
  if (spec.watchParams || spec.watchInputs) fail(say.transferWatch);
  const { data } = spec;
  if (data.kind === 'user-images') {
    if (!Number.isInteger(data.version)) fail(say.userImagesVersion);
    return;
  }
  if (data.kind !== 'cifar10-classes') fail(say.transferNeedsClasses);
  const { classes } = data;
  if (!Array.isArray(classes) || classes.length !== model.classes) fail(say.chooseClasses(model.classes));
  if (classes.some((c) => !Number.isInteger(c) || c < 0 || c >= CIFAR10_CLASS_COUNT)) fail(say.classRange);
  if (new Set(classes).size !== classes.length) fail(say.distinctClasses);
  positiveInteger(data.train, quantity.trainPerClass, TRAIN_IMAGES / CIFAR10_CLASS_COUNT);
  positiveInteger(data.validation, quantity.validationPerClass, TEST_IMAGES / CIFAR10_CLASS_COUNT);
}

export function validateRunSpec(spec: RunSpec): void {
  if (spec.model.kind === 'transfer') validateTransfer(spec, spec.model);
  else validateModel(spec.model);
  const lr = spec.optimizer.learningRate;
  if (lr !== undefined) positiveNumber(lr, quantity.learningRate);
  if (spec.optimizer.name !== 'adam' && spec.optimizer.momentum !== undefined) {
    fraction(spec.optimizer.momentum, quantity.momentum);
  }
  positiveInteger(spec.epochs, quantity.epochs, 1_000_000);
  if (spec.batchSize !== undefined) positiveInteger(spec.batchSize, quantity.batchSize, 1_000_000);
  if (spec.validationSplit !== undefined) fraction(spec.validationSplit, quantity.validationSplit);
  if (!Number.isInteger(spec.seed)) fail(say.seed(spec.seed));
  if (spec.watchActivations && spec.model.kind !== 'mlp') fail(say.activationsNeedMlp);

  if (spec.augment) {
    validateAugment(spec.augment);
    if (spec.model.kind === 'transfer' || spec.data.kind !== 'cifar10') fail(say.augmentOnlyImages);
  }

  if (spec.model.kind === 'transfer') return;
  if (spec.data.kind === 'cifar10-classes' || spec.data.kind === 'user-images') fail(say.classesOnlyForTransfer);
  if (spec.data.kind === 'cifar10') return validateCifar10(spec, spec.model, spec.data.train);
  const { x, y } = spec.data;
  if (x.length === 0) fail(say.noData);
  if (x.length !== y.length) fail(say.inputsVsLabels(x.length, y.length));
  const width = spec.model.inputShape.reduce((a, b) => a * b, 1);
  if ([...x, ...(spec.watchActivations ?? [])].some((row) => row.length !== width || row.some((v) => !Number.isFinite(v)))) {
    fail(say.inputWidth(width));
  }
  const trainCount = x.length - Math.floor(x.length * (spec.validationSplit ?? 0));
  if (trainCount < 1) fail(say.nothingToTrain);
}

function validateCifar10(spec: RunSpec, model: PlainModelSpec, train: number): void {
  if (typeof train !== 'number' || !Number.isInteger(train) || train < 1 || train > TRAIN_IMAGES) {
    fail(say.cifar10Train(TRAIN_IMAGES, train));
  }
  if (train - Math.floor(train * (spec.validationSplit ?? 0)) < 1) fail(say.noImageToTrain);
  if (model.inputShape.reduce((a, b) => a * b, 1) !== IMAGE_BYTES) fail(say.cifar10Input(IMAGE_BYTES));
  if (model.outputUnits !== 10 || spec.loss !== 'sparse_categorical_crossentropy') {
    fail(say.cifar10Output);
  }
}
