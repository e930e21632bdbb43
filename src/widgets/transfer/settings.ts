import { type BackendPreference, CIFAR10_CLASSES, MINI_WEIGHTS_PATH, type RunSpec, type TransferBase } from '../../engine/protocol';
import { BACKEND_FIELD, SEED_FIELD, type ChoiceField, type Fields, type NumberField, type TextField, type Values } from '../urlState';
// The same `augment` list and Keras layers as the CIFAR-10 lab.
import { AUGMENTATIONS, augmentField } from '../augment/augment';

/** Exercise E as the widget runs it: the notebook's choices, with four CIFAR-10 classes or the student's own. */

/** CIFAR-10's classes as the URL names them (English keys, label order). */
export const CIFAR10_KEYS = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'] as const;
export const DEFAULT_CLASSES = 'bird,cat,deer,dog';
/** `classes=propias`: the student's own images instead of CIFAR-10. */
export const OWN_IMAGES = 'propias';
export const CLASS_COUNT = 4;

/** The CIFAR-10 labels a `classes` value names, or null for the student's own images. */
export function parseClasses(raw: string): number[] | null {
  if (raw === OWN_IMAGES) return null;
  return raw.split(',').map((key) => (CIFAR10_KEYS as readonly string[]).indexOf(key.trim()));
}

export function checkClasses(raw: string): string | null {
  if (raw === OWN_IMAGES) return null;
  const labels = parseClasses(raw)!;
  if (labels.length !== CLASS_COUNT || labels.some((l) => l < 0)) {
    return `debe ser «${OWN_IMAGES}» o ${CLASS_COUNT} clases de CIFAR-10 separadas por comas, entre: ${CIFAR10_KEYS.join(', ')}`;
  }
  return new Set(labels).size === labels.length ? null : 'debe nombrar clases distintas';
}

export const BASE_LABELS: Record<TransferBase, string> = {
  b0: 'EfficientNetB0 (ImageNet, 224×224)',
  b3: 'EfficientNetB3 (ImageNet, 300×300; más lenta)',
  mini: 'EfficientNet mini (sin conexión, 32×32)',
};

/** Where the site serves each base's converted weights (relative to the page). */
export const WEIGHTS_PATHS: Record<TransferBase, string> = {
  b0: 'weights/efficientnetb0/model.json',
  b3: 'weights/efficientnetb3/model.json',
  mini: MINI_WEIGHTS_PATH,
};

export const BASE_FIELD: ChoiceField<TransferBase> = {
  kind: 'choice',
  label: 'Base',
  default: 'b0',
  options: ['b0', 'b3', 'mini'],
  optionLabels: BASE_LABELS,
};
export const CLASSES_FIELD: TextField = { kind: 'text', label: 'Las clases', default: DEFAULT_CLASSES, check: checkClasses };
export const NAMES_FIELD: TextField = {
  kind: 'text',
  label: 'Los nombres de las clases propias',
  default: '',
  check: (raw) =>
    raw.split(',').length === CLASS_COUNT && raw.split(',').every((n) => n.trim() !== '')
      ? null
      : `debe tener ${CLASS_COUNT} nombres separados por comas`,
};
/** The first training file holds about 1.000 images of each class: enough, and a fifth of the download. */
export const IMAGES_FIELD: NumberField = { kind: 'number', label: 'Imágenes por clase', default: 100, integer: true, min: 2, max: 900 };
export const VALIDATION_FIELD: NumberField = {
  kind: 'number',
  label: 'Validación por clase',
  default: 100,
  integer: true,
  min: 1,
  max: 1000,
};
export const LR_FIELD: NumberField = { kind: 'number', label: 'η, fase 1', default: 1e-3, min: 0, exclusiveMin: true, max: 10 };
/**
 * Phase 2's defaults (scripts/pretrain-mini/README.md, «Fase 2»): on the mini base, 4 blocks at
 * η = 3·10⁻⁴ with the four augmentations gain 1–3 points in 5 epochs over every seed tried;
 * 2 blocks at 10⁻⁵ without augmentation moved nothing.
 */
