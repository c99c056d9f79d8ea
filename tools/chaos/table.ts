// The figures of a chaos report as a two-column table, for people.
import type { ChaosReport } from './report';

export function formatReport(r: ChaosReport): string {
  const v = r.violations;
  const rows: [string, string][] = [
    ['runs', `${r.runs} (seed ${r.seed}, ${r.concurrency} workers)`],
    ['events', `${r.events} answered by the handlers, ${r.failedEvents} of them FAILED; ${r.swallowedDeletes} Deletes swallowed by the framework`],
    ['requests to Chime', String(r.requests)],
    ['faults injected', `${r.faults.total}: throttle ${r.faults.throttle}, 5xx ${r.faults.serverError}, dropped after act ${r.faults.dropAfterAct}, dropped before act ${r.faults.dropBeforeAct}; delayed ${r.faults.latency}`],
    ['duplicates', String(v.duplicates)],
    ['orphans', String(v.orphans)],
    ['lost numbers', String(v.lost)],
    ['half-done stacks', String(v.halfDone)],
    ['unanswered events', String(v.unanswered)],
    ['malformed requests', String(v.malformed)],
    ['crashes', String(v.crashes)],
    ['log lines', `${r.logs.lines} scanned: ${v.loggedNumbers} with a full number, ${v.loggedCredentials} with credentials`],
    ['FAILED reasons', `${r.failedEvents} read: ${v.numbersInReasons} with a full number`],
    ['runner errors', String(v.runnerErrors)],
    ['routing left after delete', String(v.routingLeftovers)],
    ['targets Chime kept', String(v.stuckTargets)],
    ['lifecycle p50 / p95 / max', `${r.lifecycleMs.p50} / ${r.lifecycleMs.p95} / ${r.lifecycleMs.max} ms`],
    ['wall time', seconds(r.wallMs)],
    ['policies', entries(r.mix.policies)],
    ['creates', entries(r.mix.creates)],
    ['updates', entries(r.mix.updates)],
    ['rollbacks', entries(r.mix.rollbacks)],
    ['stack ends', entries(r.mix.ends)],
    ['our orders', entries(r.mix.orders)],
    ['routing', entries(r.mix.routing)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, val]) => `${k.padEnd(width)}  ${val}`);
  const verdict = r.ok ? 'PASS: every invariant held' : `FAIL: ${r.problems.length} problem(s)`;
  return [...lines, '', verdict, ...r.problems.map(p => `  - ${p}`)].join('\n');
}

function seconds(ms: number): string {
  return ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${((ms % 60_000) / 1000).toFixed(0)} s` : `${(ms / 1000).toFixed(1)} s`;
}

function entries(counts: Record<string, number>): string {
  const list = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return list.length ? list.map(([k, n]) => `${k} ${n}`).join(', ') : '-';
}
