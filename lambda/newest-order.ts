import type { ChimePort, HeldNumber, PhoneOrder } from './chime-port';
import { chimeFailure } from './failure';

/**
 * The newest order behind numbers the account holds. Where the API names each number's order
 * (Chime SDK Voice) those few orders are read; otherwise every page of the order list is scanned.
 */
export async function newestOrderBehind(port: ChimePort, held: HeldNumber[]): Promise<PhoneOrder | undefined> {
  const ids = [...new Set(held.map(h => h.orderId))];
  if (held.length === 0 || ids.some(id => id === undefined)) return newestOrderFor(port, held.map(h => h.number));
  let newest: PhoneOrder | undefined;
  for (const id of ids as string[]) {
    let order;
    try {
      order = await port.getOrder(id);
    } catch (err) {
      throw chimeFailure(`GetPhoneNumberOrder ${id}`, err);
    }
    if (order && (!newest || (order.createdAt?.getTime() ?? 0) >= (newest.createdAt?.getTime() ?? 0))) newest = order;
  }
  return newest;
}

/**
 * The newest order that acquired any of these numbers, or that still holds them in processing.
 * Attributes are derived from what Chime holds, not stored: CloudFormation does not send a
 * resource's previous attributes with an event.
 */
export async function newestOrderFor(port: ChimePort, numbers: string[], statuses = ['Acquired', 'Processing']): Promise<PhoneOrder | undefined> {
  const wanted = new Set(numbers);
  let newest: PhoneOrder | undefined;
  try {
    for await (const order of port.listOrders()) {
      if (!order.numbers.some(n => wanted.has(n.number) && statuses.includes(n.status))) continue;
      if (!newest || (order.createdAt?.getTime() ?? 0) >= (newest.createdAt?.getTime() ?? 0)) newest = order;
    }
  } catch (err) {
    throw chimeFailure('ListPhoneNumberOrders', err);
  }
  return newest;
}
