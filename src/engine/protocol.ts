/**
 * The contract between the engine's worker and the page: every type that crosses the
 * worker boundary, and the few plain constants and pure functions the page shares with the
 * engine. `src/widgets`, `src/ui` and `src/app` import from the engine only through this
 * module (the worker's URL aside), so the contract is readable in one place.
 *
 * Values are re-exported only from modules that never import tfjs: this file is part of the
 * page bundle, and tfjs must stay in the worker's chunk. Types are erased, so they may come
 * from anywhere.
 */

// What a run is: plain data the page builds and the worker validates.
export type {
  Activation,
  AugmentSpec,
  BackendName,
  BackendPreference,
  CallbackSpec,
  CnnSpec,
  DataSpec,
  EarlyStoppingSpec,
  LearningRateSchedulerSpec,
  LossName,
  MlpSpec,
  ModelSpec,
  OptimizerSpec,
  PlainModelSpec,
  RegularizerSpec,
  RunSpec,
  TransferBase,
  TransferSpec,
} from './spec';
export { BACKEND_NAMES } from './spec';

// What the page hears about a run.
export type { EpochProgress, EpochRecord, Evaluation, FineTunePlan, Status, TrainerInfo, TrainerUpdate } from './trainer';
export type { Logs } from './callbacks';
export type { BlockInfo, PhaseMark } from './transfer/run';
export type { LayerTrace, StepTrace } from './trace';
export type { WeightHistogram } from './histograms';
export type { LoadProgress } from './cifar10/load';

// Backends: which one computes, and why.
export type { BackendChoice, BackendInfo } from './backends';
export { BACKEND_LABELS } from './labels';

// The worker's API (a type only: the page talks to it through Comlink) and its results.
export type { EngineSession } from './worker';
export type { BackendSpeed } from './session/bench';
export type { BaseWeights, Cifar10Availability } from './session/datasets';
export type { FeatureMaps, Padding } from './convolution';
export type { FirstLayerView } from './firstLayer';
export type { SoftmaxInspection } from './softmax';
export type { ClassifierInfo } from './transfer/classifier';
export type { RaceReport, RaceSpec, RacerName, RacerReport, StepDetail } from './race/types';
export { RACER_NAMES } from './race/types';

// Plain numbers the page computes or shows without asking the worker.
export { CIFAR10_CLASSES, IMAGE_SIDE, IMAGES_PER_FILE, MIN_TRAIN_IMAGES } from './cifar10/classes';
// A few test images for a gallery of the data, read on the page (no tfjs, a hundred kilobytes).
export { cifar10Sample, type Cifar10Sample } from './cifar10/sample';
export { classificationReport, confusionMatrix, type ClassificationReport, type ClassScores } from './report';
export { MINI_DESCRIPTION, MINI_PRETRAIN_CLASSES, MINI_WEIGHTS_PATH } from './efficientnet/mini';
export { baseFeatures, headParams } from './transfer/bases';
export { heldOutCount } from './transfer/heldOut';
