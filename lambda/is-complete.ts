import type { CompletionEvent, IsCompleteResult } from './events';
import { EventFailure, chimeFailure } from './failure';
import { log } from './log';
import { isTerminal } from './order-status';
import { portFor } from './ports';
import { releaseOwned } from './release';
import { attributes, judgeOrder } from './settle';
import { parseSpec } from './spec';

/** Called by the Provider framework's waiter until the order onEvent placed is terminal. */
export async function checkCompletion(event: CompletionEvent): Promise<IsCompleteResult> {
  const data = event.Data ?? {};
  if (event.RequestType === 'Delete' || data.PhoneNumberCount !== undefined) return { IsComplete: true };
  const spec = parseSpec(event.ResourceProperties);
  const port = portFor(spec.api);
  const orderId = data.OrderId ?? event.PhysicalResourceId ?? '';
  let order;
  try {
    order = await port.getOrder(orderId);
  } catch (err) {
    throw chimeFailure(`GetPhoneNumberOrder ${orderId}`, err);
  }
  if (!order) throw new EventFailure(`Order ${orderId} no longer exists in Chime: check the account's phone number orders, then deploy again`);
  if (!isTerminal(order.status)) {
    log('INFO', 'order not terminal yet', { orderId, status: order.status });
    return { IsComplete: false };
  }
  const outcome = judgeOrder(order, spec.numbers, spec.allowPartial);
  if (outcome.refusal) {
    // Released here, not left to the rollback: with removalPolicy RETAIN no Delete would come.
    if (event.RequestType === 'Create') await releaseOwned(port, outcome.acquired);
    throw new EventFailure(outcome.refusal);
  }
  log('INFO', 'order complete', { orderId, status: order.status, acquired: outcome.acquired.length, failed: outcome.failed.length });
  return { IsComplete: true, Data: attributes(order.id, order.status, outcome.acquired, outcome.failed) };
}
