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
import { parseSpec, type OrderSpec } from './spec';

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
  if (holdings.absent.length > 0 || pending.length > 0) {
    // A retried onEvent finds its own earlier order's numbers in processing: wait for that order.
    const order = holdings.absent.length > 0
      ? await placeOrder(port, spec, holdings.absent)
      : await newestOrderFor(port, pending, ['Processing']);
    if (order) return answerForOrder(event, port, spec, order, budget, physicalId);
  }
  await releaseRemoved(port, event, spec);
  return { PhysicalResourceId: physicalId, Data: await describeHoldings(port, spec, physicalId) };
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

