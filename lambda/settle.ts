import type { PhoneOrder } from './chime-port';
import type { OrderAttributes } from './events';
import { maskNumber } from '../lib/order-rules';

/** What a terminal order means for the numbers it was placed for. */
export interface Outcome {
  readonly acquired: string[];
  readonly failed: string[];
  /** Set when the order must fail the event; says why. */
  readonly refusal?: string;
}

export function judgeOrder(order: PhoneOrder, wanted: string[], allowPartial: boolean): Outcome {
  const acquired = order.numbers.filter(n => n.status === 'Acquired' && wanted.includes(n.number)).map(n => n.number).sort();
  const failed = wanted.filter(n => !acquired.includes(n));
  const statuses = order.numbers.map(n => `${maskNumber(n.number)} ${n.status}`).join(', ');
  if (order.status === 'Successful' && failed.length === 0) return { acquired, failed };
  if (order.status === 'Partial' || (order.status === 'Successful' && failed.length > 0)) {
    if (allowPartial) return { acquired, failed };
    return {
      acquired, failed,
      refusal: `Order ${order.id} was only partly filled (${acquired.length} of ${wanted.length} acquired: ${statuses}). `
        + 'The acquired numbers are released; remove the failed numbers from the list, or set allowPartial to keep a partial order',
    };
  }
  return {
    acquired, failed,
    refusal: `Order ${order.id} ended ${order.status} (${statuses}); no number was kept. `
      + 'Check that the numbers are available (SearchAvailablePhoneNumbers) and that the account may order them, then deploy again',
  };
}

export function attributes(orderId: string, orderStatus: string, owned: string[], failed: string[]): OrderAttributes {
  const sorted = [...owned].sort();
  return {
    OrderId: orderId,
    OrderStatus: orderStatus,
    PhoneNumbers: sorted.join(','),
    PhoneNumberCount: String(sorted.length),
    FailedPhoneNumbers: [...failed].sort().join(','),
  };
}
