import type { ChimePort, PhoneOrder } from './chime-port';
import type { CompletionEvent, IsCompleteResult } from './events';
import { EventFailure, chimeFailure } from './failure';
import { log } from './log';
import { isTerminal } from './order-status';
import { portFor } from './ports';
import { releaseOwned } from './release';
import { attributes, judgeOrder } from './settle';
import { parseSpec } from './spec';
import { describeHoldings, releaseRemoved } from './update';

/** Called by the Provider framework's waiter until the order onEvent placed is terminal. */
export async function checkCompletion(event: CompletionEvent): Promise<IsCompleteResult> {
  const data = event.Data ?? {};
  if (event.RequestType === 'Delete' || data.PhoneNumberCount !== undefined) return { IsComplete: true };
  const spec = parseSpec(event.ResourceProperties);
  const port = portFor(spec.api);
  const order = await fetchOrder(port, data.OrderId ?? event.PhysicalResourceId ?? '');
  if (!isTerminal(order.status)) {
    log('INFO', 'order not terminal yet', { orderId: order.id, status: order.status });
    return { IsComplete: false };
  }
  const wanted = event.RequestType === 'Create' ? spec.numbers : order.numbers.map(n => n.number).filter(n => spec.numbers.includes(n));
  const outcome = judgeOrder(order, wanted, spec.allowPartial);
  if (outcome.refusal) {
    // On Create, released here rather than left to the rollback: with RETAIN no Delete would come.
    // On Update, the rollback's Update with the old properties releases what this order added.
    if (event.RequestType === 'Create') await releaseOwned(port, outcome.acquired);
    throw new EventFailure(outcome.refusal);
  }
  log('INFO', 'order complete', { orderId: order.id, status: order.status, acquired: outcome.acquired.length, failed: outcome.failed.length });
  if (event.RequestType === 'Create') {
    return { IsComplete: true, Data: attributes(order.id, order.status, outcome.acquired, outcome.failed) };
  }
  await releaseRemoved(port, event, spec);
  return { IsComplete: true, Data: await describeHoldings(port, spec, order.id, order) };
}

async function fetchOrder(port: ChimePort, orderId: string): Promise<PhoneOrder> {
  let order;
  try {
    order = await port.getOrder(orderId);
  } catch (err) {
    throw chimeFailure(`GetPhoneNumberOrder ${orderId}`, err);
  }
  if (!order) throw new EventFailure(`Order ${orderId} no longer exists in Chime: check the account's phone number orders, then deploy again`);
  return order;
}
