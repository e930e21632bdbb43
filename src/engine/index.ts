/** The training engine's public surface: no React, no DOM; runs in a Worker or in Node. */
// The page imports only tf-free modules (spec, labels) and types; tfjs loads in the worker.
export * from './spec';
export { EngineInputError } from './errors';
export { Trainer, type Status, type EpochRecord, type TrainerUpdate, type TrainerInfo, type TrainerOptions } from './trainer';
export { BACKEND_LABELS } from './labels';
export { activateBackend, chooseBackend, configureWasm, probeBackends, type BackendChoice, type BackendInfo } from './backends';
export type { SoftmaxInspection } from './softmax';
export { weightSizes } from './models';
export type { LayerTrace, StepTrace } from './trace';
