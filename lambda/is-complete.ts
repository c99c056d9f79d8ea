// isComplete: observe once, decide (wait, fail after undoing, or complete), execute, answer.
// Called by the Provider framework's waiter right after onEvent and every queryInterval after.
// A search order may also search and order again here: the physical ID exists by then, so a
// failure after that still reaches a handler that undoes it.
import type { Budget } from './budget';
import type { ChimePort, PhoneOrder } from './chime-port';
import type { CompletionEvent, IsCompleteResult } from './events';
import { EventFailure, isTransient } from './failure';
import { findAvailable } from './find-available';
import { log } from './log';
import { observeMarked, observeNumbers, observeOrders, type Snapshot } from './observe';
import { newestOrderFor } from './order-book';
import { type Identity, identityOf } from './ownership';
import { type SearchOrderSpec, planSearchSettle, searchOrdersToRead } from './plan-search';
import { type Settlement, planSettle } from './plan-settle';
import { portFor } from './ports';
import { priorWithMarks } from './search-observe';
import { executeSettle, placeOrder } from './execute';
import { isTerminal } from './statuses';
import { routingFor, withRules } from './routing/context';
import type { RoutingPort } from './routing/port';
import { routingAttributes } from './routing/plan';
import { type OrderSpec, type PreviousSpec, parseSpec, previousSpec } from './spec';

type Event = CompletionEvent & { RequestType: 'Create' | 'Update' };

export async function settle(event: Event, budget: Budget): Promise<IsCompleteResult> {
  const spec = parseSpec(event.ResourceProperties);
  const previous = event.RequestType === 'Update' ? previousSpec(event.OldResourceProperties) : undefined;
  const identity = identityOf(event.StackId, event.LogicalResourceId, event.RequestId);
  const port = portFor(spec.api, budget);
  const placed = await orderPlaced(port, event);
  if (placed && !isTerminal(placed.status)) {
    log('INFO', 'order not terminal yet', { orderId: placed.id, status: placed.status });
    return { IsComplete: false };
  }
  if (spec.search) return answer(event, port, await settleSearch(event, spec as SearchOrderSpec, previous, identity, port), identity, budget);
  const routing = await routingFor([spec.target, previous?.target], budget);
  const settlement = await settleList(event, spec, await priorWithMarks(previous, identity, budget), identity, port, placed, routing);
  return answer(event, port, settlement, identity, budget, routing);
}

async function settleList(
  event: Event, spec: OrderSpec, previous: PreviousSpec | undefined, identity: Identity, port: ChimePort, placed: PhoneOrder | undefined,
  routing: RoutingPort | undefined,
): Promise<Settlement> {
  const numbers = [...spec.numbers, ...(previous?.numbers ?? [])];
  const facts = await observeNumbers(port, identity, numbers);
  const orders = await observeOrders(port, [...facts.values()].filter(f => f.owner.kind === 'self' && f.orderId !== placed?.id).map(f => f.orderId));
  if (placed) orders.set(placed.id, placed);
  const snapshot: Snapshot = await withRules({ marksNumbers: port.marksNumbers, numbers: facts, orders }, routing);
  const legacyOrder = !port.marksNumbers && event.Data?.OrderId
    ? placed ?? (await observeOrders(port, [event.Data.OrderId])).get(event.Data.OrderId) : undefined;
  const plan = (legacyNewestOrder?: Awaited<ReturnType<typeof newestOrderFor>>) => planSettle({
    requestType: event.RequestType, spec, previous, identity, snapshot, deferredFailure: event.Data?.Failure,
    outOfTime: outOfTime(event.Data?.StartedAt), placedOrderId: event.Data?.OrderId, legacyOrder, legacyNewestOrder,
  });
  const settlement = plan();
  if (settlement.kind === 'complete' && !port.marksNumbers && !legacyOrder) {
    // Legacy numbers do not name their order: the newest one behind them is found in the order book.
    return plan(await newestOrderFor(port, settlement.attributes.PhoneNumbers));
  }
  return settlement;
}

/**
 * Search orders: the plan may ask for a search before it can say what to order next, and the
 * waiter places that order itself. A client fault of either is a failure of the event, answered
 * like any other: after undoing what a Create acquired.
 */
