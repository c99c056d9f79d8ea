// The figures of a chaos report as a two-column table, for people.
import type { ChaosReport } from './report';

export function formatReport(r: ChaosReport): string {
  const v = r.violations;
  const rows: [string, string][] = [
    ['runs', `${r.runs} (seed ${r.seed}, ${r.concurrency} workers): ${r.resources} resources in ${r.stacks} stacks; shapes ${entries(r.mix.shapes)}`],
    ['steps', `${r.steps}: expected ${entries(r.mix.expected)}`],
    ['events', `${r.events} answered by the handlers, ${r.failedEvents} of them FAILED; ${r.cancelledEvents} cancelled; ${r.swallowedDeletes} Deletes answered by the framework`],
    ['concurrency', `up to ${r.concurrentEvents.max} events at once; ${r.concurrentEvents.runsWithSeveral} runs had several at once`],
    ['delivery faults', `${entries(r.deliveryFaults)} (events they applied to)`],
    ['recoveries', entries(r.recoveries)],
    ['requests to Chime', String(r.requests)],
    ['emulator faults', `${r.faults.total}: throttle ${r.faults.throttle}, 5xx ${r.faults.serverError}, dropped after act ${r.faults.dropAfterAct}, dropped before act ${r.faults.dropBeforeAct}; delayed ${r.faults.latency}`],
    ['orders', `${r.orders.placed}: ${entries(r.orders.byStatus)}`],
    ['redundant orders', `${r.orders.redundant} (duplicate deliveries); ${r.orders.redundantAcrossRequests} across requests of one resource`],
    ['contended orders', `${r.orders.contended} (lost a number to another resource's order of the same deploy)`],
    ['numbers acquired twice', String(v['acquired-twice'])],
    ['orders for held numbers', `${v['ordered-held-number']} (held before the step); ${v['ordered-when-refused']} orders where the contract refuses`],
    ['listed by two resources', String(v['listed-twice'])],
    ['listed but not held', String(v['listed-not-held'])],
    ['listed, not marked', String(v['listed-not-marked'])],
    ['held by nobody', String(v['held-by-nobody'])],
    ['routed, not listed', `${v['routed-not-listed']} (numbers associated that no resource routing them lists)`],
    ['acted after cancel', `${v['acted-after-cancel']} (numbers a Create/Update CloudFormation no longer waited for ordered, restored or released after its rollback looked)`],
    ['stacks left *_FAILED', `${v['failed-stack']}`],
    ['unexpected outcomes', String(v['unexpected-outcome'])],
    ['unanswered events', `${v.unanswered}; physical ID changed ${v['physical-id-changed']}; SUCCESS without PhoneNumbers ${v['missing-attribute']}`],
    ['malformed requests', String(v.malformed)],
    ['crashes', String(v.crashes)],
    ['log lines', `${r.logs.lines} scanned: ${v.loggedNumbers} with a full number, ${v.loggedCredentials} with credentials`],
    ['FAILED reasons', `${r.failedEvents} read: ${v.numbersInReasons} with a full number`],
    ['runner errors', String(v.runnerErrors)],
    ['run time p50 / p95 / max', `${seconds(r.lifecycleMs.p50)} / ${seconds(r.lifecycleMs.p95)} / ${seconds(r.lifecycleMs.max)}`],
    ['wall time', seconds(r.wallMs)],
    ['policies', entries(r.mix.policies)],
    ['scenarios', entries(r.mix.scenarios)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, val]) => `${k.padEnd(width)}  ${val}`);
  const verdict = r.ok ? 'PASS: every invariant held' : `FAIL: ${r.problems.length} problem(s)`;
  return [...lines, '', verdict, ...r.problems.map(p => `  - ${p}`)].join('\n');
}

export function seconds(ms: number): string {
  return ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

function entries(counts: Record<string, number>): string {
  const list = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return list.length ? list.map(([k, n]) => `${k} ${n}`).join(', ') : '-';
}
