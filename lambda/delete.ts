import type { Budget } from './budget';
import type { OnEventResult, ResourceEvent } from './events';
import { portFor } from './ports';
import { releaseOwned } from './release';
import { apiOf, numbersToRelease } from './spec';

/** Releases every owned number of the desired set; gone or never acquired ones are skipped. */
export async function remove(event: ResourceEvent, budget: Budget): Promise<OnEventResult> {
  await releaseOwned(portFor(apiOf(event.ResourceProperties), budget), numbersToRelease(event.ResourceProperties));
  return { PhysicalResourceId: event.PhysicalResourceId };
}
