// Turns run results and the log scans into the figures of a chaos run and its verdict.
import { hasFullNumber, type LogFigures, addLogFigures } from './log-scan';
import type { ProblemKind, RunResult, StepRecord } from './types';

/** Every figure here must be 0. */
export type Violations = Record<ProblemKind, number> & {
  malformed: number;
  crashes: number;
  loggedNumbers: number;
  numbersInReasons: number;
  loggedCredentials: number;
  runnerErrors: number;
};

export interface ChaosReport {
  readonly ok: boolean;
  readonly seed: number;
  readonly runs: number;
  readonly concurrency: number;
  readonly wallMs: number;
  readonly resources: number;
  readonly stacks: number;
  readonly steps: number;
  /** Events CloudFormation sent that the handlers answered (swallowed Deletes not included). */
  readonly events: number;
  readonly failedEvents: number;
  readonly swallowedDeletes: number;
  readonly cancelledEvents: number;
  /** The most events in flight at once in one run, and how many runs had more than one. */
  readonly concurrentEvents: { readonly max: number; readonly runsWithSeveral: number };
  /** Events each delivery fault kind was applied to. */
  readonly deliveryFaults: Record<string, number>;
  /** "*_FAILED → recovery", as no-answer faults lead to. */
  readonly recoveries: Record<string, number>;
  readonly requests: number;
  readonly faults: RunResult['faults'] & { total: number };
  readonly orders: { placed: number; byStatus: Record<string, number>; redundant: number; redundantAcrossRequests: number; contended: number };
  readonly violations: Violations;
  readonly mix: {
    readonly shapes: Record<string, number>;
    readonly policies: Record<string, number>;
    readonly scenarios: Record<string, number>;
    readonly expected: Record<string, number>;
  };
  readonly lifecycleMs: { readonly p50: number; readonly p95: number; readonly max: number };
  readonly logs: LogFigures;
  /** One line per violation: run, seed, step and what was wrong. */
  readonly problems: string[];
  readonly results: RunResult[];
}

const KINDS: ProblemKind[] = [
  'unexpected-outcome', 'failed-stack', 'listed-twice', 'listed-not-held', 'listed-not-marked', 'held-by-nobody', 'acted-after-cancel',
  'acquired-twice', 'ordered-held-number', 'ordered-when-refused', 'unanswered', 'physical-id-changed', 'missing-attribute',
  'routed-not-listed',
];

export function buildReport(input: {
  seed: number; runs: number; concurrency: number; wallMs: number; results: RunResult[]; errors: string[]; logs: LogFigures;
}): ChaosReport {
  const { results } = input;
  const steps = results.flatMap(r => r.steps);
  const events = steps.flatMap(s => s.events);
  const answered = events.filter(e => !e.swallowed);
  const logs = results.reduce((acc, r) => addLogFigures(acc, r.logs), input.logs);
  const problemsOf = (r: RunResult) => [...r.steps.flatMap(s => s.problems), ...r.problems];
  const violations = {
    ...Object.fromEntries(KINDS.map(k => [k, sum(results, r => problemsOf(r).filter(p => p.kind === k).length)])),
    malformed: sum(results, r => r.malformed),
    crashes: sum(results, r => r.crashes.length),
    loggedNumbers: logs.fullNumbers,
    numbersInReasons: events.filter(e => e.reason && hasFullNumber(e.reason)).length,
    loggedCredentials: logs.credentials,
    runnerErrors: input.errors.length,
  } as Violations;
  const faults = sumFaults(results);
  const lifecycles = results.map(r => r.lifecycleMs).sort((a, b) => a - b);
  return {
    ok: Object.values(violations).every(v => v === 0) && results.length === input.runs,
    seed: input.seed, runs: input.runs, concurrency: input.concurrency, wallMs: input.wallMs,
    resources: sum(results, r => r.resources),
    stacks: sum(results, r => r.stacks),
    steps: steps.length,
    events: answered.length,
    failedEvents: answered.filter(e => e.status === 'FAILED').length,
    swallowedDeletes: events.length - answered.length,
    cancelledEvents: events.filter(e => e.cancelled).length,
    concurrentEvents: { max: Math.max(0, ...results.map(r => r.maxConcurrentEvents)), runsWithSeveral: results.filter(r => r.maxConcurrentEvents > 1).length },
    deliveryFaults: results.reduce<Record<string, number>>((acc, r) => addCounts(acc, r.deliveryFaults), {}),
    recoveries: tally(steps.flatMap(s => s.recoveries)),
    requests: sum(results, r => r.requests),
    faults,
    orders: {
      placed: sum(results, r => r.orders.placed),
      byStatus: results.reduce<Record<string, number>>((acc, r) => addCounts(acc, r.orders.byStatus), {}),
      redundant: sum(results, r => r.orders.redundant),
      redundantAcrossRequests: sum(results, r => r.orders.redundantAcrossRequests),
      contended: sum(results, r => r.orders.contended),
    },
    violations,
    mix: {
      shapes: tally(results.map(r => r.shape)),
      policies: results.reduce<Record<string, number>>((acc, r) => addCounts(acc, r.policies), {}),
      scenarios: tally(steps.map(s => s.label.split(':')[0].replace(' (rehearsed rollback)', ''))),
      expected: tally(steps.map(s => s.expect)),
    },
    lifecycleMs: { p50: percentile(lifecycles, 0.5), p95: percentile(lifecycles, 0.95), max: lifecycles[lifecycles.length - 1] ?? 0 },
    logs,
    problems: [...input.errors, ...results.flatMap(describeProblems), ...logProblems(logs)],
    results,
  };
}

