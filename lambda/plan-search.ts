// What a search order does, pure. A search order owns exactly the numbers whose Name carries its
// mark (the set is not known in advance, so no list can say it); it keeps `quantity` of them:
// - short: it first restores its own numbers from the deletion queue, most recently released first
//   (so the rollback of a lower quantity gets back exactly what it released), then searches and
//   orders the rest with the current criteria, in one order;
// - numbers taken by other customers between the search and the order come back Failed: the waiter
//   searches again for the missing count, past every number already tried, up to MAX_SEARCH_ORDERS
//   orders per event, then succeeds, keeps what it got (allowPartial) or fails saying what to change;
// - over: it releases the surplus once nothing is being acquired, the most recently acquired first
//   (CreatedTimestamp), skipping numbers in use (associated by someone else; routing it made
//   itself is taken away first);
// - with a target, it routes every number it holds once nothing is being acquired, and keeps that
//   routing in step as for a list (see routing/order-plan.ts).
// A repeated delivery of the same event recognises its own order by the request in the mark, and
// orders nothing more from onEvent.
import { maskNumber, numberProblems } from '../lib/order-rules';
import { describeSearch } from '../lib/search-rules';
import type { NumberFacts, Snapshot } from './observe';
import { type Identity, markOf, nameWith } from './ownership';
import { type ActStep, desiredLabel } from './plan-act';
import { associatedReason, routedReason } from './plan-delete';
import type { Attributes, SettleStep, Settlement } from './plan-settle';
import { staleDelivery } from './refusals';
import { viewOf } from './routing/context';
import { inUse, missingTarget, routeOwned, unrouteBeforeMove } from './routing/order-plan';
import { type RoutingView, planUnroute } from './routing/plan';
import type { OrderSpec, PreviousSpec, SearchSpec } from './spec';

/** Orders one event may place: the first, and re-orders after numbers were taken before the order reached them. */
export const MAX_SEARCH_ORDERS = 4;

export type SearchOrderSpec = OrderSpec & { readonly search: SearchSpec };
type OrderStep = Extract<ActStep, { kind: 'order' }>;

export interface SearchRequest {
  readonly count: number;
  /** Numbers never to order again: every number carrying the mark, and every number of this event's orders. */
  readonly exclude: string[];
}

export interface SearchActInput {
  readonly requestType: 'Create' | 'Update';
  readonly spec: SearchOrderSpec;
  readonly previous?: PreviousSpec;
  readonly identity: Identity;
  /** The numbers carrying the resource's mark, in every state (plus a previous legacy list's numbers). */
  readonly snapshot: Snapshot;
  /** What the search the plan asked for found. */
  readonly found?: string[];
  /** Whether the routing target exists where the handler runs; undefined when not looked up. */
  readonly targetExists?: boolean;
  /** The handler's AWS Region, for messages. */
  readonly region?: string;
}

export interface SearchActPlan {
  readonly refusals: string[];
  readonly steps: ActStep[];
  /** A search the plan needs before it can say what to order: plan again with `found`. */
  readonly search?: SearchRequest;
  /** The resource's numbers still being acquired: their orders are waited for. */
  readonly acquiring: string[];
}

export interface SearchSettleInput extends SearchActInput {
  readonly deferredFailure?: string;
  readonly outOfTime: boolean;
}

export type SearchSettlement =
  | Settlement
  | { readonly kind: 'search'; readonly request: SearchRequest }
  | { readonly kind: 'order'; readonly step: OrderStep };

/** The resource's numbers, by what they are to it. */
interface Holdings {
  readonly held: NumberFacts[];
  readonly acquiring: NumberFacts[];
  readonly leaving: NumberFacts[];
  /** Numbers this event's own orders placed (any state). */
  readonly thisRequest: NumberFacts[];
  /** This event's orders, oldest numbers first. */
  readonly rounds: string[];
  readonly tried: string[];
}

