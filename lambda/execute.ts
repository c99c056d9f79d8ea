// Carries out what a plan decided, through the port: the only place that changes the account.
import { maskNumber } from '../lib/order-rules';
import type { ChimePort, PhoneOrder } from './chime-port';
import { EventFailure, chimeFailure } from './failure';
import { log } from './log';
import { observeNumbers } from './observe';
import type { Identity } from './ownership';
import { createExactlyOnce } from './place-order';
import type { ActStep } from './plan-act';
import type { SettleStep } from './plan-settle';
import { type RoutingOutcome, executeRouting } from './routing/execute';
import type { RoutingPort } from './routing/port';

/** Per-number release errors worth trying again later. */
const TRANSIENT_RELEASE_CODES = ['ServiceFailure', 'ServiceUnavailable', 'Throttled', 'Throttling'];

export interface ActOutcome {
  /** The order placed, if the plan had one. */
  readonly order?: PhoneOrder;
}

/** Thrown by executeAct: the failure, and whether anything was changed before it. */
export class StepFailure extends Error {
  constructor(readonly failure: EventFailure, readonly changedSomething: boolean) {
    super(failure.message);
  }
}

export async function executeAct(port: ChimePort, steps: ActStep[], identity: Identity, routing?: RoutingPort): Promise<ActOutcome> {
  let changed = false;
  let order: PhoneOrder | undefined;
  for (const step of steps) {
    try {
      if (step.kind === 'order') order = await createExactlyOnce(port, step, identity);
      else if (step.kind === 'route') await executeRouting(routerOf(routing), port, step.steps, identity);
      else await runNumberStep(port, step, identity);
    } catch (err) {
      throw new StepFailure(chimeFailure(describe(step), err), changed);
    }
    changed = true;
  }
  return { order };
}

/** A search order's further order, placed by the waiter: exactly once, like every order. */
export async function placeOrder(port: ChimePort, step: Extract<ActStep, { kind: 'order' }>, identity: Identity): Promise<PhoneOrder> {
  return createExactlyOnce(port, step, identity);
}

/** Answers the SIP rules that route steps created, by number. */
export async function executeSettle(port: ChimePort, steps: SettleStep[], identity: Identity, routing?: RoutingPort): Promise<RoutingOutcome['created']> {
  const created = new Map<string, string>();
  for (const step of steps) {
    try {
      if (step.kind === 'release') await release(port, step.numbers, identity);
      else if (step.kind === 'route') (await executeRouting(routerOf(routing), port, step.steps, identity)).created.forEach((id, n) => created.set(n, id));
      else await runNumberStep(port, step, identity);
    } catch (err) {
      throw chimeFailure(describe(step), err);
    }
  }
  return created;
}

function routerOf(routing: RoutingPort | undefined): RoutingPort {
  // A plan routes only when the snapshot held the numbers' SIP rules, which only a routing port reads.
  if (!routing) throw new Error('a routing step without a routing port');
  return routing;
}

async function runNumberStep(port: ChimePort, step: Exclude<ActStep, { kind: 'order' | 'route' }> | Extract<SettleStep, { kind: 'name' }>, identity: Identity): Promise<void> {
  switch (step.kind) {
    case 'restore':
      try {
        await port.restoreNumber(step.number);
      } catch (err) {
        // A lost answer retried by the SDK is refused once the first attempt restored the number.
        if (!(await heldNow(port, step.number, identity))) throw err;
      }
      log('INFO', 'restored number from the deletion queue', { number: step.number });
      return;
    case 'move':
      await port.setProductType(step.number, step.productType);
      log('INFO', 'moved number to the new product type', { number: step.number, to: step.productType });
      return;
    case 'name':
      await port.setName(step.number, step.name);
      log('INFO', `${step.why === 'let-go' ? 'let go of' : step.why === 'rename' ? 'renamed' : step.why === 'claim' ? 'marked as its own' : 'adopted'} number`, { number: step.number });
  }
}

/**
 * Releases into the deletion queue. A per-number failure is checked against the number's state:
 * when the answer was lost after the service acted, the SDK's retry reports the first attempt's
 * releases as errors, and those numbers are gone, not failed.
 */
async function release(port: ChimePort, numbers: string[], identity: Identity): Promise<void> {
  const failures = await port.releaseNumbers(numbers);
  const facts = failures.length > 0 ? await observeNumbers(port, identity, failures.map(f => f.number)) : new Map();
  const real = failures.filter(f => facts.get(f.number)?.state === 'held');
  log('INFO', 'released numbers', { numbers: numbers.filter(n => !real.some(f => f.number === n)) });
  if (real.length === 0) return;
  const reason = `Could not release ${real.map(f => `${maskNumber(f.number)} (${f.code}: ${f.message})`).join('; ')}`;
  throw new EventFailure(reason, real.every(f => TRANSIENT_RELEASE_CODES.includes(f.code)));
}

async function heldNow(port: ChimePort, number: string, identity: Identity): Promise<boolean> {
  try {
    return (await observeNumbers(port, identity, [number])).get(number)?.state === 'held';
  } catch {
    return false;
  }
}

function describe(step: ActStep | SettleStep): string {
  switch (step.kind) {
    case 'route': return 'Routing';
    case 'order': return 'CreatePhoneNumberOrder';
    case 'release': return 'BatchDeletePhoneNumber';
    case 'restore': return `RestorePhoneNumber ${maskNumber(step.number)}`;
    case 'move': return `UpdatePhoneNumber ${maskNumber(step.number)} to ${step.productType}`;
    case 'name': return `UpdatePhoneNumber ${maskNumber(step.number)} (Name)`;
  }
}
