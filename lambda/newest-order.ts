import type { ChimePort, PhoneOrder } from './chime-port';
import { chimeFailure } from './failure';

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
