// What a Delete does, pure: release every number of the list this resource owns. Numbers
// another owner holds, or already gone or leaving, are skipped (Delete is idempotent); numbers
// still being acquired are released once their order has ended; an associated number is never
// forced loose.
import { maskNumber } from '../lib/order-rules';
import type { NumberFacts, Snapshot } from './observe';
import { factsOf } from './observe';
import type { Route } from './routing/observe';
import { type RoutingStep, type RoutingView, describeRoutes, planUnroute } from './routing/plan';

export type DeletePlan =
  | { readonly kind: 'wait'; readonly why: string }
  | { readonly kind: 'refuse'; readonly reason: string }
  /** `unroute`: the routing this resource made for them, taken away first. */
  | { readonly kind: 'release'; readonly numbers: string[]; readonly skipped: string[]; readonly unroute: RoutingStep[] };

/** `view`: present when the resource routes its numbers (see routing/context.ts). */
export function planDelete(numbers: string[], snapshot: Snapshot, view?: RoutingView): DeletePlan {
  const facts = numbers.map(n => factsOf(snapshot, n));
  const mine = facts.filter(f => f.owner.kind === 'self' || f.owner.kind === 'unknown');
  const acquiring = mine.filter(f => f.state === 'acquiring');
  if (acquiring.length > 0) {
    return { kind: 'wait', why: `${acquiring.map(f => maskNumber(f.number)).join(', ')} still being acquired; released once the order ends` };
  }
  const toRelease = mine.filter(f => f.state === 'held');
  const skipped = facts.filter(f => !toRelease.includes(f)).map(f => f.number);
  if (view) {
    const unroute = planUnroute(toRelease, view);
    if (unroute.foreign.length > 0) return { kind: 'refuse', reason: routedReason(unroute.foreign) };
    return { kind: 'release', numbers: toRelease.map(f => f.number), skipped, unroute: unroute.steps };
  }
  const inUse = toRelease.filter(f => f.associations.length > 0);
  if (inUse.length > 0) return { kind: 'refuse', reason: associatedReason(inUse) };
  return { kind: 'release', numbers: toRelease.map(f => f.number), skipped, unroute: [] };
}

/** Numbers something other than this resource routes: named with what routes them. */
export function routedReason(blocked: { number: string; routes: Route[] }[]): string {
  const which = blocked.map(b => `${maskNumber(b.number)} (${describeRoutes(b.routes)})`);
  return `Cannot release ${which.join('; ')}: still routed by something this resource did not make. Remove that routing first `
    + '(or set removalPolicy RETAIN to keep them), then retry';
}

export function associatedReason(inUse: NumberFacts[]): string {
  const which = inUse.map(f => `${maskNumber(f.number)} (${f.associations.map(a => `${a.name} ${a.value}`).join(', ')})`);
  return `Cannot release ${which.join('; ')}: still associated. Disassociate them first (or set removalPolicy RETAIN to keep them), then retry`;
}
