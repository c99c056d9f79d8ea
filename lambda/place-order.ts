import type { ChimePort, PhoneOrder } from './chime-port';
import { sleep } from './concurrency';
import { chimeFailure } from './failure';
import { log } from './log';
import { observeNumbers } from './observe';
import { findRecentOrder } from './order-book';
import type { Identity } from './ownership';
import { MAX_ATTEMPTS } from './attempts';
import { isRetryable } from './retryable';

/**
 * As many tries as the SDK's strategy gives every other call: 6 gave up on about one create in 300
 * under the chaos suite's 30 % throttling and 10 % server errors. Each try after a short backoff.
 */
const CREATE_ATTEMPTS = MAX_ATTEMPTS;
const MAX_BACKOFF_MS = 2_000;

export interface OrderRequest {
  readonly productType: string;
  readonly numbers: string[];
  /** The Name with this resource's mark (Chime SDK Voice). */
  readonly name?: string;
}

/**
 * Sends CreatePhoneNumberOrder so that at most one order comes of it. The SDK's retry strategy
 * is not used here: when an answer is lost (reset, timeout, 5xx) the service may have placed
 * the order already, and a blind re-send would buy the numbers twice. So before every retry we
 * look for this request's own order and take it; only when it is not there do we send again.
 */
export async function createExactlyOnce(port: ChimePort, request: OrderRequest, identity: Identity): Promise<PhoneOrder> {
  for (let attempt = 1; ; attempt++) {
    try {
      const order = await port.createOrder(request.productType, request.numbers, request.name);
      log('INFO', 'placed order', { orderId: order.id, count: request.numbers.length, api: port.api });
      return order;
    } catch (err) {
      if (!isRetryable(err)) throw chimeFailure('CreatePhoneNumberOrder', err);
      log('WARN', 'CreatePhoneNumberOrder answer lost or refused for now; looking for the order before going on', { attempt, error: (err as Error).name });
      await sleep(Math.min(100 * 2 ** attempt, MAX_BACKOFF_MS) * (0.5 + Math.random() / 2));
      // Looked for after the last attempt too: failing without looking would leave a placed order nobody answers for.
      const placed = await findOwnOrder(port, request, identity);
      if (placed) {
        log('INFO', 'found the order the lost answer was for; taking it', { orderId: placed.id });
        return placed;
      }
      if (attempt >= CREATE_ATTEMPTS) throw chimeFailure('CreatePhoneNumberOrder', err);
    }
  }
}

/**
 * Chime SDK Voice: the order whose numbers carry this request's mark (their records keep the
 * order's ID, even when the acquisition failed). Legacy API: a recent order for exactly this list.
 */
async function findOwnOrder(port: ChimePort, request: OrderRequest, identity: Identity): Promise<PhoneOrder | undefined> {
  if (!port.marksNumbers) return findRecentOrder(port, request.productType, request.numbers);
  const facts = await observeNumbers(port, identity, request.numbers);
  const ids = [...facts.values()]
    .filter(f => f.owner.kind === 'self' && f.owner.mark.kind === 'ordered' && f.owner.mark.request === identity.request && f.orderId)
    .map(f => f.orderId!);
  for (const id of new Set(ids)) {
    try {
      const order = await port.getOrder(id);
      if (order) return order;
    } catch (err) {
      throw chimeFailure(`GetPhoneNumberOrder ${id}`, err);
    }
  }
  return undefined;
}
