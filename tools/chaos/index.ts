// The chaos suite: many seeded runs of apps of several Custom::ChimePhoneNumberOrder resources
// through the local deploy (the real Provider framework, resources deployed at once), under
// emulator faults and delivery faults, each step audited for the ownership promises.
import { randomInt } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { DeliveryMix } from './delivery';
import { runInWorkers } from './pool';
import { Rng } from './random';
import { buildReport, type ChaosReport } from './report';
import { synthShapes } from './shapes';
import type { FaultMix, RunResult, RunSpec } from './types';

export type { ChaosReport, Violations } from './report';
export type { FaultMix, RunResult } from './types';
export { SCENARIO_KINDS } from './scenarios/registry';

export interface ChaosOptions {
  /** Default 50. */
  readonly runs?: number;
  /** Seeds every run's scenario and emulator; default random (the report names it). */
  readonly seed?: number;
  /**
   * Worker processes, each playing one run at a time; default min(runs, 10). A run mostly waits
   * (SDK backoff after throttling, order delays, ServiceTimeouts), but each runs a dozen function
   * processes while it deploys, so memory, more than cores, bounds this.
   */
  readonly concurrency?: number;
  readonly faults?: Partial<FaultMix>;
  readonly delivery?: Partial<DeliveryMix>;
  /** Steps between the first deploy and the stack delete, [min, max]; default [3, 5]. */
  readonly steps?: readonly [number, number];
  /** Default 100 ms: the waiter asks isComplete that often (keeping its total time). */
  readonly queryIntervalMs?: number;
  /** Default 50 (besides 8 recent ones): every create pages through them. */
  readonly unrelatedOrders?: number;
  /** ListPhoneNumberOrders page size range; default [2, 3]. */
  readonly pageSizes?: readonly [number, number];
  /** Default 1500 ms. */
  readonly maxOrderDelayMs?: number;
  /** Replay only these run indices of the seed (the report names a failing run's index). */
  readonly only?: readonly number[];
  /** Keep every run's directory (state directory with the handler log, template variants) under this one. */
  readonly keep?: string;
  readonly onRun?: (result: RunResult, done: number, total: number) => void;
}

export const DEFAULT_FAULTS: FaultMix = { throttleRate: 0.3, serverErrorRate: 0.1, dropAfterActRate: 0.05, latencyMs: { min: 0, max: 30 } };
export const DEFAULT_DELIVERY: DeliveryMix = { rate: 0.35, noAnswerTimeoutSeconds: 20 };

export async function runChaos(options: ChaosOptions = {}): Promise<ChaosReport> {
  const runs = options.runs ?? 50;
  const seed = (options.seed ?? randomInt(0, 2 ** 31)) >>> 0;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('runs must be a positive integer');
  const indices = options.only ? [...new Set(options.only)] : Array.from({ length: runs }, (_, i) => i);
  if (indices.some(i => !Number.isInteger(i) || i < 0)) throw new Error('only must list run indices (non-negative integers)');
  const started = Date.now();
  if (options.keep) fs.mkdirSync(options.keep, { recursive: true });
  const workDir = fs.mkdtempSync(path.join(options.keep ? path.resolve(options.keep) : os.tmpdir(), 'chaos-'));
  try {
    const shapes = await synthShapes(workDir);
    const specs: RunSpec[] = indices.map(index => ({
      index,
      seed: Rng.derive(seed, index),
      shapes,
      faults: { ...DEFAULT_FAULTS, ...options.faults },
      delivery: { ...DEFAULT_DELIVERY, ...options.delivery },
      steps: options.steps ?? [3, 5],
      queryIntervalMs: options.queryIntervalMs ?? 100,
      unrelatedOrders: options.unrelatedOrders ?? 50,
      pageSizes: options.pageSizes ?? [2, 3],
      maxOrderDelayMs: options.maxOrderDelayMs ?? 1500,
      workDir,
      keep: options.keep !== undefined,
    }));
    const concurrency = Math.max(1, Math.min(options.concurrency ?? 10, specs.length));
    let done = 0;
    const out = await runInWorkers(specs, concurrency, r => options.onRun?.(r, ++done, specs.length));
    const missing = specs.filter(s => !out.results.some(r => r.index === s.index) && !out.errors.some(e => e.startsWith(`run ${s.index}:`)));
    return buildReport({
      seed, runs: specs.length, concurrency, wallMs: Date.now() - started, results: out.results, logs: out.logs,
      errors: [...out.errors, ...missing.map(s => `run ${s.index}: no result`)],
    });
  } finally {
    if (!options.keep) fs.rmSync(workDir, { recursive: true, force: true });
  }
}
