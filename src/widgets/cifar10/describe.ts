import { CIFAR10_CLASSES, IMAGE_SIDE } from '../../engine/protocol';
import { formatInteger, formatNumber } from '../../ui/format';
import { ACTIVATION_FIELD, CNN_CONV, CNN_DENSE_UNITS, INPUT_SIZE, type Cifar10Settings } from './settings';
import { AUGMENTATION_LABELS, parseAugment } from '../augment/augment';

const dropout = (rate: number) => (rate > 0 ? ` con Dropout(${formatNumber(rate, 2)})` : '');

/** The layers, as a Keras model.summary() would list them, in one line. */
function layers(s: Cifar10Settings): string {
  const output = `Dense(${CIFAR10_CLASSES.length}, softmax)`;
  if (s.model === 'cnn') {
    const blocks = CNN_CONV.map((c) => `Conv2D(${c.filters}, ${c.kernelSize}×${c.kernelSize}, ReLU) → MaxPooling2D(2)`).join(' → ');
    return `Imagen ${IMAGE_SIDE}×${IMAGE_SIDE}×3 → ${blocks} → Flatten → Dense(${CNN_DENSE_UNITS}, ReLU)${dropout(s.dropout)} → ${output}.`;
  }
  const hidden =
    s.hidden === 0
      ? 'sin capas ocultas'
      : `${s.hidden} × Dense(${formatInteger(s.units)}, ${ACTIVATION_FIELD.optionLabels![s.activacion]})`;
  const extras = [s.bn ? 'BatchNormalization' : '', s.dropout > 0 ? `Dropout(${formatNumber(s.dropout, 2)})` : '']
    .filter(Boolean)
    .join(' + ');
  return `${INPUT_SIZE} entradas → ${hidden}${extras && s.hidden > 0 ? ` con ${extras}` : ''} → ${output}.`;
}

/** The cures against overfitting that are on: the kernel regularizer and the augmentation layers. */
function cures(s: Cifar10Settings): string {
  const penalties = [s.l1 > 0 ? `L1 ${formatNumber(s.l1)}` : '', s.l2 > 0 ? `L2 ${formatNumber(s.l2)}` : ''].filter(Boolean);
  const augment = (parseAugment(s.augment) ?? []).map((a) => AUGMENTATION_LABELS[a].toLowerCase());
  return [
    penalties.length ? `Regularización ${penalties.join(' + ')} en el núcleo de cada capa.` : '',
    augment.length ? `Aumento de datos al entrenar: ${augment.join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The network and its regularization in a sentence: 6.305.802 parameters for the notebook's MLP. */
export function describeNetwork(s: Cifar10Settings): string {
  return [layers(s), cures(s)].filter(Boolean).join(' ');
}
