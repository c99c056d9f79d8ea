// The legacy `chime` API marks no number, so its orders can only be found in the order book,
// by their numbers: every page of ListPhoneNumberOrders.
import type { ChimePort, PhoneOrder } from './chime-port';
import { chimeFailure } from './failure';

/** A legacy order for exactly this list placed this recently is taken to be this resource's (a retried request). */
const ADOPT_WINDOW_MS = 30 * 60_000;
const FAILED_ORDER_STATUSES = ['Failed', 'Exception', 'Cancelled'];

/**
 * The newest order for exactly these numbers placed in the adoption window and not failed.
 * An order whose acquired numbers have since gone to the deletion queue is not taken: it was
 * rolled back (a refused partial order, a failed first deploy), and a retry must start afresh.
 */
export async function findRecentOrder(port: ChimePort, productType: string, numbers: string[], released: string[] = []): Promise<PhoneOrder | undefined> {
  const wanted = [...numbers].sort().join(',');
  const since = Date.now() - ADOPT_WINDOW_MS;
  return newest(port, order => order.productType === productType && !FAILED_ORDER_STATUSES.includes(order.status)
    && (order.createdAt?.getTime() ?? Date.now()) >= since
    && order.numbers.map(n => n.number).sort().join(',') === wanted
    && !order.numbers.some(n => n.status === 'Acquired' && released.includes(n.number)));
}

/** The newest order that acquired any of these numbers, or still holds them in processing. */
export async function newestOrderFor(port: ChimePort, numbers: string[]): Promise<PhoneOrder | undefined> {
  const wanted = new Set(numbers);
  return newest(port, order => order.numbers.some(n => wanted.has(n.number) && (n.status === 'Acquired' || n.status === 'Processing')));
}

async function newest(port: ChimePort, matches: (order: PhoneOrder) => boolean): Promise<PhoneOrder | undefined> {
  let found: PhoneOrder | undefined;
  try {
    for await (const order of port.listOrders()) {
      if (!matches(order)) continue;
      if (!found || (order.createdAt?.getTime() ?? 0) >= (found.createdAt?.getTime() ?? 0)) found = order;
    }
  } catch (err) {
    throw chimeFailure('ListPhoneNumberOrders', err);
  }
  return found;
}
