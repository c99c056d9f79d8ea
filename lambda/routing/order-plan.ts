// The routing part of the order's plans, shared by orders of listed numbers (plan-act.ts,
// plan-settle.ts) and search orders (plan-search.ts): the target must exist; routing the resource
// made is taken away before its numbers change product type; the numbers it owns are routed to the
// target (or unrouted once the target is removed); what someone else routes is never released.
import { maskNumber } from '../../lib/order-rules';
import type { NumberFacts } from '../observe';
import { type RoutingStep, type RoutingView, describeRoutes, planRoute, planUnroute } from './plan';
import { type RoutingTarget, describeTarget } from './target';

/** Where the numbers end up routed, and the rules already known (the steps add the ones they create). */
export interface Routed {
  readonly target: RoutingTarget;
  readonly ruleIds: ReadonlyMap<string, string>;
}

export type RouteOutcome =
  | { readonly refusals: string[] }
  /** `warnings`: numbers left routed by someone else (drift), for the log. */
  | { readonly steps: RoutingStep[]; readonly routed?: Routed; readonly warnings: string[] };

/** The target was looked up (before anything is ordered for it) and is not there. */
export function missingTarget(target: RoutingTarget | undefined, exists: boolean | undefined, region: string | undefined): string[] {
  if (!target || exists !== false) return [];
  return [`${describeTarget(target)} was not found in ${region ?? 'this Region'}: check the ID, and that the target is in the stack's AWS Region`];
}

/**
 * Numbers about to change product type first lose the routing this resource made (Chime changes no
 * product type while a number is routed); routing someone else made refuses the change.
 */
export function unrouteBeforeMove(moved: NumberFacts[], view: RoutingView | undefined): { steps: RoutingStep[]; refusals: string[] } {
  if (!view) return { steps: [], refusals: [] };
  const unroute = planUnroute(moved, view);
  return {
    steps: unroute.steps,
    refusals: unroute.foreign.map(f => `${maskNumber(f.number)} is ${describeRoutes(f.routes)}, which this resource did not make, `
      + 'and Chime changes no product type while a number is routed: remove that routing first'),
  };
}

/**
 * The owned, held numbers routed to the target; or, when the target was removed, the routing this
 * resource made taken away. Someone else's routing on a number `refuses` names (one taken in by
 * this request) refuses it; on a number the resource held before, it is drift: left alone and reported.
 */
export function routeOwned(owned: NumberFacts[], target: RoutingTarget | undefined, view: RoutingView | undefined, refuses: (number: string) => boolean): RouteOutcome {
  if (!view) return { steps: [], warnings: [] };
  if (!target) return { steps: planUnroute(owned, view).steps, warnings: [] };
  const plan = planRoute(owned, target, view);
  const refusals = plan.blocked.filter(b => refuses(b.number)).map(b => b.reason);
  if (refusals.length > 0) return { refusals };
  return { steps: plan.steps, routed: { target, ruleIds: plan.ruleIds }, warnings: plan.blocked.map(b => `left as it is: ${b.reason}`) };
}

/**
 * Whether something holds the number that the resource may not take away before releasing it: with
 * a view, routing someone else made; without one (the resource routes nothing), any association.
 */
export function inUse(f: NumberFacts, view: RoutingView | undefined): boolean {
  return view ? planUnroute([f], view).foreign.length > 0 : f.associations.length > 0;
}
