import type { ChimePort, HeldNumber, PhoneOrder } from './chime-port';
import { sleep } from './concurrency';
import { EventFailure, chimeFailure } from './failure';
import { observe } from './holdings';
import { log } from './log';
import { isRetryable } from './retryable';
import type { OrderSpec } from './spec';

/** An order for the same set placed this recently is taken to be ours (a retried request). */
const ADOPT_WINDOW_MS = 30 * 60_000;
const CREATE_ATTEMPTS = 6;
const FAILED_ORDER_STATUSES = ['Failed', 'Exception', 'Cancelled'];

/** Adopts a recent order for exactly these numbers, or places one. */
export async function placeOrder(port: ChimePort, spec: OrderSpec, numbers: string[] = spec.numbers): Promise<PhoneOrder> {
  const adopted = await findRecentOrder(port, spec.productType, numbers);
  if (adopted) {
    log('INFO', 'adopting an existing order for the same numbers', { orderId: adopted.id, status: adopted.status });
    return adopted;
  }
  await refuseHeldNumbers(port, numbers);
  return createExactlyOnce(port, spec, numbers);
}

/**
 * Sends CreatePhoneNumberOrder so that at most one order comes of it. The SDK's retry strategy
 * is not used here: when an answer is lost (reset, timeout, 5xx) the service may have placed
 * the order already, and a blind re-send would buy the numbers twice. So before every retry we
 * look for the order and adopt it; only when it is not there do we send again.
 */
export async function createExactlyOnce(port: ChimePort, spec: OrderSpec, numbers: string[]): Promise<PhoneOrder> {
  for (let attempt = 1; ; attempt++) {
    try {
      const order = await port.createOrder(spec.productType, numbers, spec.name);
      log('INFO', 'placed order', { orderId: order.id, count: numbers.length, api: port.api });
      return order;
    } catch (err) {
      if (!isRetryable(err)) throw chimeFailure('CreatePhoneNumberOrder', err);
      log('WARN', 'CreatePhoneNumberOrder answer lost or refused for now; looking for the order before going on', {
        attempt, error: (err as Error).name,
      });
      await sleep(Math.min(100 * 2 ** attempt, 5_000) * (0.5 + Math.random() / 2));
      // Looked for after the last attempt too: failing without looking would leave a placed order nobody owns.
      const placed = await findRecentOrder(port, spec.productType, numbers);
      if (placed) {
        log('INFO', 'found the order the lost answer was for; adopting it', { orderId: placed.id });
        return placed;
      }
      if (attempt >= CREATE_ATTEMPTS) throw chimeFailure('CreatePhoneNumberOrder', err);
    }
  }
}

/**
 * The newest order for exactly these numbers placed in the adoption window and not failed.
 * An order whose acquired numbers have since gone to the deletion queue is not adopted: it was
 * rolled back (a refused partial order, a failed first deploy), and a retry must start afresh.
 */
export async function findRecentOrder(port: ChimePort, productType: string, numbers: string[], released: string[] = []): Promise<PhoneOrder | undefined> {
  const wanted = [...numbers].sort().join(',');
  const since = Date.now() - ADOPT_WINDOW_MS;
  let newest: PhoneOrder | undefined;
  try {
    for await (const order of port.listOrders()) {
      if (order.productType !== productType || FAILED_ORDER_STATUSES.includes(order.status)) continue;
      if ((order.createdAt?.getTime() ?? Date.now()) < since) continue;
      if (order.numbers.map(n => n.number).sort().join(',') !== wanted) continue;
      if (order.numbers.some(n => n.status === 'Acquired' && released.includes(n.number))) continue;
      if (!newest || (order.createdAt?.getTime() ?? 0) > (newest.createdAt?.getTime() ?? 0)) newest = order;
    }
  } catch (err) {
    throw chimeFailure('ListPhoneNumberOrders', err);
  }
  return newest;
}

/** Ordering a number the account already holds would fail it in the order, and a later release would take it from its owner. */
async function refuseHeldNumbers(port: ChimePort, numbers: string[]): Promise<void> {
  refuseOwned((await observe(port, numbers)).owned);
}

export function refuseOwned(owned: HeldNumber[]): void {
  if (owned.length > 0) {
    throw new EventFailure(`The account already holds ${owned.map(h => `***${h.number.slice(-4)} (${h.status})`).join(', ')}: `
      + 'remove them from e164PhoneNumbers, or release them before ordering them here');
  }
}
