import type { ChimePort } from './chime-port';
import type { OnEventResult, ResourceEvent } from './events';
import { EventFailure, chimeFailure } from './failure';
import { observe } from './holdings';
import { portFor } from './ports';
import { attributes } from './settle';
import { numbersToRelease, parseSpec, type OrderSpec } from './spec';

/**
 * Updates that leave the numbers and product type as they are. Anything else fails before
 * touching Chime: the in-place update rows of the contract are not implemented yet.
 */
export async function update(event: ResourceEvent): Promise<OnEventResult> {
  const spec = parseSpec(event.ResourceProperties);
  const port = portFor(spec.api);
  const physicalId = event.PhysicalResourceId ?? '';
  const before = numbersToRelease(event.OldResourceProperties);
  const holdings = await observe(port, spec.numbers);
  const inStep = sameList(before, spec.numbers) && event.OldResourceProperties?.ProductType === spec.productType;
  // A rollback of an update refused below sends the deployed properties back: nothing changed, nothing to do.
  const alreadyThere = holdings.owned.length === spec.numbers.length && holdings.owned.every(h => h.productType === undefined || h.productType === spec.productType)
    && (await observe(port, before.filter(n => !spec.numbers.includes(n)))).owned.length === 0;
  if (!inStep && !alreadyThere) {
    throw new EventFailure('Changing the numbers or the product type of a deployed PhoneNumberOrder is not supported yet: '
      + 'revert the change, or give the construct a new ID to order the new set as a new resource');
  }
  return { PhysicalResourceId: physicalId, Data: await describe(port, physicalId, spec, holdings.owned.map(h => h.number)) };
}

async function describe(port: ChimePort, orderId: string, spec: OrderSpec, owned: string[]) {
  let status = 'Unknown';
  try {
    status = (await port.getOrder(orderId))?.status ?? status;
  } catch (err) {
    throw chimeFailure('GetPhoneNumberOrder', err);
  }
  return attributes(orderId, status, owned, spec.numbers.filter(n => !owned.includes(n)));
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}
