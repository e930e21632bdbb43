import { EngineInputError } from './errors';
import { weightSizes } from './models';
import { IMAGE_BYTES, TEST_IMAGES, TRAIN_IMAGES } from './cifar10/classes';
import { TRANSFER_BASES, type MlpSpec, type RunSpec, type TransferSpec } from './spec';

/** Checks a run before anything is built, so a bad value never costs trained weights. */

function fail(message: string): never {
  throw new EngineInputError(message);
}

/** 1.000 and 50.000: es-ES leaves four-digit numbers ungrouped unless told. */
const grouped = (n: number) => n.toLocaleString('es-ES', { useGrouping: 'always' } as unknown as Intl.NumberFormatOptions);

const show = (v: unknown) => (typeof v === 'number' ? String(v).replace('.', ',') : `«${String(v)}»`);

function positiveNumber(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    fail(`${what} debe ser un número mayor que 0 (recibido: ${show(value)}).`);
  }
}

function positiveInteger(value: unknown, what: string, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    fail(`${what} debe ser un número entero entre 1 y ${max} (recibido: ${show(value)}).`);
  }
}

function fraction(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 1) {
    fail(`${what} debe estar entre 0 y 1, sin llegar a 1 (recibido: ${show(value)}).`);
  }
}

function validateModel(spec: MlpSpec): void {
  if (spec.inputShape.length === 0 || spec.inputShape.some((d) => !Number.isInteger(d) || d < 1)) {
    fail('La forma de la entrada del modelo no es válida.');
  }
  for (const layer of spec.hidden ?? []) {
    positiveInteger(layer.units, 'El número de neuronas de una capa oculta', 100_000);
    if (layer.dropout !== undefined) fraction(layer.dropout, 'La tasa de Dropout');
  }
  positiveInteger(spec.outputUnits, 'El número de salidas', 100_000);
  if (spec.initialWeights) {
    const sizes = weightSizes(spec);
    const given = spec.initialWeights;
    if (given.length !== sizes.length || given.some((w, i) => w.length !== sizes[i])) {
      fail(`Los pesos iniciales no encajan con el modelo: se esperaban ${sizes.length} grupos de tamaños ${sizes.join(', ')}.`);
    }
    if (given.some((w) => w.some((v) => !Number.isFinite(v)))) {
      fail('Los pesos iniciales deben ser números finitos.');
    }
  }
}

const CIFAR10_CLASS_COUNT = 10;

function validateTransfer(spec: RunSpec, model: TransferSpec): void {
  if (!TRANSFER_BASES.includes(model.base)) fail(`La base debe ser una de: ${TRANSFER_BASES.join(', ')} (recibido: ${show(model.base)}).`);
  if (model.weights !== 'pretrained' && model.weights !== 'random') fail(`Los pesos de la base deben ser «pretrained» o «random» (recibido: ${show(model.weights)}).`);
  positiveInteger(model.classes, 'El número de clases', CIFAR10_CLASS_COUNT);
  if (model.classes < 2) fail('Hacen falta al menos 2 clases.');
  if (spec.loss !== 'categorical_crossentropy') fail('La transferencia entrena con entropía cruzada categórica, como el cuaderno.');
  if (spec.watchParams || spec.watchInputs) fail('Un modelo de transferencia no envía sus parámetros en cada actualización.');
  const { data } = spec;
  if (data.kind === 'user-images') {
    if (!Number.isInteger(data.version)) fail('La versión de las imágenes propias debe ser un número entero.');
    return;
  }
  if (data.kind !== 'cifar10-classes') fail('Un modelo de transferencia necesita imágenes por clases.');
  const { classes } = data;
  if (!Array.isArray(classes) || classes.length !== model.classes) fail(`Hay que elegir ${model.classes} clases de CIFAR-10.`);
  if (classes.some((c) => !Number.isInteger(c) || c < 0 || c >= CIFAR10_CLASS_COUNT)) fail('Las clases de CIFAR-10 van de 0 a 9.');
  if (new Set(classes).size !== classes.length) fail('Las clases elegidas deben ser distintas.');
  positiveInteger(data.train, 'El número de imágenes de entrenamiento por clase', TRAIN_IMAGES / CIFAR10_CLASS_COUNT);
  positiveInteger(data.validation, 'El número de imágenes de validación por clase', TEST_IMAGES / CIFAR10_CLASS_COUNT);
}

export function validateRunSpec(spec: RunSpec): void {
  if (spec.model.kind === 'transfer') validateTransfer(spec, spec.model);
  else validateModel(spec.model);
  const lr = spec.optimizer.learningRate;
  if (lr !== undefined) positiveNumber(lr, 'La tasa de aprendizaje');
  if (spec.optimizer.name !== 'adam' && spec.optimizer.momentum !== undefined) {
    fraction(spec.optimizer.momentum, 'El momento');
  }
  positiveInteger(spec.epochs, 'El número de épocas', 1_000_000);
  if (spec.batchSize !== undefined) positiveInteger(spec.batchSize, 'El tamaño de lote', 1_000_000);
  if (spec.validationSplit !== undefined) fraction(spec.validationSplit, 'La fracción de validación');
  if (!Number.isInteger(spec.seed)) fail(`La semilla debe ser un número entero (recibido: ${show(spec.seed)}).`);

  if (spec.model.kind === 'transfer') return;
  if (spec.data.kind === 'cifar10-classes' || spec.data.kind === 'user-images') fail('Las imágenes por clases son para modelos de transferencia.');
  if (spec.data.kind === 'cifar10') return validateCifar10(spec, spec.model, spec.data.train);
  const { x, y } = spec.data;
  if (x.length === 0) fail('No hay datos de entrenamiento.');
  if (x.length !== y.length) fail(`Hay ${x.length} entradas pero ${y.length} etiquetas.`);
  const width = spec.model.inputShape.reduce((a, b) => a * b, 1);
  if (x.some((row) => row.length !== width || row.some((v) => !Number.isFinite(v)))) {
    fail(`Cada entrada debe tener ${width} números finitos.`);
  }
  const trainCount = x.length - Math.floor(x.length * (spec.validationSplit ?? 0));
  if (trainCount < 1) fail('Con esa fracción de validación no queda ningún dato para entrenar.');
}

function validateCifar10(spec: RunSpec, model: MlpSpec, train: number): void {
  if (typeof train !== 'number' || !Number.isInteger(train) || train < 1 || train > TRAIN_IMAGES) {
    fail(`El número de imágenes de entrenamiento debe ser un entero entre 1 y ${grouped(TRAIN_IMAGES)} (recibido: ${show(train)}).`);
  }
  if (train - Math.floor(train * (spec.validationSplit ?? 0)) < 1) fail('Con esa fracción de validación no queda ninguna imagen para entrenar.');
  if (model.inputShape.reduce((a, b) => a * b, 1) !== IMAGE_BYTES) fail(`Cada imagen de CIFAR-10 son ${IMAGE_BYTES} números.`);
  if (model.outputUnits !== 10 || spec.loss !== 'sparse_categorical_crossentropy') {
    fail('CIFAR-10 tiene 10 clases con etiquetas enteras: 10 salidas y entropía cruzada categórica dispersa.');
  }
}
