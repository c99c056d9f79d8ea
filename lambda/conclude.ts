import type { Budget } from './budget';
import type { ChimePort, PhoneOrder } from './chime-port';
import type { OrderAttributes, ResourceEvent } from './events';
import { EventFailure, chimeFailure } from './failure';
import { observe } from './holdings';
import { log } from './log';
import { newestOrderBehind } from './newest-order';
import { isTerminal } from './order-status';
import { releaseOwned } from './release';
import { attributes, judgeOrder } from './settle';
import { waitBriefly } from './fast-poll';
import { numbersToRelease, type OrderSpec } from './spec';

/**
 * What a terminal order means for the event: the resource's attributes, or a FAILED reason.
 * The order holds the numbers that were not already there (on Update the added ones; on Create
 * all but those restored from the deletion queue). On Update, the numbers the update removed
 * are released now that the additions have succeeded.
 */
export async function conclude(event: ResourceEvent, port: ChimePort, spec: OrderSpec, order: PhoneOrder): Promise<OrderAttributes> {
  const creating = event.RequestType === 'Create';
  const ordered = order.numbers.map(n => n.number).filter(n => spec.numbers.includes(n));
  const outcome = judgeOrder(order, ordered, spec.allowPartial);
  // With allowPartial, an Update whose order for the added numbers fails outright leaves the
  // resource partly filled, which is what allowPartial accepts: it keeps what it holds and lists
  // the rest in FailedPhoneNumbers. Refusing it wedged rollbacks (found by the chaos suite): an
  // allowPartial resource whose update drops a number its order never got, rolled back because
  // another resource failed, orders that number again; the order fails again, and the stack is
  // left in UPDATE_ROLLBACK_FAILED.
  if (outcome.refusal && !(spec.allowPartial && !creating)) {
    // On Create, released here rather than left to the rollback: with RETAIN no Delete would come.
    // On Update, the rollback's Update with the old properties releases what this order added.
    if (creating) await releaseOwned(port, spec.numbers);
    throw new EventFailure(outcome.refusal);
  }
  log('INFO', 'order complete', { orderId: order.id, status: order.status, acquired: outcome.acquired.length, failed: outcome.failed.length });
  if (creating && ordered.length === spec.numbers.length) return attributes(order.id, order.status, outcome.acquired, outcome.failed);
  if (!creating) await releaseRemoved(port, event, spec);
  return describeHoldings(port, spec, order.id, order);
}

/** onEvent's answer for a freshly placed order: settled if it finished while we waited briefly. */
export async function answerForOrder(event: ResourceEvent, port: ChimePort, spec: OrderSpec, placed: PhoneOrder, budget: Budget, physicalId: string) {
  const order = await waitBriefly(port, placed, budget);
  if (!isTerminal(order.status)) return { PhysicalResourceId: physicalId, Data: { OrderId: order.id, OrderStatus: order.status } };
  return { PhysicalResourceId: physicalId, Data: await conclude(event, port, spec, order) };
}

/** Numbers the previous properties listed that the new ones do not. */
export async function releaseRemoved(port: ChimePort, event: ResourceEvent, spec: OrderSpec): Promise<void> {
  const removed = numbersToRelease(event.OldResourceProperties).filter(n => !spec.numbers.includes(n));
  if (removed.length > 0) await releaseOwned(port, removed);
}

/** Attributes from what the account holds now; OrderId is the newest order behind the numbers. */
export async function describeHoldings(port: ChimePort, spec: OrderSpec, fallbackOrderId: string, orderHint?: { id: string; status: string }): Promise<OrderAttributes> {
  const held = (await observe(port, spec.numbers)).owned;
  const owned = held.map(h => h.number);
  const order = orderHint ?? (await newestOrderBehind(port, held)) ?? { id: fallbackOrderId, status: await statusOf(port, fallbackOrderId) };
  return attributes(order.id, order.status, owned, spec.numbers.filter(n => !owned.includes(n)));
}

async function statusOf(port: ChimePort, orderId: string): Promise<string> {
  try {
    return (await port.getOrder(orderId))?.status ?? 'Unknown';
  } catch (err) {
    throw chimeFailure(`GetPhoneNumberOrder ${orderId}`, err);
  }
}
