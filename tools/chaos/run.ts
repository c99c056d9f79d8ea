// Plays one run inside a worker process: a fresh seeded emulator with the run's faults, an app of
// several PhoneNumberOrder resources taken through the local deploy (the first deploy, seeded
// scenario steps, the stack delete, sometimes a redeploy and a second delete), each step judged
// and audited, then the order book and the handler log audited for the whole run.
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_CREDENTIALS, startEmulator, type Emulator } from '../../emulator';
import { type LocalSession, openLocalSession } from '../local-deploy';
import { readLambdaLog } from './audit/lambda-log';
import { auditOrders } from './audit/orders';
import { Lifecycle } from './lifecycle';
import { type NumberPool, poolFor } from './numbers';
import { Rng } from './random';
import { createStep, initialTemplate } from './scenarios/create';
import type { StepPlan } from './scenarios/kind';
import { drawStep } from './scenarios/registry';
import type { Problem, RunResult, RunSpec } from './types';
import { World } from './world';

/** Recent unrelated orders: inside the 30-minute window of the legacy API's retried create. */
const RECENT_UNRELATED = 4;
const REDEPLOY_RATE = 0.25;
const DRAW = { rehearsalRate: 0.2, policyChangeRate: 0.15 };
/** What the log must never show: the emulator's keys and the dummy session token the local deploy hands the functions. */
const SECRETS = [DEFAULT_CREDENTIALS.accessKeyId, DEFAULT_CREDENTIALS.secretAccessKey, 'local-deploy-dummy-session'];

export async function playRun(spec: RunSpec, crashes: string[]): Promise<RunResult> {
  const rng = new Rng(spec.seed);
  const shape = rng.pick(spec.shapes);
  const pool = poolFor(spec.index);
  const orderDelayMs = orderDelay(rng, spec.maxOrderDelayMs);
  const pageSize = rng.int(spec.pageSizes[0], spec.pageSizes[1]);
  const emulator = await startEmulator({ seed: spec.seed, orderDelayMs, maxPageSize: pageSize, faults: spec.faults });
  const root = fs.mkdtempSync(path.join(spec.workDir, `run-${spec.index}-`));
  const stateDir = path.join(root, 'state');
  const started = Date.now();
  let session: LocalSession | undefined;
  try {
    prepareAccount(emulator, spec, pool);
    const world = new World(pool, shape.stacks);
    initialTemplate(world, rng, [...shape.orders]);
    for (const stack of shape.stacks) {
      // Mostly the handler's own inline wait, else every order waited for through the framework's waiter.
      const wait = rng.weighted({ waiter: 25, short: 25, default: 50 });
      if (wait !== 'default') world.inlineWait.set(stack, wait === 'waiter' ? 0 : 0.3);
    }
    const described = world.orders().map(o => `${o.stack}/${o.construct} ${o.deletionPolicy} ${o.api} ${o.productType}${o.search ? ' search' : ''}${o.allowPartial ? ' allowPartial' : ''}`);
    const stepOf = new Map<string, number>();
    session = await openLocalSession({ stateDir, endpoint: emulator.url, queryIntervalMs: spec.queryIntervalMs });
    const life = new Lifecycle({ root, stateDir, session, shape, emulator, delivery: spec.delivery, stepOf }, world, rng);
    await playSteps(life, world, rng, spec, shape.stacks);
    const lifecycleMs = Date.now() - started;

    const ours = emulator.orders().filter(o => !o.Unrelated);
    const orders = auditOrders({ orders: ours, stepOf, purged: world.purged });
    const log = readLambdaLog(path.join(stateDir, 'lambda.log'), SECRETS);
    const problems: Problem[] = [
      ...orders.acquiredTwice.map(text => ({ kind: 'acquired-twice' as const, text })),
      ...orders.heldBefore.map(text => ({ kind: 'ordered-held-number' as const, text })),
      ...log.hangs.map(text => ({ kind: 'unanswered' as const, text: `${text} ran past its Lambda timeout` })),
    ];
    const stats = emulator.stats();
    const f = stats.faultsInjected;
    return {
      index: spec.index, seed: spec.seed, shape: shape.name, resources: shape.orders.length, stacks: shape.stacks.length, described,
      policies: tally(world.orders().map(o => o.deletionPolicy)), orderDelayMs, pageSize,
      steps: life.steps, lifecycleMs, orders, problems,
      requests: stats.requests,
      faults: { throttle: f.throttle, serverError: f.serverError, dropAfterAct: f.dropAfterAct, dropBeforeAct: f.dropBeforeAct, latency: f.latency },
      deliveryFaults: log.deliveryFaults, maxConcurrentEvents: log.maxConcurrentEvents,
      malformed: stats.malformed, malformedDetails: stats.malformedDetails.slice(0, 5),
      logs: log.logs, crashes: [...log.crashes, ...crashes],
      ...(spec.keep ? { kept: root } : {}),
    };
  } finally {
    await session?.close();
    await emulator.close();
    if (!spec.keep) fs.rmSync(root, { recursive: true, force: true });
  }
}

async function playSteps(life: Lifecycle, world: World, rng: Rng, spec: RunSpec, stacks: readonly string[]): Promise<void> {
  const stuck = () => life.steps.some(s => s.problems.some(p => p.kind === 'failed-stack' && p.text.includes(' is left ')));
  await life.deploy(createStep(true), stacks);
  let next: StepPlan['next'];
  const middle = rng.int(spec.steps[0], spec.steps[1]);
  for (let i = 0; i < middle && !stuck(); i++) {
    const absent = stacks.filter(s => !world.stackOf(s));
    if (absent.length > 0) {
      await life.deploy(createStep(false), absent);
      continue;
    }
    const plan = next?.(world, rng) ?? drawStep(world, rng, DRAW);
    if (!plan) break;
    next = plan.next;
    await life.deploy(plan);
  }
  if (stuck()) return;
  await life.destroy();
  // The same stacks again: each resource takes back what its DeletionPolicy kept, and restores what
  // it released. Not under the legacy API, whose Create refuses held numbers it cannot prove its own.
  if (!stuck() && !world.orders().some(o => o.api === 'chime') && rng.chance(REDEPLOY_RATE)) {
    await life.deploy({ ...createStep(false), label: 'redeploy after delete' }, stacks);
    if (!stuck()) await life.destroy();
  }
}

function prepareAccount(emulator: Emulator, spec: RunSpec, pool: NumberPool): void {
  emulator.addUnrelatedOrders(spec.unrelatedOrders);
  emulator.addUnrelatedOrders(RECENT_UNRELATED, { ageMs: 60_000, productType: 'SipMediaApplicationDialIn' });
  emulator.addUnrelatedOrders(RECENT_UNRELATED, { ageMs: 120_000, status: 'Partial' });
  emulator.setUnavailable([...pool.unavailable]);
  // Bought elsewhere (the console, a port-in): held, unmarked, for the scenarios that adopt.
  for (const number of pool.seeded) emulator.putNumber({ number, name: 'bought elsewhere' });
}

/** Orders that complete at once, within a few polls, or only after many polls. */
function orderDelay(rng: Rng, max: number): number {
  const band = rng.weighted({ fast: 40, medium: 35, slow: 25 });
  if (band === 'fast') return rng.int(0, Math.min(50, max));
  if (band === 'medium') return rng.int(Math.min(50, max), Math.min(400, max));
  return rng.int(Math.min(400, max), max);
}

function tally(keys: string[]): Record<string, number> {
  return keys.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});
}
