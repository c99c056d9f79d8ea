// Routing joins an event only when the resource's properties name a target, now or before it:
// then the SIP rules behind its numbers are read too, and the plans see what routes them.
import { lambdaRegion } from '../api-region';
import type { Budget } from '../budget';
import type { Snapshot } from '../observe';
import type { Identity } from '../ownership';
import { observeRules } from './observe';
import type { RoutingView } from './plan';
import type { RoutingPort } from './port';
import type { RoutingTarget } from './target';

/** Loaded only for resources that route: an order without a target never initialises the routing client. */
export async function routingFor(targets: (RoutingTarget | undefined)[], budget: Budget): Promise<RoutingPort | undefined> {
  if (!targets.some(t => !!t)) return undefined;
  // Required on first use, as ports.ts does with the number adapters: the bundle keeps it in a file of its own.
  const { routingPort } = require('../adapters/routing') as typeof import('../adapters/routing');
  return routingPort(budget.deadline, lambdaRegion());
}

/** The snapshot with the SIP rules of its numbers, when the resource routes them. */
export async function withRules(snapshot: Snapshot, routing: RoutingPort | undefined): Promise<Snapshot> {
  if (!routing) return snapshot;
  return { ...snapshot, rules: await observeRules(routing, snapshot.numbers.values()) };
}

/** How the plans judge routes; undefined when the resource routes nothing (every association is then foreign). */
export function viewOf(snapshot: Snapshot, identity: Identity, known: (RoutingTarget | undefined)[]): RoutingView | undefined {
  return snapshot.rules ? { identity, rules: snapshot.rules, known } : undefined;
}
