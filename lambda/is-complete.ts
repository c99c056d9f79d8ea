// isComplete: observe once, decide (wait, fail after undoing, or complete), execute, answer.
// Called by the Provider framework's waiter right after onEvent and every queryInterval after.
import type { Budget } from './budget';
import type { CompletionEvent, IsCompleteResult } from './events';
import { EventFailure, isTransient } from './failure';
import { log } from './log';
import { observeNumbers, observeOrders, type Snapshot } from './observe';
import { newestOrderFor } from './order-book';
import { identityOf } from './ownership';
import { planSettle } from './plan-settle';
import { portFor } from './ports';
import { executeSettle } from './execute';
import { routingFor, withRules } from './routing/context';
import { routingAttributes } from './routing/plan';
import { parseSpec, previousSpec } from './spec';

export async function settle(event: CompletionEvent & { RequestType: 'Create' | 'Update' }, budget: Budget): Promise<IsCompleteResult> {
  const spec = parseSpec(event.ResourceProperties);
  const previous = event.RequestType === 'Update' ? previousSpec(event.OldResourceProperties) : undefined;
  const identity = identityOf(event.StackId, event.LogicalResourceId, event.RequestId);
  const port = portFor(spec.api, budget);
  const routing = await routingFor([spec.target, previous?.target], budget);
  const numbers = [...spec.numbers, ...(previous?.numbers ?? [])];
  const facts = await observeNumbers(port, identity, numbers);
  const orders = await observeOrders(port, [...facts.values()].filter(f => f.owner.kind === 'self').map(f => f.orderId));
  const snapshot: Snapshot = await withRules({ marksNumbers: port.marksNumbers, numbers: facts, orders }, routing);
  const legacyOrder = !port.marksNumbers && event.Data?.OrderId ? (await observeOrders(port, [event.Data.OrderId])).get(event.Data.OrderId) : undefined;
  const plan = (legacyNewestOrder?: Awaited<ReturnType<typeof newestOrderFor>>) => planSettle({
    requestType: event.RequestType, spec, previous, identity, snapshot, deferredFailure: event.Data?.Failure,
    outOfTime: outOfTime(event.Data?.StartedAt), legacyOrder, legacyNewestOrder,
  });
  let settlement = plan();
  if (settlement.kind === 'complete' && !port.marksNumbers && !legacyOrder) {
    // Legacy numbers do not name their order: the newest one behind them is found in the order book.
    settlement = plan(await newestOrderFor(port, settlement.attributes.PhoneNumbers));
  }
  switch (settlement.kind) {
    case 'wait':
      log('INFO', 'not complete yet', { why: settlement.why });
      return { IsComplete: false };
    case 'fail':
      await executeSettle(port, settlement.steps, identity, routing);
      throw new EventFailure(settlement.reason);
    case 'complete': {
      let created;
      try {
        created = await executeSettle(port, settlement.steps, identity, routing);
      } catch (err) {
        // A Create that cannot finish (its routing refused by Chime) undoes what it took before failing, whatever the removal policy.
        if (event.RequestType !== 'Create' || isTransient(err) || event.Data?.Failure) throw err;
        return settle({ ...event, Data: { ...event.Data, Failure: (err as Error).message } }, budget);
      }
      for (const warning of settlement.warnings ?? []) log('WARN', warning);
      const ruleIds = new Map([...(settlement.routed?.ruleIds ?? []), ...created]);
      const attributes = { ...settlement.attributes, ...routingAttributes(settlement.routed?.target, settlement.attributes.PhoneNumbers, ruleIds) };
      log('INFO', 'complete', { numbers: attributes.PhoneNumbers, orderId: attributes.OrderId, routedTo: attributes.RoutingTargetId });
      return { IsComplete: true, Data: attributes };
    }
  }
}

/**
 * The framework's own timeout answers only "Operation timed out"; failing a little before it,
 * the reason can say which order and its last status. Counted from when the waiter started.
 */
export function outOfTime(startedAt: string | undefined, now = Date.now()): boolean {
  const total = Number(process.env.TOTAL_TIMEOUT_SECONDS) * 1000;
  const interval = Number(process.env.QUERY_INTERVAL_SECONDS) * 1000;
  const started = Number(startedAt);
  if (!Number.isFinite(total) || !Number.isFinite(interval) || !Number.isFinite(started) || total <= 0) return false;
  return now - started + 2 * interval >= total;
}

