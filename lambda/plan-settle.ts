// What isComplete does for a Create or an Update, pure: wait while this resource's numbers are
// being acquired; then judge what the account holds against the list; release (or let go) what
// the update removed; or, when the event must fail, first undo what a failed Create took, so that
// nothing is left behind even when no Delete follows (RETAIN).
import { maskNumber } from '../lib/order-rules';
import type { PhoneOrder } from './chime-port';
import type { NumberFacts, Snapshot } from './observe';
import { factsOf } from './observe';
import { type Identity, markOf, nameWith } from './ownership';
import { associatedReason, routedReason } from './plan-delete';
import { viewOf } from './routing/context';
import { type RoutingStep, type RoutingView, planRoute, planUnroute } from './routing/plan';
import type { RoutingTarget } from './routing/target';
import type { OrderSpec, PreviousSpec } from './spec';

export type SettleStep =
  | { readonly kind: 'release'; readonly numbers: string[] }
  | { readonly kind: 'name'; readonly number: string; readonly name: string; readonly why: 'let-go' }
  | { readonly kind: 'route'; readonly steps: RoutingStep[] };

export interface Attributes {
  readonly OrderId: string;
  readonly OrderStatus: string;
  readonly PhoneNumbers: string[];
  readonly PhoneNumberCount: string;
  readonly FailedPhoneNumbers: string[];
  /** Routed resources only: the target, and for SIP media applications each number's rule (in PhoneNumbers' order). */
  readonly RoutingTargetType?: string;
  readonly RoutingTargetId?: string;
  readonly SipRuleIds?: string[];
}

/** Where the numbers end up routed, and the rules already known (the steps add the ones they create). */
export interface Routed {
  readonly target: RoutingTarget;
  readonly ruleIds: ReadonlyMap<string, string>;
}

export type Settlement =
  | { readonly kind: 'wait'; readonly why: string; readonly orderIds: string[] }
  /** Carry out `steps` (the undo of what the event took), then fail with `reason`. */
  | { readonly kind: 'fail'; readonly reason: string; readonly steps: SettleStep[] }
  /** `warnings`: numbers left routed by someone else (see planRoute), for the log. */
  | { readonly kind: 'complete'; readonly steps: SettleStep[]; readonly attributes: Attributes; readonly routed?: Routed; readonly warnings?: string[] };

export interface SettleInput {
  readonly requestType: 'Create' | 'Update';
  readonly spec: OrderSpec;
  readonly previous?: PreviousSpec;
  readonly identity: Identity;
  readonly snapshot: Snapshot;
  /** A failure onEvent met after a side effect, left for isComplete to answer. */
  readonly deferredFailure?: string;
  /** Whether the waiter's time is about to run out. */
  readonly outOfTime: boolean;
  /** The order onEvent placed or took, as its notes name it. */
  readonly placedOrderId?: string;
  /** Legacy API: the order this event placed, and the newest order behind the numbers (from the order book). */
  readonly legacyOrder?: PhoneOrder;
  readonly legacyNewestOrder?: PhoneOrder;
}

