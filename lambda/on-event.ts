// onEvent: parse, observe once, plan, execute, answer. Once anything is changed on Create, the
// answer carries a real physical ID (a failure is left to isComplete), so that CloudFormation's
// rollback Delete reaches this handler instead of the framework's CREATE_FAILED placeholder.
import type { Budget } from './budget';
import type { ChimePort } from './chime-port';
import type { OnEventResult, ResourceEvent } from './events';
import { EventFailure } from './failure';
import { waitBriefly } from './fast-poll';
import { findAvailable } from './find-available';
import { log } from './log';
import { observe, type Snapshot } from './observe';
import { findRecentOrder } from './order-book';
import { type Identity, identityOf } from './ownership';
import { type ActStep, planAct } from './plan-act';
import { type SearchOrderSpec, planSearchAct } from './plan-search';
import { portFor } from './ports';
import { markedSnapshot, priorWithMarks } from './search-observe';
import { StepFailure, executeAct } from './execute';
import { type OrderSpec, type PreviousSpec, parseSpec, previousSpec } from './spec';
import { lambdaRegion } from './api-region';
import { chimeFailure } from './failure';
import { routingFor, withRules } from './routing/context';
import type { RoutingPort } from './routing/port';
import { type RoutingTarget, sameTarget } from './routing/target';

type Event = ResourceEvent & { RequestType: 'Create' | 'Update' };

interface Planned {
  readonly snapshot: Snapshot;
  readonly steps: ActStep[];
  readonly acquiring: string[];
  /** Legacy API: this resource's own recent order, found in the order book. */
  readonly recentOrderId?: string;
  /** Where the resource's numbers are routed, when it routes them. */
  readonly routing?: RoutingPort;
}

export async function act(event: Event, budget: Budget): Promise<OnEventResult> {
  const spec = parseSpec(event.ResourceProperties);
  const previous = event.RequestType === 'Update' ? previousSpec(event.OldResourceProperties) : undefined;
  const identity = identityOf(event.StackId, event.LogicalResourceId, event.RequestId);
  const port = portFor(spec.api, budget);
  const planned = spec.search
    ? await planSearch(event, spec as SearchOrderSpec, previous, identity, port)
    : await planList(event, spec, await priorWithMarks(previous, identity, budget), identity, port, budget);
  return carryOut(event, port, identity, planned, budget);
}

async function planList(
  event: Event, spec: OrderSpec, previous: PreviousSpec | undefined, identity: Identity, port: ChimePort, budget: Budget,
): Promise<Planned> {
  const routing = await routingFor([spec.target, previous?.target], budget);
  const snapshot = await withRules(await observe(port, identity, [...spec.numbers, ...(previous?.numbers ?? [])]), routing);
  const recent = !port.marksNumbers && event.RequestType === 'Create'
    ? await findRecentOrder(port, spec.productType, spec.numbers, leaving(snapshot)) : undefined;
  const targetExists = spec.target && (event.RequestType === 'Create' || !sameTarget(spec.target, previous?.target))
    ? await lookUpTarget(routing, spec.target) : undefined;
  const plan = planAct({
    requestType: event.RequestType, spec, previous, identity, snapshot, recentOrderNumbers: recent?.numbers.map(n => n.number), targetExists, region: lambdaRegion(),
  });
  if (plan.refusals.length > 0) throw new EventFailure(`Nothing was changed: ${plan.refusals.join('; ')}`);
  return { snapshot, steps: plan.steps, acquiring: plan.acquiring, recentOrderId: recent?.id, routing };
}

/** Search orders: the plan may ask for a search (a read) before it can say what to order. */
async function planSearch(event: Event, spec: SearchOrderSpec, previous: PreviousSpec | undefined, identity: Identity, port: ChimePort): Promise<Planned> {
  // A legacy list's numbers carry no mark; they are claimed when the resource turns into a search order.
  const snapshot = await markedSnapshot(port, identity, previous?.api === 'chime' && !previous.search ? previous.numbers : []);
  const plan = (found?: string[]) => planSearchAct({ requestType: event.RequestType, spec, previous, identity, snapshot, found });
  let planned = plan();
  if (planned.refusals.length > 0) throw new EventFailure(`Nothing was changed: ${planned.refusals.join('; ')}`);
  if (planned.search) {
    const found = await findAvailable(port, spec.search.criteria, planned.search.count, planned.search.exclude);
    log('INFO', 'searched for numbers', { wanted: planned.search.count, found: found.length });
    planned = plan(found);
  }
  return { snapshot, steps: planned.steps, acquiring: planned.acquiring };
}

async function carryOut(event: Event, port: ChimePort, identity: Identity, planned: Planned, budget: Budget): Promise<OnEventResult> {
  const { snapshot } = planned;
  const earlier = ownOrderId(snapshot, identity) ?? planned.recentOrderId;
  const physicalId = (orderId?: string) => event.PhysicalResourceId ?? orderId ?? earlier ?? `pno.${identity.resource}`;
  let order;
  try {
    order = (await executeAct(port, planned.steps, identity, planned.routing)).order;
  } catch (err) {
    if (!(err instanceof StepFailure)) throw err;
    if (event.RequestType === 'Update' || !err.changedSomething) throw err.failure;
    log('WARN', 'failed after changing the account; answering with the physical ID so the failure is undone', { reason: err.failure.message });
    return { PhysicalResourceId: physicalId(), Data: { StartedAt: String(Date.now()), Failure: err.failure.message } };
  }
  const orderId = order?.id ?? earlier ?? (planned.acquiring.length > 0 ? acquiringOrderId(snapshot, planned.acquiring) : undefined);
  if (orderId) await waitBriefly(port, orderId, budget, order?.status);
  return { PhysicalResourceId: physicalId(order?.id), Data: { StartedAt: String(Date.now()), ...(orderId ? { OrderId: orderId } : {}) } };
}

/**
 * Whether a new target exists, before anything is ordered for it. A SIP media application in
 * another Region (an alternate target) cannot be seen from here, so it is not looked up.
 */
async function lookUpTarget(routing: RoutingPort | undefined, target: RoutingTarget): Promise<boolean | undefined> {
  if (!routing || (target.type === 'SipMediaApplication' && target.region !== lambdaRegion())) return undefined;
  try {
    return await routing.targetExists(target.type, target.id);
  } catch (err) {
    throw chimeFailure(`Looking up ${target.type} ${target.id}`, err);
  }
}

/** The order an earlier delivery of this same request placed (Chime SDK Voice: from its numbers' marks). */
function ownOrderId(snapshot: Snapshot, identity: Identity): string | undefined {
  for (const f of snapshot.numbers.values()) {
    if (f.owner.kind === 'self' && f.owner.mark.kind === 'ordered' && f.owner.mark.request === identity.request && f.orderId) return f.orderId;
  }
  return undefined;
}

function acquiringOrderId(snapshot: Snapshot, numbers: string[]): string | undefined {
  return numbers.map(n => snapshot.numbers.get(n)?.orderId).find(id => !!id);
}

function leaving(snapshot: Snapshot): string[] {
  return [...snapshot.numbers.values()].filter(f => f.state === 'leaving').map(f => f.number);
}
