import type { EpochRecord } from '../engine/protocol';

/**
 * The toy exercises are full-batch GradientTape loops, and their notebooks print the loss
 * computed before update k as epoch k, counting from 0 (DESIGN.md). An engine record counts
 * the updates done, so its loss is the notebook's epoch `record.epoch - 1`. Charts, tables
 * and summaries of those widgets number epochs with this.
 */
export const notebookEpoch = (record: EpochRecord): number => record.epoch - 1;