export const LR2_FIELD: NumberField = {
  kind: 'number',
  label: 'η de la fase 2 (afinado)',
  default: 3e-4,
  min: 0,
  exclusiveMin: true,
  max: 10,
};
export const EPOCHS_FIELD: NumberField = { kind: 'number', label: 'Épocas, fase 1', default: 10, integer: true, min: 1, max: 1000 };
export const EPOCHS2_FIELD: NumberField = { kind: 'number', label: 'Épocas de la fase 2', default: 5, integer: true, min: 1, max: 1000 };
export const UNFREEZE_FIELD: NumberField = { kind: 'number', label: 'Bloques que descongelar', default: 4, integer: true, min: 1, max: 40 };
/** Phase 2's augmentation (phase 1 trains on cached features, see src/engine/transfer/run.ts). */
export const AUGMENT_FIELD: TextField = augmentField(AUGMENTATIONS.join(','));

export const TRANSFER_FIELDS = {
  base: BASE_FIELD,
  classes: CLASSES_FIELD,
  nombres: NAMES_FIELD,
  images: IMAGES_FIELD,
  val: VALIDATION_FIELD,
  lr: LR_FIELD,
  epochs: EPOCHS_FIELD,
  unfreeze: UNFREEZE_FIELD,
  lr2: LR2_FIELD,
  epochs2: EPOCHS2_FIELD,
  augment: AUGMENT_FIELD,
  seed: SEED_FIELD,
  backend: BACKEND_FIELD,
} satisfies Fields;

/** Keras's default batch size (model.fit). */
export const BATCH_SIZE = 32;

export interface TransferSettings {
  base: TransferBase;
  weights: 'pretrained' | 'random';
  /** CIFAR-10 labels, or null for the student's own images (their upload's `version`). */
  classes: number[] | null;
  ownVersion: number;
  images: number;
  validation: number;
  lr: number;
  epochs: number;
  seed: number;
  backend: BackendPreference;
}

/**
 * Phase 1's settings from the URL's values, on `base` (the one whose weights are in use) with
 * the student's images at `ownVersion`: what the lab runs and what its code panel writes.
 */
export function transferSettings(values: Values<typeof TRANSFER_FIELDS>, base: TransferBase, ownVersion: number): TransferSettings {
  return {
    base,
    weights: 'pretrained',
    classes: parseClasses(values.classes),
    ownVersion,
    images: values.images,
    validation: values.val,
    lr: values.lr,
    epochs: values.epochs,
    seed: values.seed,
    backend: values.backend,
  };
}

/** The notebook's run: base + head, Adam, categorical cross-entropy, accuracy; phase 1 frozen. */
export function transferSpec(s: TransferSettings): RunSpec {
  return {
    model: { kind: 'transfer', base: s.base, weights: s.weights, classes: CLASS_COUNT },
    data: s.classes
      ? { kind: 'cifar10-classes', classes: s.classes, train: s.images, validation: s.validation }
      : { kind: 'user-images', version: s.ownVersion },
    loss: 'categorical_crossentropy',
    metrics: ['accuracy'],
    optimizer: { name: 'adam', learningRate: s.lr },
    batchSize: BATCH_SIZE,
    epochs: s.epochs,
    // model.fit shuffles the training samples every epoch.
    shuffle: true,
    seed: s.seed,
    backend: s.backend,
  };
}

/** Spanish names of the task's classes, in label order. */
export function classNames(classes: number[] | null, ownNames: string): string[] {
  if (classes) return classes.map((c) => CIFAR10_CLASSES[c]);
  const names = ownNames.split(',').map((n) => n.trim());
  return Array.from({ length: CLASS_COUNT }, (_, i) => names[i] || `Clase ${i + 1}`);
}
