// Delete: release every number of the list this resource owns (a search order: every number
// carrying its mark); numbers still being acquired are released by the waiter once their order
// ends; a release Chime cannot do this time is tried again at the next interval.
import type { Budget } from './budget';
import type { CompletionEvent, IsCompleteResult, OnEventResult, ResourceEvent } from './events';
import { EventFailure, isTransient } from './failure';
import { log } from './log';
import { observe, observeMarked } from './observe';
import { identityOf } from './ownership';
import { planDelete } from './plan-delete';
import { portFor } from './ports';
import { executeSettle } from './execute';
import type { SettleStep } from './plan-settle';
import { outOfTime } from './is-complete';
import { routingFor, viewOf, withRules } from './routing/context';
import { targetOf } from './routing/target';
import { apiOf, isSearch, numbersOf } from './spec';

type Step = 'done' | 'pending';

export async function remove(event: ResourceEvent, budget: Budget): Promise<OnEventResult> {
  const step = await releaseOwned(event, budget, false);
  if (step === 'done') return { PhysicalResourceId: event.PhysicalResourceId };
  return { PhysicalResourceId: event.PhysicalResourceId, Data: { ReleasePending: 'true', StartedAt: String(Date.now()) } };
}

export async function completeDelete(event: CompletionEvent, budget: Budget): Promise<IsCompleteResult> {
  if (event.Data?.ReleasePending !== 'true') return { IsComplete: true };
  return { IsComplete: (await releaseOwned(event, budget, outOfTime(event.Data?.StartedAt))) === 'done' };
}

async function releaseOwned(event: ResourceEvent, budget: Budget, outOfTime: boolean): Promise<Step> {
  const props = event.ResourceProperties;
  const identity = identityOf(event.StackId, event.LogicalResourceId, event.RequestId);
  const search = isSearch(props);
  // Search orders exist only on Chime SDK Voice, whose numbers carry the marks that say which are the resource's.
  const port = portFor(search ? 'chime-sdk-voice' : apiOf(props), budget);
  const target = targetOf(props);
  const routing = await routingFor([target], budget);
  const marked = search ? await observeMarked(port, identity) : undefined;
  const numbers = marked ? [...marked.keys()] : numbersOf(props);
  const observed = marked ? { marksNumbers: true, numbers: marked, orders: new Map() } : await observe(port, identity, numbers);
  const snapshot = await withRules(observed, routing);
  const plan = planDelete(numbers, snapshot, viewOf(snapshot, identity, [target]));
  if (plan.kind === 'refuse') throw new EventFailure(plan.reason);
  if (plan.kind === 'wait') {
    if (outOfTime) {
      throw new EventFailure(`${plan.why}, but the provider's totalTimeout is about to end: once the order ends, delete again `
        + '(or release the numbers in the Chime console)');
    }
    log('INFO', 'waiting before releasing', { why: plan.why });
    return 'pending';
  }
  if (plan.skipped.length > 0) log('INFO', 'not releasing numbers this resource does not own or that are already gone', { numbers: plan.skipped });
  if (plan.numbers.length === 0) return 'done';
  try {
    const steps: SettleStep[] = [...(plan.unroute.length > 0 ? [{ kind: 'route' as const, steps: plan.unroute }] : []), { kind: 'release', numbers: plan.numbers }];
    await executeSettle(port, steps, identity, routing);
  } catch (err) {
    if (!isTransient(err) || outOfTime) throw err;
    log('WARN', 'release failed for now; trying again at the next interval', { reason: (err as Error).message });
    return 'pending';
  }
  return 'done';
}
