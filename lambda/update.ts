import { maskNumber } from '../lib/order-rules';
import type { ChimePort, HeldNumber } from './chime-port';
import type { OnEventResult, OrderAttributes, ResourceEvent } from './events';
import { chimeFailure } from './failure';
import { observe } from './holdings';
import { log } from './log';
import { newestOrderFor } from './newest-order';
import { placeOrder } from './place-order';
import { portFor } from './ports';
import { releaseOwned } from './release';
import { attributes } from './settle';
import { numbersToRelease, parseSpec, type OrderSpec } from './spec';

/**
 * Converges the account on the new properties, in place (same physical ID): numbers in the
 * deletion queue are restored, missing ones ordered (one order), kept ones moved to the new
 * product type; numbers the old properties listed and the new ones do not are released only
 * once additions have succeeded, so when an order is placed isComplete does the release.
 * An UPDATE_ROLLBACK is the same event with the properties swapped, so it undoes an update.
 */
export async function update(event: ResourceEvent): Promise<OnEventResult> {
  const spec = parseSpec(event.ResourceProperties);
  const port = portFor(spec.api);
  const physicalId = event.PhysicalResourceId ?? '';
  const holdings = await observe(port, spec.numbers);

  for (const n of holdings.leaving) await restore(port, n);
  const kept = [...holdings.owned, ...holdings.leaving];
  await moveProductType(port, spec, kept);

  const pending = holdings.owned.filter(h => h.status === 'AcquireInProgress').map(h => h.number);
  if (holdings.absent.length > 0 || pending.length > 0) {
    // A retried onEvent finds its own earlier order's numbers in processing: wait for that order.
    const order = holdings.absent.length > 0
      ? await placeOrder(port, spec, holdings.absent)
      : await newestOrderFor(port, pending, ['Processing']);
    if (order) return { PhysicalResourceId: physicalId, Data: { OrderId: order.id, OrderStatus: order.status } };
  }
  await releaseRemoved(port, event, spec);
  return { PhysicalResourceId: physicalId, Data: await describeHoldings(port, spec, physicalId) };
}

/** Numbers the previous properties listed that the new ones do not. */
export async function releaseRemoved(port: ChimePort, event: ResourceEvent, spec: OrderSpec): Promise<void> {
  const removed = numbersToRelease(event.OldResourceProperties).filter(n => !spec.numbers.includes(n));
  if (removed.length > 0) await releaseOwned(port, removed);
}

/** Attributes from what the account holds now; OrderId is the newest order behind the numbers. */
export async function describeHoldings(port: ChimePort, spec: OrderSpec, fallbackOrderId: string, orderHint?: { id: string; status: string }): Promise<OrderAttributes> {
  const owned = (await observe(port, spec.numbers)).owned.map(h => h.number);
  const order = orderHint ?? (await newestOrderFor(port, owned)) ?? { id: fallbackOrderId, status: await statusOf(port, fallbackOrderId) };
  return attributes(order.id, order.status, owned, spec.numbers.filter(n => !owned.includes(n)));
}

async function restore(port: ChimePort, held: HeldNumber): Promise<void> {
  try {
    await port.restoreNumber(held.number);
    log('INFO', 'restored number from the deletion queue', { number: held.number });
  } catch (err) {
    throw chimeFailure(`RestorePhoneNumber ${maskNumber(held.number)}`, err);
  }
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

async function statusOf(port: ChimePort, orderId: string): Promise<string> {
  try {
    return (await port.getOrder(orderId))?.status ?? 'Unknown';
  } catch (err) {
    throw chimeFailure(`GetPhoneNumberOrder ${orderId}`, err);
  }
}
