import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import type { ChimePort, PhoneOrder } from './chime-port';
import { sleep } from './concurrency';
import { EventFailure, chimeFailure } from './failure';
import { observe } from './holdings';
import { log } from './log';
import type { OrderSpec } from './spec';

/** An order for the same set placed this recently is taken to be ours (a retried request). */
const ADOPT_WINDOW_MS = 30 * 60_000;
const CREATE_ATTEMPTS = 6;
const FAILED_ORDER_STATUSES = ['Failed', 'Exception', 'Cancelled'];

/**
 * Places one order for the spec's numbers, exactly once. The SDK's retry strategy is not used
 * for CreatePhoneNumberOrder: when an answer is lost (reset, timeout, 5xx) the service may have
 * placed the order already, and a blind re-send would buy the numbers twice. So before every
 * retry we look for the order and adopt it; only when it is not there do we send again.
 */
export async function placeOrder(port: ChimePort, spec: OrderSpec, numbers: string[] = spec.numbers): Promise<PhoneOrder> {
  const adopted = await findRecentOrder(port, spec.productType, numbers);
  if (adopted) {
    log('INFO', 'adopting an existing order for the same numbers', { orderId: adopted.id, status: adopted.status });
    return adopted;
  }
  await refuseHeldNumbers(port, numbers);
  for (let attempt = 1; ; attempt++) {
    try {
      const order = await port.createOrder(spec.productType, numbers, spec.name);
      log('INFO', 'placed order', { orderId: order.id, count: numbers.length, api: port.api });
      return order;
    } catch (err) {
      if (!isRetryable(err) || attempt >= CREATE_ATTEMPTS) throw chimeFailure('CreatePhoneNumberOrder', err);
      log('WARN', 'CreatePhoneNumberOrder answer lost or refused for now; looking for the order before retrying', {
        attempt, error: (err as Error).name,
      });
      await sleep(Math.min(100 * 2 ** attempt, 5_000) * (0.5 + Math.random() / 2));
      const placed = await findRecentOrder(port, spec.productType, numbers);
      if (placed) {
        log('INFO', 'found the order the lost answer was for; adopting it', { orderId: placed.id });
        return placed;
      }
    }
  }
}

export async function findRecentOrder(port: ChimePort, productType: string, numbers: string[]): Promise<PhoneOrder | undefined> {
  const wanted = [...numbers].sort().join(',');
  const since = Date.now() - ADOPT_WINDOW_MS;
  let newest: PhoneOrder | undefined;
  try {
    for await (const order of port.listOrders()) {
      if (order.productType !== productType || FAILED_ORDER_STATUSES.includes(order.status)) continue;
      if ((order.createdAt?.getTime() ?? Date.now()) < since) continue;
      if (order.numbers.map(n => n.number).sort().join(',') !== wanted) continue;
      if (!newest || (order.createdAt?.getTime() ?? 0) > (newest.createdAt?.getTime() ?? 0)) newest = order;
    }
  } catch (err) {
    throw chimeFailure('ListPhoneNumberOrders', err);
  }
  return newest;
}

/** Ordering a number the account already holds would fail it in the order, and a later release would take it from its owner. */
async function refuseHeldNumbers(port: ChimePort, numbers: string[]): Promise<void> {
  const { owned, leaving } = await observe(port, numbers);
  const held = [...owned, ...leaving];
  if (held.length > 0) {
    throw new EventFailure(`The account already holds ${held.map(h => `***${h.number.slice(-4)} (${h.status})`).join(', ')}: `
      + 'remove them from e164PhoneNumbers, or release them (or wait for the deletion queue to clear) before ordering them here');
  }
}

function isRetryable(err: unknown): boolean {
  const e = err as Parameters<typeof isTransientError>[0];
  return isThrottlingError(e) || isTransientError(e) || isServerError(e);
}
