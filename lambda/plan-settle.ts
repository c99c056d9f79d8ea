// What isComplete does for a Create or an Update, pure: wait while this resource's numbers are
// being acquired; then judge what the account holds against the list; release (or let go) what
// the update removed; or, when the event must fail, first undo what a failed Create took, so that
// nothing is left behind even when no Delete follows (RETAIN).
import { maskNumber } from '../lib/order-rules';
import type { PhoneOrder } from './chime-port';
import type { NumberFacts, Snapshot } from './observe';
import { factsOf } from './observe';
import { type Identity, markOf, nameWith } from './ownership';
import { associatedReason } from './plan-delete';
import type { OrderSpec, PreviousSpec } from './spec';

export type SettleStep =
  | { readonly kind: 'release'; readonly numbers: string[] }
  | { readonly kind: 'name'; readonly number: string; readonly name: string; readonly why: 'let-go' };

export interface Attributes {
  readonly OrderId: string;
  readonly OrderStatus: string;
  readonly PhoneNumbers: string[];
  readonly PhoneNumberCount: string;
  readonly FailedPhoneNumbers: string[];
}

export type Settlement =
  | { readonly kind: 'wait'; readonly why: string; readonly orderIds: string[] }
  /** Carry out `steps` (the undo of what the event took), then fail with `reason`. */
  | { readonly kind: 'fail'; readonly reason: string; readonly steps: SettleStep[] }
  | { readonly kind: 'complete'; readonly steps: SettleStep[]; readonly attributes: Attributes };

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
  const undo = requestType === 'Create' ? undoCreate(input) : [];

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
  for (const n of removed) {
    const f = facts(n);
    if (f.state !== 'held' || !mine(f)) continue;
    if (f.owner.kind === 'self' && f.owner.mark.kind === 'adopted') {
      steps.push({ kind: 'name', number: n, name: nameWith(f.label, markOf(input.identity, 'let-go')), why: 'let-go' });
    } else {
      toRelease.push(n);
    }
  }
  const inUse = toRelease.map(facts).filter(f => f.associations.length > 0);
  if (inUse.length > 0) return { kind: 'fail', reason: associatedReason(inUse), steps: [] };
  if (toRelease.length > 0) steps.push({ kind: 'release', numbers: toRelease });
  return { kind: 'complete', steps, attributes: attributesOf(input, owned, missing) };
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

/** Undo of a failed Create: release what the resource ordered or restored, let go what it adopted. */
function undoCreate(input: SettleInput): SettleStep[] {
  const steps: SettleStep[] = [];
  const release: string[] = [];
  for (const n of input.spec.numbers) {
    const f = factsOf(input.snapshot, n);
    if (f.state !== 'held') continue;
    if (f.owner.kind === 'self' && f.owner.mark.kind === 'adopted') {
      steps.push({ kind: 'name', number: n, name: nameWith(f.label, markOf(input.identity, 'let-go')), why: 'let-go' });
    } else if (f.owner.kind === 'self' || f.owner.kind === 'unknown') {
      release.push(n);
    }
  }
  return release.length > 0 ? [...steps, { kind: 'release', numbers: release }] : steps;
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