export function planSettle(input: SettleInput): Settlement {
  const { spec, snapshot, requestType } = input;
  const previous = input.previous?.numbers ?? [];
  const removed = previous.filter(n => !spec.numbers.includes(n));
  const facts = (n: string) => factsOf(snapshot, n);
  const mine = (f: NumberFacts) => f.owner.kind === 'self' || f.owner.kind === 'unknown';
  const view = viewOf(snapshot, input.identity, [spec.target, input.previous?.target]);
  const undo = requestType === 'Create' ? undoCreate(input, view) : [];

  const acquiring = [...spec.numbers, ...removed].map(facts).filter(f => mine(f) && f.state === 'acquiring');
  if (acquiring.length > 0) {
    const orderIds = [...new Set(acquiring.map(f => f.orderId ?? input.legacyOrder?.id).filter((id): id is string => !!id))];
    const why = `${acquiring.map(f => maskNumber(f.number)).join(', ')} still being acquired${orderIds.length ? ` by order ${orderIds.join(', ')}` : ''}`;
    if (!input.outOfTime) return { kind: 'wait', why, orderIds };
    return {
      kind: 'fail', steps: undo,
      reason: `Order ${orderIds.join(', ') || '(unknown)'} is still processing (${describeOrders(input, orderIds)}) and the provider's totalTimeout is about to end. `
        + 'An order cannot be cancelled through the API; once it ends, the rollback (or a later deploy) releases its numbers. '
        + 'Raise totalTimeout (at most 1 hour) for orders that take longer, or check the order in the Chime console',
    };
  }
  if (input.deferredFailure) return { kind: 'fail', reason: input.deferredFailure, steps: undo };

  const owned = spec.numbers.filter(n => isOwned(facts(n)));
  const missing = spec.numbers.filter(n => !owned.includes(n));
  const failedNow = missing.filter(n => !previous.includes(n));
  // allowPartial keeps a partly filled order; an order that acquired nothing fails a Create whatever
  // allowPartial says (an Update keeps what the resource already holds).
  const acquiredNow = spec.numbers.filter(n => !previous.includes(n) && owned.includes(n));
  const nothingAcquired = requestType === 'Create' && acquiredNow.length === 0 && failedNow.length > 0;
  if (failedNow.length > 0 && (!spec.allowPartial || nothingAcquired)) {
    return { kind: 'fail', steps: undo, reason: orderRefusal(input, failedNow, acquiredNow.length) };
  }

  const steps: SettleStep[] = [];
  const toRelease: string[] = [];
  const leaving: NumberFacts[] = [];
  for (const n of removed) {
    const f = facts(n);
    if (f.state !== 'held' || !mine(f)) continue;
    leaving.push(f);
    if (f.owner.kind === 'self' && f.owner.mark.kind === 'adopted') {
      steps.push({ kind: 'name', number: n, name: nameWith(f.label, markOf(input.identity, 'let-go')), why: 'let-go' });
    } else {
      toRelease.push(n);
    }
  }
  if (view) {
    // The routing this resource made goes first: Chime releases no routed number.
    const unroute = planUnroute(leaving, view);
    const blocked = unroute.foreign.filter(f => toRelease.includes(f.number));
    if (blocked.length > 0) return { kind: 'fail', reason: routedReason(blocked), steps: [] };
    if (unroute.steps.length > 0) steps.unshift({ kind: 'route', steps: unroute.steps });
  } else {
    const inUse = toRelease.map(facts).filter(f => f.associations.length > 0);
    if (inUse.length > 0) return { kind: 'fail', reason: associatedReason(inUse), steps: [] };
  }
  if (toRelease.length > 0) steps.push({ kind: 'release', numbers: toRelease });
  const routing = routeOwned(input, owned.map(facts), view);
  if ('refusals' in routing) {
    return { kind: 'fail', steps: undo, reason: `The numbers were ${requestType === 'Create' ? 'acquired' : 'kept'} but cannot be routed: ${routing.refusals.join('; ')}` };
  }
  if (routing.steps.length > 0) steps.push({ kind: 'route', steps: routing.steps });
  return {
    kind: 'complete', steps, attributes: attributesOf(input, owned, missing),
    ...(routing.routed ? { routed: routing.routed } : {}), ...(routing.warnings.length > 0 ? { warnings: routing.warnings } : {}),
  };
}

/**
 * The owned numbers routed to the target; or, when the target was removed, the routing this
 * resource made taken away. Someone else's routing refuses a number this request adopted; on a
 * number the resource held before, it is drift: left alone and reported.
 */
function routeOwned(input: SettleInput, owned: NumberFacts[], view: RoutingView | undefined):
  { refusals: string[] } | { steps: RoutingStep[]; routed?: Routed; warnings: string[] } {
  const target = input.spec.target;
  if (!view) return { steps: [], warnings: [] };
  if (!target) return { steps: planUnroute(owned, view).steps, warnings: [] };
  const plan = planRoute(owned, target, view);
  const adoptedNow = (n: string) => {
    const o = factsOf(input.snapshot, n).owner;
    return o.kind === 'self' && o.mark.kind === 'adopted' && o.mark.request === input.identity.request;
  };
  const refusals = plan.blocked.filter(b => adoptedNow(b.number)).map(b => b.reason);
  if (refusals.length > 0) return { refusals };
  return { steps: plan.steps, routed: { target, ruleIds: plan.ruleIds }, warnings: plan.blocked.map(b => `left as it is: ${b.reason}`) };
}

