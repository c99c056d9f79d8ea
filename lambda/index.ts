import { withEventRegions } from './api-region';
import { budgetOf, type LambdaContext } from './budget';
import { completeDelete, remove } from './delete';
import type { CompletionEvent, IsCompleteResult, OnEventResult, ResourceEvent } from './events';
import { EventFailure, isTransient, withLogGroup } from './failure';
import { outOfTime, settle } from './is-complete';
import { log, redact } from './log';
import { act } from './on-event';
import { ROUTING_RESOURCE_TYPE, completeRoutingEvent, onRoutingEvent } from './routing/guard';

/** onEvent of the Provider framework for Custom::ChimePhoneNumberOrder (and its Custom::ChimePhoneNumberRouting). */
export async function onEvent(event: ResourceEvent, context?: LambdaContext): Promise<OnEventResult> {
  const budget = budgetOf(context);
  return answer('onEvent', event, () => {
    if (event.ResourceType === ROUTING_RESOURCE_TYPE) return onRoutingEvent(event, budget);
    switch (event.RequestType) {
      case 'Create':
      case 'Update': return act(event as ResourceEvent & { RequestType: 'Create' | 'Update' }, budget);
      case 'Delete': return remove(event, budget);
      default: throw new EventFailure(`Unknown RequestType ${JSON.stringify((event as { RequestType?: unknown }).RequestType)}: expected Create, Update or Delete`);
    }
  });
}

/**
 * isComplete of the Provider framework: true once the event's work is done and judged. A transient
 * error (throttling, a server fault) asks again at the next interval instead of failing the event.
 */
export async function isComplete(event: CompletionEvent, context?: LambdaContext): Promise<IsCompleteResult> {
  const budget = budgetOf(context);
  return answer('isComplete', event, async () => {
    try {
      if (event.ResourceType === ROUTING_RESOURCE_TYPE) return await completeRoutingEvent(event, budget);
      if (event.RequestType === 'Delete') return await completeDelete(event, budget);
      return await settle(event as CompletionEvent & { RequestType: 'Create' | 'Update' }, budget);
    } catch (err) {
      if (!isTransient(err) || outOfTime(event.Data?.StartedAt)) throw err;
      log('WARN', 'could not finish this time; asking again at the next interval', { reason: (err as Error).message });
      return { IsComplete: false };
    }
  });
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
