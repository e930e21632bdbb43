import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countParams } from '../models';
import { buildEfficientNet, type EfficientNet } from './build';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

let built: EfficientNet | null = null;
afterEach(() => {
  built?.model.dispose();
  built = null;
});

const layerParams = (net: EfficientNet, name: string) => net.model.getLayer(name).countParams();

describe('EfficientNet builder', () => {
  it('B0 has the parameters of Keras EfficientNetB0(include_top=False), layer by layer', () => {
    built = buildEfficientNet({ variant: 'b0', inputShape: [32, 32, 3] });
    expect(countParams(built.model).total).toBe(4_049_571);
    expect(built.model.outputs[0].shape).toEqual([null, 1, 1, 1280]);
    // Derived from Keras's architecture: kernels k·k·in·out, SE convs with bias, BN 4 per channel.
    const expected: Record<string, number> = {
      normalization: 7,
      stem_conv: 864,
      stem_bn: 128,
      block1a_dwconv: 288,
      block1a_bn: 128,
      block1a_se_reduce: 264,
      block1a_se_expand: 288,
      block1a_project_conv: 512,
      block1a_project_bn: 64,
      block2a_expand_conv: 1536,
      block2a_expand_bn: 384,
      block2a_dwconv: 864,
      block2a_se_reduce: 388,
      block2a_se_expand: 480,
      block2a_project_conv: 2304,
      block6a_dwconv: 16_800,
      block6a_se_reduce: 18_844,
      block6a_se_expand: 19_488,
      block6a_project_conv: 129_024,
      block7a_dwconv: 10_368,
      block7a_project_conv: 368_640,
      top_conv: 409_600,
      top_bn: 5120,
    };
    for (const [name, count] of Object.entries(expected)) expect([name, layerParams(built, name)]).toEqual([name, count]);
  });

  it('B3 has the parameters of Keras EfficientNetB3(include_top=False) and 1536 channels', () => {
    built = buildEfficientNet({ variant: 'b3', inputShape: [32, 32, 3] });
    expect(countParams(built.model).total).toBe(10_783_535);
    expect(built.model.outputs[0].shape).toEqual([null, 1, 1, 1536]);
  });

  it('lists the blocks in order: stem, 16 MBConv blocks for B0 (26 for B3), top', () => {
    built = buildEfficientNet({ variant: 'b0', inputShape: [32, 32, 3] });
    const names = built.blocks.map((b) => b.name);
    expect(names.slice(0, 4)).toEqual(['stem', 'block1a', 'block2a', 'block2b']);
    expect(names.slice(-2)).toEqual(['block7a', 'top']);
    expect(names).toHaveLength(18);
    expect(built.blocks[0].layers).toContain('normalization');
    expect(built.blocks[1].layers).toEqual([
      'block1a_dwconv',
      'block1a_bn',
      'block1a_activation',
      'block1a_se_squeeze',
      'block1a_se_reshape',
      'block1a_se_reduce',
      'block1a_se_expand',
      'block1a_se_excite',
      'block1a_project_conv',
      'block1a_project_bn',
    ]);
    // Every layer but the input belongs to exactly one block.
    const listed = built.blocks.flatMap((b) => b.layers);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.length).toBe(built.model.layers.length - 1);
    built.model.dispose();
    built = buildEfficientNet({ variant: 'b3', inputShape: [32, 32, 3] });
    expect(built.blocks).toHaveLength(28);
  });

  it('uses Keras weight names', () => {
    built = buildEfficientNet({ variant: 'b0', inputShape: [32, 32, 3] });
    const names = built.model.weights.map((w) => w.originalName);
    for (const name of [
      'normalization/mean',
      'normalization/variance',
      'normalization/count',
      'stem_conv/kernel',
      'stem_bn/gamma',
      'stem_bn/beta',
      'stem_bn/moving_mean',
      'stem_bn/moving_variance',
      'block1a_dwconv/depthwise_kernel',
      'block2b_se_reduce/bias',
    ]) {
      expect(names).toContain(name);
    }
    expect(names).toContain('top_conv/kernel');
  });

  it('the same seed gives the same weights', () => {
    const a = buildEfficientNet({ variant: 'b0', inputShape: [32, 32, 3], seed: 7 });
    const b = buildEfficientNet({ variant: 'b0', inputShape: [32, 32, 3], seed: 7 });
    const kernel = (net: EfficientNet) => net.model.getLayer('block3a_expand_conv').getWeights()[0].dataSync();
    expect(Array.from(kernel(a))).toEqual(Array.from(kernel(b)));
    a.model.dispose();
    b.model.dispose();
  });

  it('builds a custom scaling (a mini network) and leaves no tensor behind once disposed', () => {
    const baseline = tf.memory().numTensors;
    const mini = buildEfficientNet({ variant: { widthCoefficient: 0.25, depthCoefficient: 0.25, resolution: 32, dropout: 0.2 } });
    expect(mini.model.name).toBe('efficientnet');
    expect(mini.blocks.map((b) => b.name)).toEqual([
      'stem',
      'block1a',
      'block2a',
      'block3a',
      'block4a',
      'block5a',
      'block6a',
      'block7a',
      'top',
    ]);
    const out = tf.tidy(() => (mini.model.predict(tf.zeros([2, 32, 32, 3])) as tf.Tensor).shape);
    expect(out).toEqual([2, 1, 1, 320]);
    mini.model.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('normalises 0–255 pixels with ImageNet statistics as Keras does', () => {
    built = buildEfficientNet({ variant: 'b0', inputShape: [32, 32, 3] });
    const stem = tf.model({ inputs: built.model.inputs, outputs: built.model.getLayer('rescaling_1').output as tf.SymbolicTensor });
    const pixel = [200, 100, 50];
    const out = tf.tidy(() =>
      (stem.predict(tf.tensor4d(pixel, [1, 1, 1, 3]).tile([1, 32, 32, 1])) as tf.Tensor).slice([0, 0, 0, 0], [1, 1, 1, 3]).dataSync(),
    );
    const expected = pixel.map((p, c) => (p / 255 - [0.485, 0.456, 0.406][c]) / [0.229, 0.224, 0.225][c]);
    expected.forEach((e, c) => expect(out[c]).toBeCloseTo(e, 5));
  });
});

describe('EfficientNet forward pass at full size (cpu backend)', () => {
  it('B0 at 224×224 gives a 7×7×1280 map', () => {
    built = buildEfficientNet({ variant: 'b0' });
    const image = tf.randomUniform([1, 224, 224, 3], 0, 255, 'float32', 1);
    const t0 = performance.now();
    const out = built.model.predict(image) as tf.Tensor;
    const values = out.dataSync();
    console.log(`B0 224×224 forward pass (cpu): ${(performance.now() - t0).toFixed(0)} ms`);
    expect(out.shape).toEqual([1, 7, 7, 1280]);
    expect(values.every(Number.isFinite)).toBe(true);
    tf.dispose([image, out]);
  });

  it('B3 at 300×300 gives a 10×10×1536 map', () => {
    built = buildEfficientNet({ variant: 'b3' });
    const image = tf.randomUniform([1, 300, 300, 3], 0, 255, 'float32', 1);
    const t0 = performance.now();
    const out = built.model.predict(image) as tf.Tensor;
    const values = out.dataSync();
    console.log(`B3 300×300 forward pass (cpu): ${(performance.now() - t0).toFixed(0)} ms`);
    expect(out.shape).toEqual([1, 10, 10, 1536]);
    expect(values.every(Number.isFinite)).toBe(true);
    tf.dispose([image, out]);
  });
});
