/**
 * The engine's entry for code that runs it directly: unit tests in Node and the bench worker.
 * The page never imports this: it talks to the engine's Worker and takes types from protocol.ts.
 */
export * from './spec';
export { EngineInputError } from './errors';
export { Trainer, type Status, type EpochRecord, type TrainerUpdate, type TrainerInfo, type TrainerOptions } from './trainer';
export { configureWasm, probeBackends, type BackendChoice, type BackendInfo } from './backends';
