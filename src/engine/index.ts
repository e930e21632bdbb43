/** The training engine's public surface: no React, no DOM; runs in a Worker or in Node. */
export * from './spec';
export { EngineInputError } from './errors';
export { Trainer, type Status, type EpochRecord, type TrainerUpdate, type TrainerInfo, type TrainerOptions } from './trainer';
export { BACKEND_LABELS, chooseBackend, configureWasm, probeBackends, type BackendChoice, type BackendInfo } from './backends';
export { OPTIMIZER_DEFAULTS } from './optimizers';
export { LOSS_LABELS } from './losses';
export { weightSizes } from './models';
