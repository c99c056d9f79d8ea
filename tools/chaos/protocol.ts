// Messages between the chaos runner and its worker processes.
import type { RunResult, RunSpec } from './types';

export type ToWorker = { type: 'run'; spec: RunSpec } | { type: 'stop' };

export type FromWorker =
  | { type: 'ready' }
  /** `retire`: a handler invocation is still running in the background; the process must not serve another run. */
  | { type: 'result'; result: RunResult; retire: boolean }
  | { type: 'error'; index: number; message: string };
