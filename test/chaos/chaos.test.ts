// The chaos suite of issue 5 at CI size: full lifecycles against the emulator with seeded
// faults, every invariant held at zero. `npm run chaos` runs the same with the full
// settings (50 unrelated orders, 30 % throttling) and as many runs as asked.
import { runChaos, type ChaosReport } from '../../tools/chaos';

// Sized for about 40 s on two cores: the runs play in parallel worker processes, and a run's
// time is mostly the SDK's backoff after throttling (1 s base, doubling), multiplied by the pages
// of ListPhoneNumberOrders. So CI throttles a little less and keeps a shorter order book than the
// CLI, and drops more connections after the service acted, so that every run risks one.
const CI = {
  runs: 16,
  concurrency: 16,
  seed: 20251127,
  unrelatedOrders: 10,
  faults: { throttleRate: 0.15, serverErrorRate: 0.1, dropAfterActRate: 0.15 },
};

let report: ChaosReport;

beforeAll(async () => {
  report = await runChaos(CI);
}, 240_000);

test('every invariant holds: no duplicate, orphan, lost number, half-done stack, unanswered event or malformed request', () => {
  expect(report.problems).toEqual([]);
  expect(report.violations).toEqual({
    duplicates: 0, orphans: 0, lost: 0, halfDone: 0, unanswered: 0, malformed: 0, crashes: 0,
    loggedNumbers: 0, numbersInReasons: 0, loggedCredentials: 0, runnerErrors: 0, routingLeftovers: 0, stuckTargets: 0,
  });
  expect(report.results).toHaveLength(CI.runs);
  expect(report.ok).toBe(true);
});

test('faults were actually injected: throttling, server errors, connections dropped after the service acted', () => {
  expect(report.faults.throttle).toBeGreaterThan(0);
  expect(report.faults.serverError).toBeGreaterThan(0);
  expect(report.faults.dropAfterAct).toBeGreaterThan(0);
});

test('the scenario mix held rollbacks and partial orders, not only happy paths', () => {
  const rollbacks = Object.values(report.mix.rollbacks).reduce((a, b) => a + b, 0);
  expect(rollbacks).toBeGreaterThan(0);
  expect(report.mix.rollbacks['rollback:Update'] ?? 0).toBeGreaterThan(0);
  expect(report.mix.orders.Partial ?? 0).toBeGreaterThan(0);
  expect(report.failedEvents).toBeGreaterThan(0);
});

test('the mix held search orders: created plainly, racing other customers for numbers, short of stock; quantity raised and lowered', () => {
  const creates = report.mix.creates;
  expect(creates.search ?? 0).toBeGreaterThan(0);
  expect(creates['search-race'] ?? 0).toBeGreaterThan(0);
  expect((creates['search-short'] ?? 0) + (creates['search-short-allowed'] ?? 0)).toBeGreaterThan(0);
  expect(report.mix.updates['quantity-up'] ?? 0).toBeGreaterThan(0);
  expect(report.mix.updates['quantity-down'] ?? 0).toBeGreaterThan(0);
});

test('routed orders were played: created, retargeted or unrouted, and deleted with their routing resource', () => {
  expect(report.mix.routing.routed ?? 0).toBeGreaterThan(0);
  const routed = report.results.filter(r => r.routed);
  const labels = routed.flatMap(r => r.events.map(e => e.label));
  expect(labels).toEqual(expect.arrayContaining(['routing:create']));
  expect(labels.some(l => /routing:delete$/.test(l))).toBe(true);
  expect(labels.some(l => /^update:(retarget|toggle-routing|product-type)$/.test(l))).toBe(true);
});

test('the handlers logged, and no log line holds a whole phone number or a credential', () => {
  expect(report.logs.lines).toBeGreaterThan(0);
  expect(report.logs.jsonLines).toBeGreaterThan(0);
  expect(report.logs.fullNumbers).toBe(0);
  expect(report.logs.credentials).toBe(0);
});