async function settleSearch(event: Event, spec: SearchOrderSpec, previous: PreviousSpec | undefined, identity: Identity, port: ChimePort): Promise<Settlement> {
  const numbers = await observeMarked(port, identity);
  const partial: Snapshot = { marksNumbers: port.marksNumbers, numbers, orders: new Map() };
  const orders = await observeOrders(port, searchOrdersToRead(partial, identity, spec.search.quantity));
  const snapshot: Snapshot = { ...partial, orders };
  const plan = (found?: string[], failure = event.Data?.Failure) => planSearchSettle({
    requestType: event.RequestType, spec, previous, identity, snapshot, found, deferredFailure: failure, outOfTime: outOfTime(event.Data?.StartedAt),
  });
  let settlement = plan();
  try {
    if (settlement.kind === 'search') {
      const found = await findAvailable(port, spec.search.criteria, settlement.request.count, settlement.request.exclude);
      log('INFO', 'searched again for numbers', { wanted: settlement.request.count, found: found.length });
      settlement = plan(found);
    }
    if (settlement.kind === 'order') {
      const order = await placeOrder(port, settlement.step, identity);
      log('INFO', 'ordered again after numbers were taken', { orderId: order.id, count: settlement.step.numbers.length });
      return { kind: 'wait', why: `order ${order.id} placed for the numbers still missing`, orderIds: [order.id] };
    }
  } catch (err) {
    if (isTransient(err)) throw err;
    settlement = plan(undefined, (err as Error).message);
  }
  if (settlement.kind === 'search' || settlement.kind === 'order') throw new Error(`the plan asked for a ${settlement.kind} it was just given`);
  return settlement;
}

async function answer(
  event: Event, port: ChimePort, settlement: Settlement, identity: Identity, budget: Budget, routing?: RoutingPort,
): Promise<IsCompleteResult> {
  switch (settlement.kind) {
    case 'wait':
      log('INFO', 'not complete yet', { why: settlement.why });
      return { IsComplete: false };
    case 'fail':
      await executeSettle(port, settlement.steps, identity, routing);
      throw new EventFailure(settlement.reason);
    case 'complete': {
      let created;
      try {
        created = await executeSettle(port, settlement.steps, identity, routing);
      } catch (err) {
        // A Create that cannot finish (its routing refused by Chime) undoes what it took before failing, whatever the removal policy.
        if (event.RequestType !== 'Create' || isTransient(err) || event.Data?.Failure) throw err;
        return settle({ ...event, Data: { ...event.Data, Failure: (err as Error).message } }, budget);
      }
      for (const warning of settlement.warnings ?? []) log('WARN', warning);
      const ruleIds = new Map([...(settlement.routed?.ruleIds ?? []), ...created]);
      const attributes = { ...settlement.attributes, ...routingAttributes(settlement.routed?.target, settlement.attributes.PhoneNumbers, ruleIds) };
      log('INFO', 'complete', { numbers: attributes.PhoneNumbers, orderId: attributes.OrderId, routedTo: attributes.RoutingTargetId });
      return { IsComplete: true, Data: attributes };
    }
  }
}

/**
 * The order onEvent placed or took. While it is still processing, this one GetPhoneNumberOrder
 * answers the poll: observing every number each interval would cost a call per number.
 */
async function orderPlaced(port: ChimePort, event: CompletionEvent): Promise<PhoneOrder | undefined> {
  const orderId = event.Data?.OrderId;
  if (!orderId || event.Data?.Failure || outOfTime(event.Data?.StartedAt)) return undefined;
  return (await observeOrders(port, [orderId])).get(orderId);
}

/**
 * The framework's own timeout answers only "Operation timed out"; failing a little before it,
 * the reason can say which order and its last status. Counted from when the waiter started.
 */
export function outOfTime(startedAt: string | undefined, now = Date.now()): boolean {
  const total = Number(process.env.TOTAL_TIMEOUT_SECONDS) * 1000;
  const interval = Number(process.env.QUERY_INTERVAL_SECONDS) * 1000;
  const started = Number(startedAt);
  if (!Number.isFinite(total) || !Number.isFinite(interval) || !Number.isFinite(started) || total <= 0) return false;
  return now - started + 2 * interval >= total;
}
