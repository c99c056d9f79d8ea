// Turns run results and the log scan into the figures of a chaos run and its verdict.
import { duplicateCount } from './audit';
import { hasFullNumber, type LogFigures } from './log-scan';
import type { FaultFigures, RunResult } from './types';

export interface Violations {
  /** Claims of a number past its first order (see auditBooks). */
  duplicates: number;
  /** Numbers held at the end that no output the stack kept lists. */
  orphans: number;
  /** Numbers the kept outputs list that the account no longer holds. */
  lost: number;
  /** Runs whose stack ended ROLLBACK_FAILED, UPDATE_ROLLBACK_FAILED or DELETE_FAILED. */
  halfDone: number;
  /** Events without a proper answer: a hang, a non-Error rejection, a framework protocol breach. */
  unanswered: number;
  /** Requests the emulator counted as malformed. */
  malformed: number;
  /** Unhandled rejections or exceptions in a worker while a run was under way. */
  crashes: number;
  /** Log lines holding a whole phone number. */
  loggedNumbers: number;
  /** FAILED reasons (what CloudFormation shows) holding a whole phone number. */
  numbersInReasons: number;
  /** Log lines holding credentials or signing material. */
  loggedCredentials: number;
  /** Failures of the chaos machinery itself. */
  runnerErrors: number;
  /** Routed runs: associations or SIP rules left on the account once the stack is gone. */
  routingLeftovers: number;
  /** Routed runs: Voice Connectors or SIP media applications Chime would not delete once the stack is gone. */
  stuckTargets: number;
}

export interface ChaosReport {
  readonly ok: boolean;
  readonly seed: number;
  readonly runs: number;
  readonly concurrency: number;
  readonly wallMs: number;
  /** Events the handlers answered (swallowed Deletes not included). */
  readonly events: number;
  readonly failedEvents: number;
  readonly swallowedDeletes: number;
  readonly requests: number;
  readonly faults: FaultFigures & { total: number };
  readonly violations: Violations;
  readonly mix: {
    readonly policies: Record<string, number>;
    readonly creates: Record<string, number>;
    readonly updates: Record<string, number>;
    readonly rollbacks: Record<string, number>;
    readonly ends: Record<string, number>;
    readonly orders: Record<string, number>;
    /** Runs whose order routed its numbers, and those that did not. */
    readonly routing: Record<string, number>;
  };
  readonly lifecycleMs: { readonly p50: number; readonly p95: number; readonly max: number };
  readonly logs: LogFigures;
  /** One line per violation: run, seed and what was wrong. */
  readonly problems: string[];
  readonly results: RunResult[];
}

export function buildReport(input: {
  seed: number; runs: number; concurrency: number; wallMs: number; results: RunResult[]; errors: string[]; logs: LogFigures;
}): ChaosReport {
  const { results, logs } = input;
  const events = results.flatMap(r => r.events);
  const answered = events.filter(e => !e.swallowed);
  const faults = sumFaults(results);
  const violations: Violations = {
    duplicates: sum(results, r => duplicateCount(r.audit.duplicates)),
    orphans: sum(results, r => r.audit.orphans.length),
    lost: sum(results, r => r.audit.lost.length),
    halfDone: results.filter(r => r.end === 'half-done').length,
    unanswered: events.filter(e => e.unanswered).length,
    malformed: sum(results, r => r.malformed),
    crashes: sum(results, r => r.crashes.length),
    loggedNumbers: logs.fullNumbers,
    numbersInReasons: events.filter(e => e.reason && hasFullNumber(e.reason)).length,
    loggedCredentials: logs.credentials,
    runnerErrors: input.errors.length,
    routingLeftovers: sum(results, r => r.audit.routingLeftovers.length),
    stuckTargets: sum(results, r => r.audit.stuckTargets.length),
  };
  const lifecycles = results.map(r => r.lifecycleMs).sort((a, b) => a - b);
  return {
    ok: Object.values(violations).every(v => v === 0) && results.length === input.runs,
    seed: input.seed,
    runs: input.runs,
    concurrency: input.concurrency,
    wallMs: input.wallMs,
    events: answered.length,
    failedEvents: answered.filter(e => e.status === 'FAILED').length,
    swallowedDeletes: events.length - answered.length,
    requests: sum(results, r => r.requests),
    faults,
    violations,
    mix: {
      policies: tally(results.map(r => r.policy)),
      creates: tally(results.map(r => r.createKind)),
      updates: tally(events.filter(e => e.phase === 'deploy' && e.requestType === 'Update' && e.label.startsWith('update:')).map(e => e.label.replace('update:', ''))),
      rollbacks: tally(events.filter(e => e.phase === 'rollback' || e.phase === 'rehearsed-rollback').map(e => `${e.phase}:${e.requestType}`)),
      ends: tally(results.map(r => r.end)),
      orders: results.reduce<Record<string, number>>((acc, r) => addCounts(acc, r.audit.ordersByStatus), {}),
      routing: tally(results.map(r => (r.routed ? 'routed' : 'unrouted'))),
    },
    lifecycleMs: { p50: percentile(lifecycles, 0.5), p95: percentile(lifecycles, 0.95), max: lifecycles[lifecycles.length - 1] ?? 0 },
    logs,
    problems: [...input.errors, ...results.flatMap(describeProblems), ...logProblems(logs)],
    results,
  };
}

function describeProblems(r: RunResult): string[] {
  const at = `run ${r.index} (seed ${r.seed}, ${r.policy}, create:${r.createKind}${r.routed ? ', routed' : ''})`;
  const out: string[] = [];
  for (const d of r.audit.duplicates) out.push(`${at}: ${d.number} claimed by ${d.orders.length} orders (${d.orders.join(', ')})`);
  if (r.audit.orphans.length) out.push(`${at}: orphans ${r.audit.orphans.join(', ')} (stack ${r.end})`);
  if (r.audit.lost.length) out.push(`${at}: lost ${r.audit.lost.join(', ')} (stack ${r.end})`);
  if (r.halfDone) out.push(`${at}: ${r.halfDone}`);
  if (r.audit.routingLeftovers.length) out.push(`${at}: routing left once the stack is gone: ${r.audit.routingLeftovers.join(', ')}`);
  if (r.audit.stuckTargets.length) out.push(`${at}: targets Chime would not delete: ${r.audit.stuckTargets.join(', ')}`);
  for (const e of r.events.filter(ev => ev.unanswered)) out.push(`${at}: ${e.label} unanswered: ${e.unanswered}`);
  if (r.events.some(e => e.reason && hasFullNumber(e.reason))) out.push(`${at}: a FAILED reason shows a whole phone number`);
  if (r.malformed) out.push(`${at}: ${r.malformed} malformed requests: ${r.malformedDetails.slice(0, 3).join(' | ')}`);
  for (const c of r.crashes) out.push(`${at}: ${c}`);
  if (out.length > 0) out.push(`${at}: events ${r.events.map(e => `${e.label}=${e.status}${e.reason ? ` (${e.reason.slice(0, 200)})` : ''}`).join('; ')}`);
  return out;
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

function sumFaults(results: RunResult[]): FaultFigures & { total: number } {
  const f = { throttle: 0, serverError: 0, dropAfterAct: 0, dropBeforeAct: 0, latency: 0 };
  for (const r of results) for (const k of Object.keys(f) as (keyof FaultFigures)[]) f[k] += r.faults[k];
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
