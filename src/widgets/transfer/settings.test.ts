import { describe, expect, it } from 'vitest';
import { AUGMENT_FIELD, checkClasses } from './settings';

describe('the transfer lab settings', () => {
  it('take the augmentation as the CIFAR-10 lab does: a comma list of flip, shift, rotate and zoom', () => {
    expect(AUGMENT_FIELD.check!('flip,shift,rotate,zoom')).toBeNull();
    expect(AUGMENT_FIELD.check!('')).toBeNull();
    expect(AUGMENT_FIELD.check!('volteo')).toMatch(/flip, shift, rotate, zoom/);
    expect(AUGMENT_FIELD.check!('flip,flip')).not.toBeNull();
  });

  it('want four different CIFAR-10 classes, or the own images', () => {
    expect(checkClasses('bird,cat,deer,dog')).toBeNull();
    expect(checkClasses('propias')).toBeNull();
    expect(checkClasses('bird,bird,deer,dog')).toMatch(/distintas/);
  });
});
