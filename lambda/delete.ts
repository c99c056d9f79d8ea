import type { Budget } from './budget';
import type { CompletionEvent, IsCompleteResult, OnEventResult, ResourceEvent } from './events';
import { observe } from './holdings';
import { log } from './log';
import { portFor } from './ports';
import { releaseOwned } from './release';
import { apiOf, numbersToRelease } from './spec';

/**
 * Releases every owned number of the desired set; gone or never acquired ones are skipped.
 * Numbers still being acquired cannot be released yet (an order that outlived a failed create,
 * whose rollback this is): the waiter releases them once their order has ended.
 */
export async function remove(event: ResourceEvent, budget: Budget): Promise<OnEventResult> {
  const port = portFor(apiOf(event.ResourceProperties), budget);
  const numbers = numbersToRelease(event.ResourceProperties);
  if (await stillAcquiring(port, numbers)) {
    log('INFO', 'numbers still being acquired; releasing them once their order ends', { numbers });
    return { PhysicalResourceId: event.PhysicalResourceId, Data: { ReleasePending: 'true' } };
  }
  await releaseOwned(port, numbers);
  return { PhysicalResourceId: event.PhysicalResourceId };
}

/** isComplete for a Delete: done at once, unless onEvent left numbers to release after their order. */
export async function completeDelete(event: CompletionEvent, budget: Budget): Promise<IsCompleteResult> {
  if (event.Data?.ReleasePending !== 'true') return { IsComplete: true };
  const port = portFor(apiOf(event.ResourceProperties), budget);
  const numbers = numbersToRelease(event.ResourceProperties);
  if (await stillAcquiring(port, numbers)) return { IsComplete: false };
  await releaseOwned(port, numbers);
  return { IsComplete: true };
}

async function stillAcquiring(port: ReturnType<typeof portFor>, numbers: string[]): Promise<boolean> {
  return (await observe(port, numbers)).owned.some(h => h.status === 'AcquireInProgress');
}