export function holdingsOf(snapshot: Snapshot, identity: Identity): Holdings {
  const marked = [...snapshot.numbers.values()].filter(f => f.owner.kind === 'self');
  const thisRequest = marked.filter(f => f.owner.kind === 'self' && f.owner.mark.kind === 'ordered' && f.owner.mark.request === identity.request);
  const rounds = [...new Set(thisRequest.map(f => f.orderId).filter((id): id is string => !!id))];
  const ordered = rounds.flatMap(id => snapshot.orders.get(id)?.numbers.map(n => n.number) ?? []);
  return {
    held: marked.filter(f => f.state === 'held'),
    acquiring: marked.filter(f => f.state === 'acquiring'),
    leaving: marked.filter(f => f.state === 'leaving'),
    thisRequest,
    rounds,
    tried: [...new Set([...marked.map(f => f.number), ...ordered])].sort(),
  };
}

/** The most recently acquired first; equal times in a fixed order. */
export function newestFirst(a: NumberFacts, b: NumberFacts): number {
  return (b.createdAt ?? 0) - (a.createdAt ?? 0) || (a.number < b.number ? 1 : a.number > b.number ? -1 : 0);
}

function recentlyReleasedFirst(a: NumberFacts, b: NumberFacts): number {
  return (b.deletedAt ?? 0) - (a.deletedAt ?? 0) || newestFirst(a, b);
}

/**
 * Which held numbers a quantity lets go: the newest not in use (see inUse: routing the resource made
 * does not count, it is taken away first); `blocked` when too few are free.
 */
export function surplusOf(held: NumberFacts[], quantity: number, view?: RoutingView): { surplus: NumberFacts[]; kept: NumberFacts[]; blocked: NumberFacts[] } {
  const over = held.length - quantity;
  if (over <= 0) return { surplus: [], kept: held, blocked: [] };
  const free = held.filter(f => !inUse(f, view)).sort(newestFirst);
  if (free.length < over) return { surplus: [], kept: held, blocked: held.filter(f => inUse(f, view)) };
  const surplus = free.slice(0, over);
  return { surplus, kept: held.filter(f => !surplus.includes(f)), blocked: [] };
}

/**
 * The orders isComplete reads: this event's (for what they tried) and the one behind the newest number
 * kept (OrderId). `view`: as planSearchSettle will see the routing, so that both keep the same numbers.
 */
export function searchOrdersToRead(snapshot: Snapshot, identity: Identity, quantity: number, view?: RoutingView): string[] {
  const h = holdingsOf(snapshot, identity);
  const newest = newestOrdered(surplusOf(h.held, quantity, view).kept);
  return [...new Set([...h.rounds, ...(newest?.orderId ? [newest.orderId] : [])])];
}

export function planSearchAct(input: SearchActInput): SearchActPlan {
  const { spec, identity, snapshot } = input;
  const h = holdingsOf(snapshot, identity);
  const steps: ActStep[] = [];
  // A legacy list's numbers carry no mark: the list was all the ownership there was, so they become this resource's.
  const claimed = input.previous?.api === 'chime' && !input.previous.search
    ? input.previous.numbers.map(n => snapshot.numbers.get(n)).filter((f): f is NumberFacts => !!f && f.state === 'held' && f.owner.kind === 'none')
    : [];
  for (const f of claimed) steps.push({ kind: 'name', number: f.number, name: nameWith(spec.name ?? f.label, markOf(identity, 'ordered')), why: 'claim' });
  for (const f of [...h.held, ...claimed]) steps.push(...tidy(spec, f));

  const need = spec.search.quantity - h.held.length - claimed.length;
  // A repeated delivery of this event finds its own order's numbers: whatever they lack, the waiter searches for.
  const restores = h.acquiring.length > 0 || h.thisRequest.length > 0 || need <= 0 ? [] : h.leaving.sort(recentlyReleasedFirst).slice(0, need);
  for (const f of restores) steps.push({ kind: 'restore', number: f.number }, ...tidy(spec, f));

  const moved = steps.filter((s): s is Extract<ActStep, { kind: 'move' }> => s.kind === 'move').map(s => s.number);
  // Routing this resource made is taken away before a product type change, first of all steps.
  const unroute = unrouteBeforeMove(moved.map(n => snapshot.numbers.get(n)).filter((f): f is NumberFacts => !!f), searchView(input));
  const refusals = [
    ...staleDelivery(h.thisRequest, identity.request),
    ...missingTarget(spec.target, input.targetExists, input.region),
    ...unroute.refusals,
    ...moved.flatMap(n => numberProblems(n, spec.productType, maskNumber(n))),
  ];
  const acquiring = h.acquiring.map(f => f.number);
  if (refusals.length > 0) return { refusals, steps: [], acquiring: [] };
  if (unroute.steps.length > 0) steps.unshift({ kind: 'route', steps: unroute.steps });

  const rest = need - restores.length;
  if (rest <= 0 || h.acquiring.length > 0 || h.thisRequest.length > 0) return { refusals, steps, acquiring };
  if (!input.found) return { refusals, steps, acquiring, search: { count: rest, exclude: h.tried } };
  const picks = input.found.filter(n => !h.tried.includes(n)).slice(0, rest);
  if (picks.length > 0) steps.push(orderStep(spec, identity, picks));
  return { refusals, steps, acquiring };
}

