import { maskNumber } from '../lib/order-rules';
import type { Budget } from './budget';
import type { ChimePort, HeldNumber } from './chime-port';
import { answerForOrder, describeHoldings, releaseRemoved } from './conclude';
import type { OnEventResult, ResourceEvent } from './events';
import { chimeFailure } from './failure';
import { observe } from './holdings';
import { log } from './log';
import { newestOrderFor } from './newest-order';
import { placeOrder } from './place-order';
import { portFor } from './ports';
import { restore } from './restore';
import { numbersToRelease, parseSpec, type OrderSpec } from './spec';

/**
 * Converges the account on the new properties, in place (same physical ID): numbers in the
 * deletion queue are restored, missing ones ordered (one order), kept ones moved to the new
 * product type; numbers the old properties listed and the new ones do not are released only
 * once additions have succeeded, so when an order is placed isComplete does the release.
 * An UPDATE_ROLLBACK is the same event with the properties swapped, so it undoes an update.
 */
export async function update(event: ResourceEvent, budget: Budget): Promise<OnEventResult> {
  const spec = parseSpec(event.ResourceProperties);
  const port = portFor(spec.api, budget);
  const physicalId = event.PhysicalResourceId ?? '';
  const holdings = await observe(port, spec.numbers);

  for (const n of holdings.leaving) await restore(port, n);
  const kept = [...holdings.owned, ...holdings.leaving];
  await moveProductType(port, spec, kept);

  const pending = holdings.owned.filter(h => h.status === 'AcquireInProgress').map(h => h.number);
  // Only numbers this update adds are ordered. A number of the old set that the account does not
  // hold was never acquired (the failed part of an allowPartial order): ordering it again on every
  // later update, the UPDATE_ROLLBACK included, fails those over a number nobody asked to add, and
  // a failed rollback leaves the stack in UPDATE_ROLLBACK_FAILED (found by the chaos suite).
  const previous = numbersToRelease(event.OldResourceProperties);
  const toOrder = holdings.absent.filter(n => !previous.includes(n));
  if (toOrder.length > 0 || pending.length > 0) {
    // A retried onEvent finds its own earlier order's numbers in processing: wait for that order.
    const order = toOrder.length > 0
      ? await placeOrder(port, spec, toOrder)
      : await newestOrderFor(port, pending, ['Processing']);
    if (order) return answerForOrder(event, port, spec, order, budget, physicalId);
  }
  await releaseRemoved(port, event, spec);
  return { PhysicalResourceId: physicalId, Data: await describeHoldings(port, spec, physicalId) };
}

async function moveProductType(port: ChimePort, spec: OrderSpec, held: HeldNumber[]): Promise<void> {
  for (const h of held) {
    if (!h.productType || h.productType === spec.productType) continue;
    try {
      await port.setProductType(h.number, spec.productType);
      log('INFO', 'moved number to the new product type', { number: h.number, from: h.productType, to: spec.productType });
    } catch (err) {
      throw chimeFailure(`UpdatePhoneNumber ${maskNumber(h.number)} to ${spec.productType}`, err);
    }
  }
}

