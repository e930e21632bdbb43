import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEfficientNet, type EfficientNet } from './build';
import { setTrainableBlocks } from './freeze';

let net: EfficientNet;
beforeAll(async () => {
  await tf.setBackend('cpu');
  net = buildEfficientNet({ variant: 'b0', inputShape: [32, 32, 3], seed: 3 });
});
afterAll(() => net.model.dispose());

const values = (layer: string, weight: number) => Array.from(net.model.getLayer(layer).getWeights()[weight].dataSync());

/** One SGD step on the mean output, in training mode as the trainer runs it. */
function trainingStep(): void {
  const optimizer = tf.train.sgd(0.1);
  const x = tf.randomUniform([2, 32, 32, 3], 0, 255, 'float32', 5);
  optimizer.minimize(
    () => tf.mean(net.model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
    false,
    net.model.trainableWeights.map((w) => w.read() as tf.Variable),
  );
  x.dispose();
  optimizer.dispose();
}

describe('setTrainableBlocks', () => {
  it('k = 0 freezes the whole base', () => {
    setTrainableBlocks(net.model, net.blocks, 0);
    expect(net.model.trainableWeights).toHaveLength(0);
  });

  it('unfreezes the top k blocks but never BatchNormalization', () => {
    setTrainableBlocks(net.model, net.blocks, 2);
    const trainable = net.model.trainableWeights.map((w) => w.originalName);
    expect(trainable.sort()).toEqual(
      [
        'block7a_dwconv/depthwise_kernel',
        'block7a_expand_conv/kernel',
        'block7a_project_conv/kernel',
        'block7a_se_expand/bias',
        'block7a_se_expand/kernel',
        'block7a_se_reduce/bias',
        'block7a_se_reduce/kernel',
        'top_conv/kernel',
      ].sort(),
    );
    setTrainableBlocks(net.model, net.blocks, net.blocks.length);
    expect(net.model.getLayer('stem_conv').trainable).toBe(true);
    expect(net.model.getLayer('stem_bn').trainable).toBe(false);
  });

  it('keeps BatchNormalization in inference mode during a training step of an unfrozen block', () => {
    setTrainableBlocks(net.model, net.blocks, 2);
    const before = {
      mean: values('top_bn', 2),
      variance: values('top_bn', 3),
      kernel: values('top_conv', 0),
      stem: values('stem_conv', 0),
    };
    trainingStep();
    expect(values('top_conv', 0)).not.toEqual(before.kernel); // the unfrozen block did learn
    expect(values('stem_conv', 0)).toEqual(before.stem); // the frozen ones did not
    expect(values('top_bn', 2)).toEqual(before.mean);
    expect(values('top_bn', 3)).toEqual(before.variance);
  });

  it('a trainable BatchNormalization (a network trained from scratch) does update its statistics', () => {
    net.model.getLayer('top_bn').trainable = true;
    const before = values('top_bn', 2);
    trainingStep();
    expect(values('top_bn', 2)).not.toEqual(before);
  });
});