export function planSearchSettle(input: SearchSettleInput): SearchSettlement {
  const { spec, identity, snapshot, requestType } = input;
  const quantity = spec.search.quantity;
  const h = holdingsOf(snapshot, identity);
  const view = searchView(input);
  const undo = requestType === 'Create' ? undoCreate(h.held, identity, view) : [];

  if (h.acquiring.length > 0) {
    const orderIds = [...new Set(h.acquiring.map(f => f.orderId).filter((id): id is string => !!id))];
    const why = `${h.acquiring.map(f => maskNumber(f.number)).join(', ')} still being acquired${orderIds.length ? ` by order ${orderIds.join(', ')}` : ''}`;
    if (!input.outOfTime) return { kind: 'wait', why, orderIds };
    return {
      kind: 'fail', steps: undo,
      reason: `Order ${orderIds.join(', ') || '(unknown)'} is still processing and the provider's totalTimeout is about to end. An order cannot be `
        + 'cancelled through the API; once it ends, the rollback (or a later deploy) releases or keeps its numbers. Raise totalTimeout (at most 1 hour)',
    };
  }
  if (input.deferredFailure) return { kind: 'fail', reason: input.deferredFailure, steps: undo };

  const shortfall = quantity - h.held.length;
  if (shortfall > 0) {
    const canSearch = !input.outOfTime && h.rounds.length < MAX_SEARCH_ORDERS;
    if (canSearch && !input.found) return { kind: 'search', request: { count: shortfall, exclude: h.tried } };
    const picks = (input.found ?? []).filter(n => !h.tried.includes(n)).slice(0, shortfall);
    if (canSearch && picks.length > 0) return { kind: 'order', step: orderStep(spec, identity, picks) };
    const keep = spec.allowPartial && (requestType === 'Update' || h.held.length > 0);
    if (!keep) return { kind: 'fail', steps: undo, reason: shortReason(input, h, canSearch) };
    return complete(input, h.held, [], view);
  }

  const { surplus, kept, blocked } = surplusOf(h.held, quantity, view);
  if (blocked.length > 0) {
    const why = view ? routedReason(blocked.map(f => ({ number: f.number, routes: planUnroute([f], view).foreign[0].routes }))) : associatedReason(blocked);
    return { kind: 'fail', steps: [], reason: `Lowering quantity to ${quantity} would release numbers in use. ${why}` };
  }
  // The routing this resource made for the surplus goes first: Chime releases no routed number.
  const unroute = view ? planUnroute(surplus, view).steps : [];
  const steps: SettleStep[] = unroute.length > 0 ? [{ kind: 'route', steps: unroute }] : [];
  const release: string[] = [];
  for (const f of surplus) {
    if (f.owner.kind === 'self' && f.owner.mark.kind === 'adopted') steps.push(letGo(f, identity));
    else release.push(f.number);
  }
  if (release.length > 0) steps.push({ kind: 'release', numbers: release });
  return complete(input, kept, steps, view);
}

/** Complete, holding `kept`: after `steps`, the kept numbers routed to the target (or unrouted when it was removed). */
function complete(input: SearchSettleInput, kept: NumberFacts[], steps: SettleStep[], view: RoutingView | undefined): Settlement {
  // A search order takes in no number someone else routes (it adopts nothing): such routing on a number it holds is drift, reported.
  const routing = routeOwned(kept, input.spec.target, view, () => false);
  if ('refusals' in routing) throw new Error('a search order refused routing it never refuses');
  return {
    kind: 'complete',
    steps: routing.steps.length > 0 ? [...steps, { kind: 'route', steps: routing.steps }] : steps,
    attributes: attributesOf(input.snapshot, kept),
    ...(routing.routed ? { routed: routing.routed } : {}),
    ...(routing.warnings.length > 0 ? { warnings: routing.warnings } : {}),
  };
}

