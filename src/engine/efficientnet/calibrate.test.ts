import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEfficientNet } from './build';
import { calibrateBatchNormalization } from './calibrate';
import { KerasBatchNormalization } from './layers';
import { MINI_VARIANT } from './mini';

/** Eight seeded 32×32 "photos" with 0–255 pixels. */
let images: tf.Tensor4D;
let base: ReturnType<typeof buildEfficientNet>;

beforeAll(async () => {
  await tf.setBackend('cpu');
  images = tf.randomUniform([8, 32, 32, 3], 0, 255, 'float32', 7) as tf.Tensor4D;
  base = buildEfficientNet({ variant: MINI_VARIANT, seed: 3 });
});

afterAll(() => {
  images.dispose();
  base.model.dispose();
});

const weight = (layer: string, name: string) =>
  base.model
    .getLayer(layer)
    .weights.find((w) => w.originalName.endsWith(`/${name}`))!
    .read();
const featureSpread = () =>
  tf.tidy(
    () =>
      tf
        .moments(base.model.predict(images) as tf.Tensor)
        .variance.sqrt()
        .dataSync()[0],
  );

describe('BatchNormalization statistics measured on images', () => {
  it("turns a random base's near-zero features into usable ones, storing the moments each layer saw", async () => {
    // Keras's initial statistics (mean 0, variance 1) shrink a random base's features to almost nothing.
    expect(featureSpread()).toBeLessThan(1e-3);
    const tensors = tf.memory().numTensors;

    const seen: number[] = [];
    await calibrateBatchNormalization(
      base.model,
      2,
      (i) => images.slice([4 * i], [4]),
      (done) => seen.push(done),
    );
    expect(seen).toEqual([1, 2]);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(
      base.model.layers
        .filter((l) => l instanceof KerasBatchNormalization)
        .every((l) => (l as KerasBatchNormalization).calibration === null),
    ).toBe(true);

    // The first BatchNormalization: its statistics are the moments of stem_conv's output over all eight images.
    const stem = tf.model({ inputs: base.model.inputs, outputs: base.model.getLayer('stem_conv').output as tf.SymbolicTensor });
    const { mean, variance } = tf.moments(stem.predict(images) as tf.Tensor, [0, 1, 2]);
    expect(Array.from(await weight('stem_bn', 'moving_mean').data())).toEqual(
      Array.from(await mean.data()).map((v) => expect.closeTo(v, 4)),
    );
    expect(Array.from(await weight('stem_bn', 'moving_variance').data())).toEqual(
      Array.from(await variance.data()).map((v) => expect.closeTo(v, 3)),
    );
    tf.dispose([mean, variance]);

    expect(featureSpread()).toBeGreaterThan(1e-2);
    // Back in inference mode: the same input gives the same features twice.
    const [a, b] = [0, 1].map(() => base.model.predict(images.slice([0], [2])) as tf.Tensor);
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
    tf.dispose([a, b]);
  });
});
