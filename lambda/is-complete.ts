import type { ChimePort, PhoneOrder } from './chime-port';
import type { CompletionEvent, IsCompleteResult } from './events';
import type { Budget } from './budget';
import { conclude } from './conclude';
import { completeDelete } from './delete';
import { EventFailure, chimeFailure } from './failure';
import { log } from './log';
import { isTerminal } from './order-status';
import { portFor } from './ports';
import { isRetryable } from './retryable';
import { parseSpec } from './spec';

/** Called by the Provider framework's waiter until the order onEvent placed is terminal. */
export async function checkCompletion(event: CompletionEvent, budget: Budget): Promise<IsCompleteResult> {
  const data = event.Data ?? {};
  if (event.RequestType === 'Delete') return completeDelete(event, budget);
  if (data.PhoneNumberCount !== undefined) return { IsComplete: true };
  const spec = parseSpec(event.ResourceProperties);
  const port = portFor(spec.api, budget);
  const orderId = data.OrderId ?? event.PhysicalResourceId ?? '';
  let order;
  try {
    order = await fetchOrder(port, orderId);
  } catch (err) {
    // The SDK already retried; the waiter asks again next interval, and totalTimeout still bounds it.
    if (!isRetryable(err)) throw chimeFailure(`GetPhoneNumberOrder ${orderId}`, err);
    log('WARN', 'could not read the order this time; asking again next interval', { orderId, error: (err as Error).name });
    return { IsComplete: false };
  }
  if (isTerminal(order.status)) return { IsComplete: true, Data: await conclude(event, port, spec, order) };
  refuseWhenOutOfTime(order);
  log('INFO', 'order not terminal yet', { orderId: order.id, status: order.status });
  return { IsComplete: false };
}

/**
 * The framework's own timeout answers only "Operation timed out"; failing a little before it,
 * we can say which order, how long, and the last status Chime reported.
 */
function refuseWhenOutOfTime(order: PhoneOrder): void {
  const total = Number(process.env.TOTAL_TIMEOUT_SECONDS) * 1000;
  const interval = Number(process.env.QUERY_INTERVAL_SECONDS) * 1000;
  if (!order.createdAt || !Number.isFinite(total) || !Number.isFinite(interval) || total <= 0) return;
  const age = Date.now() - order.createdAt.getTime();
  if (age + 2 * interval < total) return;
  throw new EventFailure(`Order ${order.id} is still ${order.status} after ${Math.round(age / 60_000)} minutes, and the provider's totalTimeout `
    + `(${Math.round(total / 60_000)} minutes) is about to end. Last status seen: ${order.status}. `
    + 'Raise totalTimeout (at most 1 hour) for orders that take longer, or check the order in the Chime console');
}

async function fetchOrder(port: ChimePort, orderId: string): Promise<PhoneOrder> {
  const order = await port.getOrder(orderId);
  if (!order) throw new EventFailure(`Order ${orderId} no longer exists in Chime: check the account's phone number orders, then deploy again`);
  return order;
}