/** How the plans judge routes: present when the resource routes its numbers, now or before this event. */
function searchView(input: SearchActInput): RoutingView | undefined {
  return viewOf(input.snapshot, input.identity, [input.spec.target, input.previous?.target]);
}

/** Moves a held number to the product type, and gives it the label the name asks for. */
function tidy(spec: OrderSpec, f: NumberFacts): ActStep[] {
  const steps: ActStep[] = [];
  if (f.productType && f.productType !== spec.productType) steps.push({ kind: 'move', number: f.number, productType: spec.productType });
  const label = desiredLabel(spec, f);
  if (f.owner.kind === 'self' && label !== f.label) steps.push({ kind: 'name', number: f.number, name: nameWith(label, f.owner.mark), why: 'rename' });
  return steps;
}

function orderStep(spec: SearchOrderSpec, identity: Identity, numbers: string[]): OrderStep {
  return { kind: 'order', numbers, productType: spec.productType, name: nameWith(spec.name ?? '', markOf(identity, 'ordered')) };
}

function letGo(f: NumberFacts, identity: Identity): SettleStep {
  return { kind: 'name', number: f.number, name: nameWith(f.label, markOf(identity, 'let-go')), why: 'let-go' };
}

/** Undo of a failed Create: take away the routing it made, release what the resource holds, let go what it adopted. */
function undoCreate(held: NumberFacts[], identity: Identity, view: RoutingView | undefined): SettleStep[] {
  const unroute = view ? planUnroute(held, view).steps : [];
  const adopted = held.filter(f => f.owner.kind === 'self' && f.owner.mark.kind === 'adopted');
  const release = held.filter(f => !adopted.includes(f)).map(f => f.number);
  return [
    ...(unroute.length > 0 ? [{ kind: 'route' as const, steps: unroute }] : []),
    ...adopted.map(f => letGo(f, identity)),
    ...(release.length > 0 ? [{ kind: 'release' as const, numbers: release }] : []),
  ];
}

function shortReason(input: SearchSettleInput, h: Holdings, searched: boolean): string {
  const { spec, requestType } = input;
  const taken = h.thisRequest.filter(f => f.state === 'failed').length;
  const lost = taken > 0 ? `${taken} of the numbers found ${taken === 1 ? 'was' : 'were'} taken by other customers before the order reached them` : '';
  const why = input.outOfTime ? 'the provider\'s totalTimeout is about to end'
    : searched ? [`the search found no ${h.rounds.length > 0 ? 'further ' : ''}available number`, lost].filter(Boolean).join('; ')
      : `${lost || 'numbers were taken before the orders reached them'}, and ${MAX_SEARCH_ORDERS} orders are the most one deployment places`;
  const undone = requestType === 'Create' ? (h.held.length > 0 ? ' What it acquired is released.' : '') : ' The rollback releases what this update acquired.';
  const fix = 'Widen the search (a state or a city instead of an area code, another area code or prefix) or lower quantity'
    + (spec.allowPartial ? '' : ', or set allowPartial to keep the numbers found');
  return `Ordering ${spec.search.quantity} numbers by search (${describeSearch(spec.search.criteria)}) ended with ${h.held.length}: ${why}.${undone} ${fix}`;
}

function newestOrdered(held: NumberFacts[]): NumberFacts | undefined {
  return held.filter(f => f.owner.kind === 'self' && f.owner.mark.kind === 'ordered' && f.orderId).sort(newestFirst)[0];
}

/** OrderId: the order behind the most recently acquired number the resource ordered. */
function attributesOf(snapshot: Snapshot, kept: NumberFacts[]): Attributes {
  const newest = newestOrdered(kept);
  const order = newest?.orderId ? snapshot.orders.get(newest.orderId) : undefined;
  const numbers = kept.map(f => f.number).sort();
  return {
    OrderId: newest?.orderId ?? 'None',
    OrderStatus: order?.status ?? 'None',
    PhoneNumbers: numbers,
    PhoneNumberCount: String(numbers.length),
    FailedPhoneNumbers: [],
  };
}
