// isComplete: observe once, decide (wait, fail after undoing, or complete), execute, answer.
// Called by the Provider framework's waiter right after onEvent and every queryInterval after.
import type { Budget } from './budget';
import type { CompletionEvent, IsCompleteResult } from './events';
import { EventFailure } from './failure';
import { log } from './log';
import { observeNumbers, observeOrders, type Snapshot } from './observe';
import { newestOrderFor } from './order-book';
import { identityOf } from './ownership';
import { planSettle } from './plan-settle';
import { isTerminal } from './statuses';
import { portFor } from './ports';
import type { ChimePort, PhoneOrder } from './chime-port';
import { executeSettle } from './execute';
import { parseSpec, previousSpec } from './spec';

export async function settle(event: CompletionEvent & { RequestType: 'Create' | 'Update' }, budget: Budget): Promise<IsCompleteResult> {
  const spec = parseSpec(event.ResourceProperties);
  const previous = event.RequestType === 'Update' ? previousSpec(event.OldResourceProperties) : undefined;
  const identity = identityOf(event.StackId, event.LogicalResourceId, event.RequestId);
  const port = portFor(spec.api, budget);
  const placed = await orderPlaced(port, event);
  if (placed && !isTerminal(placed.status)) {
    log('INFO', 'order not terminal yet', { orderId: placed.id, status: placed.status });
    return { IsComplete: false };
  }
  const numbers = [...spec.numbers, ...(previous?.numbers ?? [])];
  const facts = await observeNumbers(port, identity, numbers);
  const orders = await observeOrders(port, [...facts.values()].filter(f => f.owner.kind === 'self' && f.orderId !== placed?.id).map(f => f.orderId));
  if (placed) orders.set(placed.id, placed);
  const snapshot: Snapshot = { marksNumbers: port.marksNumbers, numbers: facts, orders };
  const legacyOrder = !port.marksNumbers && event.Data?.OrderId
    ? placed ?? (await observeOrders(port, [event.Data.OrderId])).get(event.Data.OrderId) : undefined;
  const plan = (legacyNewestOrder?: Awaited<ReturnType<typeof newestOrderFor>>) => planSettle({
    requestType: event.RequestType, spec, previous, identity, snapshot, deferredFailure: event.Data?.Failure,
    outOfTime: outOfTime(event.Data?.StartedAt), placedOrderId: event.Data?.OrderId, legacyOrder, legacyNewestOrder,
  });
  let settlement = plan();
  if (settlement.kind === 'complete' && !port.marksNumbers && !legacyOrder) {
    // Legacy numbers do not name their order: the newest one behind them is found in the order book.
    settlement = plan(await newestOrderFor(port, settlement.attributes.PhoneNumbers));
  }
  switch (settlement.kind) {
    case 'wait':
      log('INFO', 'not complete yet', { why: settlement.why });
      return { IsComplete: false };
    case 'fail':
      await executeSettle(port, settlement.steps, identity);
      throw new EventFailure(settlement.reason);
    case 'complete':
      await executeSettle(port, settlement.steps, identity);
      log('INFO', 'complete', { numbers: settlement.attributes.PhoneNumbers, orderId: settlement.attributes.OrderId });
      return { IsComplete: true, Data: settlement.attributes };
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

