import type { Padding } from '../../engine/protocol';
import { BACKEND_FIELD, type ChoiceField, type Fields, type Values } from '../urlState';
import { KERNEL_LIMIT, KERNELS, parseKernel } from './kernels';

/** The convolution tool as the widget runs it: an image, a 3×3 filter, stride and padding. */

/** `imagen=escalon`: the synthetic step instead of a test image. */
export const STEP = 'escalon';
/** Images in CIFAR-10's test set, the ones the widget offers. */
const TEST_IMAGES = 10_000;

export const CONVOLUCION_FIELDS = {
  imagen: {
    kind: 'text',
    label: 'La imagen',
    default: '3',
    check: (raw: string) =>
      raw === STEP || (/^\d+$/.test(raw) && Number(raw) < TEST_IMAGES)
        ? null
        : `debe ser «${STEP}» o un número de imagen de prueba entre 0 y ${TEST_IMAGES - 1}`,
  },
  k: {
    kind: 'text',
    label: 'El filtro',
    default: KERNELS.borde_horizontal.values.join(','),
    check: (raw: string) => (parseKernel(raw) ? null : `debe tener 9 números entre −${KERNEL_LIMIT} y ${KERNEL_LIMIT} separados por comas`),
  },
  paso: { kind: 'choice', label: 'Paso (stride)', default: '1', options: ['1', '2'] } as ChoiceField<'1' | '2'>,
  relleno: {
    kind: 'choice',
    label: 'Relleno (padding)',
    default: 'same',
    options: ['same', 'valid'],
    optionLabels: { same: 'same: con ceros alrededor', valid: 'valid: sin relleno' },
  } as ChoiceField<Padding>,
  backend: BACKEND_FIELD,
} satisfies Fields;

/** What the engine convolves for these settings: a test image (null: the step), the filter, stride and padding. */
export function convolution(s: Values<typeof CONVOLUCION_FIELDS>) {
  return {
    imageIndex: s.imagen === STEP ? null : Number(s.imagen),
    kernel: parseKernel(s.k)!,
    stride: Number(s.paso) as 1 | 2,
    padding: s.relleno,
  };
}
