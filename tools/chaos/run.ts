// Plays one run inside a worker process: a fresh seeded emulator with the run's faults, the
// stack's lifecycle through the real handlers, then the audit of the emulator's books.
import { startEmulator, type Emulator } from '../../emulator';
import { isComplete, onEvent } from '../../lambda';
import { auditBooks } from './audit';
import { poolFor } from './numbers';
import { deliver } from './provider';
import { Rng } from './random';
import { auditRouting, createTargets } from './routing';
import { Planner } from './scenario';
import { mask } from './numbers';
import { playLifecycle } from './stack';
import type { RunResult, RunSpec } from './types';

/** Recent unrelated orders: inside the 30-minute adoption window, so "adopt only our own order" is tested. */
const RECENT_UNRELATED = 4;

export async function playRun(spec: RunSpec, crashes: string[], port?: number): Promise<{ result: RunResult; port: number }> {
  const pool = poolFor(spec.index);
  const emulator = await openEmulator(spec, port);
  try {
    // Routing targets are made before the faults start: they stand for what the stack's own Voice Connectors and SIP media applications would be.
    const targets = await createTargets(emulator.url);
    const planner = new Planner(new Rng(spec.seed), pool, spec.index, targets);
    const plan = planner.plan(spec);
    emulator.configure({ orderDelayMs: plan.orderDelayMs, maxPageSize: plan.pageSize, faults: faultsOf(spec, plan.takenAfterSearchRate) });
    emulator.addUnrelatedOrders(spec.unrelatedOrders);
    emulator.addUnrelatedOrders(RECENT_UNRELATED, { ageMs: 60_000, productType: 'SipMediaApplicationDialIn' });
    emulator.addUnrelatedOrders(RECENT_UNRELATED, { ageMs: 120_000, status: 'Partial' });
    emulator.setUnavailable(pool.unavailable);
    configureHandlers(emulator.url, spec, plan.inlineWaitSeconds);

    const started = Date.now();
    const life = await playLifecycle(plan, planner, req => deliver({ onEvent, isComplete }, req, spec.timing));
    const lifecycleMs = Date.now() - started;
    await settle(emulator, plan.orderDelayMs + 2_000);
    // Numbers other customers took fail in an order like unavailable ones: such a failure claims nothing.
    const unavailable = [...pool.unavailable, ...emulator.takenNumbers()];
    const books = auditBooks({ orders: emulator.orders(), phoneNumbers: emulator.phoneNumbers() }, unavailable, life.expectedHeld);
    const stats = emulator.stats();
    // Once the stack is gone nothing may route its numbers, and its targets must be deletable (not judged for a half-done stack).
    const routing = life.end === 'half-done' ? { leftovers: [], stuck: [] } : await auditRouting(emulator, targets, mask);
    const audit = { ...books, routingLeftovers: routing.leftovers, stuckTargets: routing.stuck };
    const f = stats.faultsInjected;
    return {
      port: emulator.port,
      result: {
        index: spec.index, seed: spec.seed, policy: plan.policy, createKind: plan.createKind, routed: plan.routed,
        orderDelayMs: plan.orderDelayMs, pageSize: plan.pageSize, inlineWaitSeconds: plan.inlineWaitSeconds,
        events: life.events, end: life.end, halfDone: life.halfDone, lifecycleMs, audit,
        requests: stats.requests,
        faults: { throttle: f.throttle, serverError: f.serverError, dropAfterAct: f.dropAfterAct, dropBeforeAct: f.dropBeforeAct, latency: f.latency },
        malformed: stats.malformed, malformedDetails: stats.malformedDetails, crashes: [...crashes],
      },
    };
  } finally {
    await emulator.close();
  }
}

/** The handlers' environment for this run; process-wide, which is why a worker plays one run at a time. */
function configureHandlers(url: string, spec: RunSpec, inlineWaitSeconds: number | undefined): void {
  // The SDK reads the endpoint variables when a client sends its first request.
  process.env.AWS_ENDPOINT_URL_CHIME = url;
  process.env.AWS_ENDPOINT_URL_CHIME_SDK_VOICE = url;
  // What the construct sets on the Lambda, scaled like the framework's clocks here.
  process.env.TOTAL_TIMEOUT_SECONDS = String(spec.timing.totalTimeoutMs / 1000);
  process.env.QUERY_INTERVAL_SECONDS = String(spec.timing.queryIntervalMs / 1000);
  if (inlineWaitSeconds === undefined) delete process.env.INLINE_WAIT_SECONDS;
  else process.env.INLINE_WAIT_SECONDS = String(inlineWaitSeconds);
}

/**
 * Each run gets its own emulator (its own seed, order delay, page size and books), on the port
 * the previous run of this worker used: should the handlers ever keep SDK clients across
 * invocations, those still reach the emulator of the run under way.
 */
async function openEmulator(spec: RunSpec, port?: number): Promise<Emulator> {
  // Order delay, page size and faults are set once the run's account is set up (see playRun).
  const options = { seed: spec.seed };
  try {
    return await startEmulator({ ...options, port: port ?? 0 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    return startEmulator({ ...options, port: 0 });
  }
}

function faultsOf(spec: RunSpec, takenAfterSearchRate: number) {
  return {
    throttleRate: spec.faults.throttleRate,
    serverErrorRate: spec.faults.serverErrorRate,
    dropAfterActRate: spec.faults.dropAfterActRate,
    latencyMs: spec.faults.latencyMs,
    takenAfterSearchRate,
  };
}

/** Waits until no order of ours is Processing, so the audit sees final holdings. */
async function settle(emulator: Emulator, maxWaitMs: number): Promise<void> {
  const deadline = Date.now() + maxWaitMs;
  while (emulator.orders().some(o => !o.Unrelated && o.Status === 'Processing') && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}