function describeProblems(r: RunResult): string[] {
  const at = `run ${r.index} (seed ${r.seed}, ${r.shape})`;
  const out = [
    ...r.steps.flatMap(s => s.problems.map(p => `${at} step ${s.index} "${s.label}"${s.faults.length ? ` [${s.faults.join(', ')}]` : ''}: ${p.kind}: ${p.text}`)),
    ...r.problems.map(p => `${at}: ${p.kind}: ${p.text}`),
    ...r.crashes.map(c => `${at}: crash: ${c}`),
    ...(r.malformed ? [`${at}: ${r.malformed} malformed requests: ${r.malformedDetails.slice(0, 3).join(' | ')}`] : []),
    ...(r.steps.some(s => s.events.some(e => e.reason && hasFullNumber(e.reason))) ? [`${at}: a FAILED reason shows a whole phone number`] : []),
  ];
  if (out.length > 0 && r.kept) out.push(`${at}: kept in ${r.kept}`);
  if (out.length > 0) out.push(`${at}: resources ${r.described.join('; ')}; steps ${r.steps.map(stepLine).join('; ')}`);
  return out;
}

function stepLine(s: StepRecord): string {
  return `${s.index} "${s.label}" expect ${s.expect}${s.faults.length ? ` [${s.faults.join(', ')}]` : ''} → ${s.outcome.join(', ') || 'nothing deployed'}`;
}

function logProblems(logs: LogFigures): string[] {
  if (logs.fullNumbers === 0 && logs.credentials === 0) return [];
  return [`logs: ${logs.fullNumbers} lines with a full number, ${logs.credentials} with credentials; e.g. (masked here) ${logs.samples.join(' | ')}`];
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function sumFaults(results: RunResult[]): RunResult['faults'] & { total: number } {
  const f = { throttle: 0, serverError: 0, dropAfterAct: 0, dropBeforeAct: 0, latency: 0 };
  for (const r of results) for (const k of Object.keys(f) as (keyof typeof f)[]) f[k] += r.faults[k];
  // Latency is a delay, not a failure: the total counts faults a request fails or loses its answer to.
  return { ...f, total: f.throttle + f.serverError + f.dropAfterAct + f.dropBeforeAct };
}

const sum = <T>(items: T[], f: (t: T) => number) => items.reduce((acc, t) => acc + f(t), 0);

function tally(keys: string[]): Record<string, number> {
  return keys.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});
}

function addCounts(acc: Record<string, number>, more: Record<string, number>): Record<string, number> {
  for (const [k, v] of Object.entries(more)) acc[k] = (acc[k] ?? 0) + v;
  return acc;
}
