import { describe, expect, it } from 'vitest';
import { validateRunSpec } from '../../engine/validate';
import { CURES, cureSpec, finalGap } from './cures';
import { describeNetwork } from './describe';
import { parseField, type Values } from '../urlState';
import { augmentSpec, parseAugment } from '../augment/augment';
import { CIFAR10_FIELDS, cifar10Spec, REFERENCE_MLP_PARAMS, regularizerSpec } from './settings';

const DEFAULTS = Object.fromEntries(Object.entries(CIFAR10_FIELDS).map(([k, f]) => [k, f.default])) as Values<typeof CIFAR10_FIELDS>;

describe('CIFAR-10 settings', () => {
  it('reads the augment list in any order, and refuses unknown or repeated names', () => {
    expect(parseAugment('')).toEqual([]);
    expect(parseAugment('zoom,flip')).toEqual(['flip', 'zoom']);
    expect(parseAugment('flip,giro')).toBeNull();
    expect(parseAugment('flip,flip')).toBeNull();
    expect(parseField(CIFAR10_FIELDS.augment, 'flip,giro')).toEqual({
      error: 'debe ser una lista separada por comas de: flip, shift, rotate, zoom',
    });
    expect(augmentSpec(['flip', 'shift'])).toEqual({ flip: true, translate: 0.1, rotate: undefined, zoom: undefined });
    expect(augmentSpec([])).toBeUndefined();
  });

  it('l1 and l2 are numbers ≥ 0 that become Keras regularizers', () => {
    expect(parseField(CIFAR10_FIELDS.l2, '-1')).toEqual({ error: 'debe ser un número mayor o igual que 0' });
    expect(parseField(CIFAR10_FIELDS.model, 'rnn')).toEqual({ error: 'debe ser uno de: mlp, cnn' });
    expect(regularizerSpec(0, 0)).toBeUndefined();
    expect(regularizerSpec(0.01, 0)).toEqual({ name: 'l1', l1: 0.01 });
    expect(regularizerSpec(0, 0.001)).toEqual({ name: 'l2', l2: 0.001 });
    expect(regularizerSpec(0.01, 0.001)).toEqual({ name: 'l1_l2', l1: 0.01, l2: 0.001 });
  });

  it('builds valid runs for the MLP and the CNN, with their regularization and augmentation', () => {
    const cnn = cifar10Spec({ ...DEFAULTS, model: 'cnn', l2: 0.001, augment: 'flip' });
    expect(() => validateRunSpec(cnn)).not.toThrow();
    expect(cnn.model).toMatchObject({ kind: 'cnn', kernelRegularizer: { name: 'l2', l2: 0.001 }, hidden: [{ units: 128, dropout: 0.2 }] });
    expect(cnn.augment).toEqual({ flip: true, translate: undefined, rotate: undefined, zoom: undefined });
    expect(() => validateRunSpec(cifar10Spec(DEFAULTS))).not.toThrow();
    expect(REFERENCE_MLP_PARAMS).toBe(6_305_802);
    expect(describeNetwork({ ...DEFAULTS, model: 'cnn' })).toContain(
      'Conv2D(64, 3×3, ReLU) → MaxPooling2D(2) → Flatten → Dense(128, ReLU)',
    );
  });

  it('the cures change only dropout, the regularizer and the augmentation, and turn early stopping off', () => {
    const specs = CURES.map((cure) => cureSpec(DEFAULTS, cure));
    specs.forEach((spec) => {
      expect(spec.seed).toBe(DEFAULTS.seed);
      expect(spec.callbacks).toEqual([]);
      expect(() => validateRunSpec(spec)).not.toThrow();
    });
    const [none, , , , all] = specs;
    expect(none.augment).toBeUndefined();
    expect(all.augment).toMatchObject({ flip: true, translate: 0.1 });
    expect(all.model).toMatchObject({ kernelRegularizer: { name: 'l2' } });
    expect(finalGap({ accuracy: 0.9, val_accuracy: 0.5 })?.gap).toBeCloseTo(0.4);
    expect(finalGap({ accuracy: 0.9 })).toBeNull();
  });
});
