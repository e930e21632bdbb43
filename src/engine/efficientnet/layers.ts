import * as tf from '@tensorflow/tfjs';

/**
 * The three layers EfficientNet needs that tfjs 4.22 lacks or gets wrong for transfer
 * learning. Importing this module registers them, which loading a saved model requires.
 */

type Kwargs = Parameters<tf.layers.Layer['call']>[1];
type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/**
 * Keras's Normalization on the last axis: (x − mean) / max(√variance, 1e-7). Its state is
 * three non-trainable weights named as in Keras's HDF5 files: `mean`, `variance` and the
 * `count` of samples `adapt` saw (kept only so the weights map one to one).
 */
export class Normalization extends tf.layers.Layer {
  static className = 'Normalization';
  private readonly initialMean?: number[];
  private readonly initialVariance?: number[];
  private mean!: tf.LayerVariable;
  private variance!: tf.LayerVariable;

  constructor(args: LayerArgs & { mean?: number[]; variance?: number[] }) {
    super(args);
    this.initialMean = args.mean;
    this.initialVariance = args.variance;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    const channels = [shape[shape.length - 1] as number];
    this.mean = this.addWeight('mean', channels, 'float32', tf.initializers.zeros(), undefined, false);
    this.variance = this.addWeight('variance', channels, 'float32', tf.initializers.ones(), undefined, false);
    this.addWeight('count', [], 'int32', tf.initializers.zeros(), undefined, false);
    tf.tidy(() => {
      if (this.initialMean) this.mean.write(tf.tensor1d(this.initialMean));
      if (this.initialVariance) this.variance.write(tf.tensor1d(this.initialVariance));
    });
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const std = tf.maximum(tf.sqrt(this.variance.read()), 1e-7);
      return tf.div(tf.sub(x, this.mean.read()), std);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), mean: this.initialMean ?? null, variance: this.initialVariance ?? null };
  }
}

/**
 * Rescaling by one factor per channel (Keras's Rescaling accepts a list; tfjs's only a
 * number). No weights.
 */
export class ChannelRescaling extends tf.layers.Layer {
  static className = 'ChannelRescaling';
  private readonly scale: number[];

  constructor(args: LayerArgs & { scale: number[] }) {
    super(args);
    this.scale = args.scale;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.mul(Array.isArray(inputs) ? inputs[0] : inputs, tf.tensor1d(this.scale)));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), scale: this.scale };
  }
}

type BatchNormalizationArgs = Parameters<typeof tf.layers.batchNormalization>[0];
type BatchNormalizationLayer = ReturnType<typeof tf.layers.batchNormalization>;
// tfjs does not export the class itself; its serialization registry does, without side effects.
const TfjsBatchNormalization = tf.serialization.SerializationMap.getMap().classNameMap['BatchNormalization'][0] as unknown as (new (
  args?: BatchNormalizationArgs,
) => BatchNormalizationLayer) &
  Pick<typeof tf.layers.Layer, 'fromConfig'>;

/**
 * BatchNormalization with Keras's rule for frozen layers: when not trainable it runs in
 * inference mode (moving statistics, no update) even inside a training step. tfjs's own
 * layer keeps using batch statistics and updating them, which ruins pretrained weights.
 */
export class KerasBatchNormalization extends TfjsBatchNormalization {
  static className = 'KerasBatchNormalization';
  /**
   * While set (see calibrate.ts), each forward pass normalises with the batch's own moments
   * and adds them here: per channel, the mean of x and of x², one entry per batch.
   */
  calibration: { mean: tf.Tensor1D; square: tf.Tensor1D }[] | null = null;

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    if (this.calibration) return this.calibrate(Array.isArray(inputs) ? inputs[0] : inputs);
    return super.call(inputs, { ...kwargs, training: Boolean(kwargs?.training) && this.trainable });
  }

  private calibrate(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const axes = x.shape.slice(0, -1).map((_, i) => i);
      const { mean, variance } = tf.moments(x, axes);
      this.calibration!.push({ mean: tf.keep(mean as tf.Tensor1D), square: tf.keep(tf.add(variance, tf.square(mean)) as tf.Tensor1D) });
      const [gamma, beta] = ['gamma', 'beta'].map((n) => this.weights.find((w) => w.originalName.endsWith(`/${n}`))?.read());
      return tf.batchNorm(
        x,
        mean,
        variance,
        beta as tf.Tensor1D | undefined,
        gamma as tf.Tensor1D | undefined,
        this.getConfig().epsilon as number,
      );
    });
  }
}

tf.serialization.registerClass(Normalization);
tf.serialization.registerClass(ChannelRescaling);
tf.serialization.registerClass(KerasBatchNormalization);
