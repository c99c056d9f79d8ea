// Custom::ChimePhoneNumberRouting: the resource that takes a PhoneNumberOrder's routing away when
// the stack no longer wants it. Its DeletionPolicy is always Delete and it depends on the order
// and on the target, so CloudFormation deletes it first on a stack delete (or the rollback of a
// create), whatever the order's removal policy: numbers kept by RETAIN are left unrouted, and a
// Voice Connector or SIP media application of the same stack can then be deleted. Create and
// Update change nothing: the order resource routes its numbers. It acts for the order (same
// identity, from the order's logical ID), and takes away only routing the order made.
import { maskNumber } from '../../lib/order-rules';
import type { Budget } from '../budget';
import type { CompletionEvent, IsCompleteResult, OnEventResult, ResourceEvent } from '../events';
import { EventFailure, isTransient } from '../failure';
import { outOfTime } from '../is-complete';
import { log } from '../log';
import { observe } from '../observe';
import { identityOf } from '../ownership';
import { portFor } from '../ports';
import { numbersOf } from '../spec';
import { routingFor, withRules } from './context';
import { executeRouting } from './execute';
import { describeRoutes, planUnroute } from './plan';
import { parseTarget, targetOf } from './target';

export const ROUTING_RESOURCE_TYPE = 'Custom::ChimePhoneNumberRouting';

export async function onRoutingEvent(event: ResourceEvent, budget: Budget): Promise<OnEventResult> {
  const props = event.ResourceProperties;
  if (event.RequestType === 'Delete') {
    const step = await unroute(event, budget, false);
    return { PhysicalResourceId: event.PhysicalResourceId, ...(step === 'pending' ? { Data: { UnroutePending: 'true', StartedAt: String(Date.now()) } } : {}) };
  }
  const order = props?.OrderLogicalId;
  if (typeof order !== 'string' || order === '') {
    throw new EventFailure('ResourceProperties.OrderLogicalId must be the logical ID of the PhoneNumberOrder resource whose routing this resource takes away');
  }
  if (!parseTarget(props, 'ResourceProperties')) throw new EventFailure('ResourceProperties.Routing is missing: it names the target the order routes its numbers to');
  return { PhysicalResourceId: event.PhysicalResourceId ?? `pno.${identityOf(event.StackId, order, '').resource}.routing` };
}

export async function completeRoutingEvent(event: CompletionEvent, budget: Budget): Promise<IsCompleteResult> {
  if (event.RequestType !== 'Delete' || event.Data?.UnroutePending !== 'true') return { IsComplete: true };
  return { IsComplete: (await unroute(event, budget, outOfTime(event.Data?.StartedAt))) === 'done' };
}

/** Takes away what the order routed for its numbers; what routes them otherwise is left, and logged. */
async function unroute(event: ResourceEvent, budget: Budget, lastTry: boolean): Promise<'done' | 'pending'> {
  const props = event.ResourceProperties;
  const target = targetOf(props);
  const order = props?.OrderLogicalId;
  if (!target || typeof order !== 'string') return 'done';
  const identity = identityOf(event.StackId, order, event.RequestId);
  const numbers = numbersOf(props);
  const port = portFor('chime-sdk-voice', budget);
  const routing = (await routingFor([target], budget))!;
  const snapshot = await withRules(await observe(port, identity, numbers), routing);
  const owned = [...snapshot.numbers.values()].filter(f => f.owner.kind === 'self' && f.state === 'held');
  const plan = planUnroute(owned, { identity, rules: snapshot.rules!, known: [target] });
  for (const f of plan.foreign) log('WARN', `leaving ${maskNumber(f.number)} ${describeRoutes(f.routes)}: the order did not make that routing`);
  try {
    await executeRouting(routing, port, plan.steps, identity);
  } catch (err) {
    if (!isTransient(err) || lastTry) throw err;
    log('WARN', 'unrouting failed for now; trying again at the next interval', { reason: (err as Error).message });
    return 'pending';
  }
  return 'done';
}
