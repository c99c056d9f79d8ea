// Messages between the chaos runner and its worker processes.
import type { RunResult, RunSpec } from './types';

export type ToWorker = { type: 'run'; spec: RunSpec } | { type: 'stop' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; result: RunResult }
  | { type: 'error'; index: number; message: string };
