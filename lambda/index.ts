import { withEventRegions } from './api-region';
import { budgetOf, type LambdaContext } from './budget';
import { create } from './create';
import { remove } from './delete';
import type { CompletionEvent, IsCompleteResult, OnEventResult, ResourceEvent } from './events';
import { EventFailure, withLogGroup } from './failure';
import { checkCompletion } from './is-complete';
import { log, redact } from './log';
import { update } from './update';

/** onEvent of the Provider framework for Custom::ChimePhoneNumberOrder. */
export async function onEvent(event: ResourceEvent, context?: LambdaContext): Promise<OnEventResult> {
  const budget = budgetOf(context);
  return answer('onEvent', event, () => {
    switch (event.RequestType) {
      case 'Create': return create(event, budget);
      case 'Update': return update(event, budget);
      case 'Delete': return remove(event, budget);
      default: throw new EventFailure(`Unknown RequestType ${JSON.stringify((event as { RequestType?: unknown }).RequestType)}: expected Create, Update or Delete`);
    }
  });
}

/** isComplete of the Provider framework: true once the order is terminal and judged. */
export async function isComplete(event: CompletionEvent, context?: LambdaContext): Promise<IsCompleteResult> {
  return answer('isComplete', event, () => checkCompletion(event, budgetOf(context)));
}

async function answer<T>(step: string, event: ResourceEvent, run: () => Promise<T>): Promise<T> {
  const context = { step, requestType: event?.RequestType, logicalResourceId: event?.LogicalResourceId, physicalResourceId: event?.PhysicalResourceId };
  log('INFO', `${step} started`, context);
  try {
    if (!event || typeof event !== 'object') throw new EventFailure('The event is empty: expected a CloudFormation custom resource event');
    const result = await withEventRegions(event.ResourceProperties, run);
    log('INFO', `${step} answered`, { ...context, result });
    return result;
  } catch (err) {
    const reason = err instanceof EventFailure ? err.message : redact(`Unexpected error in ${step}: ${(err as Error)?.message ?? String(err)}`);
    log('ERROR', `${step} failed`, { ...context, reason, stack: err instanceof EventFailure ? undefined : (err as Error)?.stack });
    throw new EventFailure(withLogGroup(reason));
  }
}