function orderRefusal(input: SettleInput, failed: string[], acquired: number): string {
  const orderIds = ordersOf(input, failed);
  const which = `Order ${orderIds.join(', ') || '(none found)'}`;
  const details = `${describeOrders(input, orderIds)}; not acquired: ${failed.map(maskNumber).join(', ')}`;
  if (acquired === 0) {
    return `${which} acquired no number (${details}). Check that the numbers are available (SearchAvailablePhoneNumbers) `
      + 'and that the account may order them, then deploy again';
  }
  const undone = input.requestType === 'Create' ? 'What it acquired is released' : 'The rollback releases what it acquired';
  return `${which} was only partly filled (${acquired} of ${acquired + failed.length} acquired; ${details}). ${undone}; `
    + 'remove the numbers it could not acquire, or set allowPartial to keep a partial order';
}

/** Undo of a failed Create: take away the routing it made, release what it ordered or restored, let go what it adopted. */
function undoCreate(input: SettleInput, view: RoutingView | undefined): SettleStep[] {
  const steps: SettleStep[] = [];
  const release: string[] = [];
  const leaving: NumberFacts[] = [];
  for (const n of input.spec.numbers) {
    const f = factsOf(input.snapshot, n);
    if (f.state !== 'held') continue;
    if (f.owner.kind === 'self' && f.owner.mark.kind === 'adopted') {
      steps.push({ kind: 'name', number: n, name: nameWith(f.label, markOf(input.identity, 'let-go')), why: 'let-go' });
      leaving.push(f);
    } else if (f.owner.kind === 'self' || f.owner.kind === 'unknown') {
      release.push(n);
      leaving.push(f);
    }
  }
  const unroute = view ? planUnroute(leaving, view).steps : [];
  return [
    ...(unroute.length > 0 ? [{ kind: 'route' as const, steps: unroute }] : []),
    ...steps,
    ...(release.length > 0 ? [{ kind: 'release' as const, numbers: release }] : []),
  ];
}

function isOwned(f: NumberFacts): boolean {
  return f.state === 'held' && (f.owner.kind === 'self' || f.owner.kind === 'unknown');
}

/** The orders this resource placed for these numbers (Chime SDK Voice: from the numbers' own records). */
function ordersOf(input: SettleInput, numbers: string[]): string[] {
  if (input.legacyOrder) return [input.legacyOrder.id];
  const ids = numbers.map(n => factsOf(input.snapshot, n))
    .filter(f => f.owner.kind === 'self' && f.owner.mark.request === input.identity.request && f.orderId)
    .map(f => f.orderId!);
  if (ids.length === 0 && input.placedOrderId) ids.push(input.placedOrderId);
  return [...new Set(ids)];
}

function describeOrders(input: SettleInput, ids: string[]): string {
  const orders = ids.map(id => (input.legacyOrder?.id === id ? input.legacyOrder : input.snapshot.orders.get(id))).filter((o): o is PhoneOrder => !!o);
  if (orders.length === 0) return ids.length > 0 ? 'the order no longer exists in Chime' : 'no order details';
  return orders.map(o => `${o.status}: ${o.numbers.map(x => `${maskNumber(x.number)} ${x.status}`).join(', ')}`).join('; ');
}

/** OrderId: the newest order behind the numbers this resource ordered (adopted ones came from elsewhere). */
function attributesOf(input: SettleInput, owned: string[], missing: string[]): Attributes {
  let newest: PhoneOrder | undefined = input.legacyNewestOrder ?? input.legacyOrder;
  if (input.snapshot.marksNumbers) {
    newest = undefined;
    for (const n of owned) {
      const f = factsOf(input.snapshot, n);
      const order = f.owner.kind === 'self' && f.owner.mark.kind === 'ordered' && f.orderId ? input.snapshot.orders.get(f.orderId) : undefined;
      if (order && (!newest || (order.createdAt?.getTime() ?? 0) > (newest.createdAt?.getTime() ?? 0))) newest = order;
    }
  }
  return {
    OrderId: newest?.id ?? 'None',
    OrderStatus: newest?.status ?? 'None',
    PhoneNumbers: [...owned].sort(),
    PhoneNumberCount: String(owned.length),
    FailedPhoneNumbers: [...missing].sort(),
  };
}
