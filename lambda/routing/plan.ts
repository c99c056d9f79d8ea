// Routing plans, pure: route a resource's numbers to its target, or take away the routing it
// made. Ownership decides everything here:
// - a SIP rule is this resource's when its Name carries the resource's routing mark for that very
//   number (routeMark) and it triggers on that number;
// - a Voice Connector (group) association has no name: it is this resource's when the number is
//   (the caller passes only numbers the resource owns) and the target is one the resource's
//   properties name, now or before this event (`known`).
// Anything else that routes a number is someone else's: refused, or taken over only when the
// target says takeOver.
import { maskNumber } from '../../lib/order-rules';
import type { NumberFacts } from '../observe';
import { type Identity, markWord, parseName, routeMark } from '../ownership';
import type { Route } from './observe';
import { routesOf } from './observe';
import type { AssociationTarget, SipRule, SipRuleTarget } from './port';
import { type RoutingTarget, describeTarget } from './target';

/** What every SIP rule this resource makes is called, before its mark. */
export const RULE_LABEL = 'PhoneNumberOrder';

export type RoutingStep =
  | { readonly kind: 'associate'; readonly target: AssociationTarget; readonly id: string; readonly numbers: string[]; readonly force: boolean }
  | { readonly kind: 'disassociate'; readonly target: AssociationTarget; readonly id: string; readonly numbers: string[] }
  | { readonly kind: 'create-rule'; readonly number: string; readonly name: string; readonly targets: SipRuleTarget[] }
  | {
    readonly kind: 'update-rule'; readonly number: string; readonly ruleId: string; readonly name: string;
    readonly targets: SipRuleTarget[]; readonly why: 'move' | 'enable' | 'take-over';
  }
  /** Disabled first when enabled: Chime deletes only disabled rules. */
  | { readonly kind: 'delete-rule'; readonly number: string; readonly ruleId: string; readonly name: string; readonly enabled: boolean };

export interface RoutingView {
  readonly identity: Identity;
  /** SIP rules behind the numbers' associations, by ID (see observeRules). */
  readonly rules: ReadonlyMap<string, SipRule>;
  /** Targets the resource's properties name, now and before this event. */
  readonly known: readonly (RoutingTarget | undefined)[];
}

export function ruleName(identity: Identity, number: string): string {
  return `${RULE_LABEL} ${markWord(routeMark(identity, number))}`;
}

/** Whether this resource made this route of `number` (which it owns). */
export function isOwnRoute(route: Route, number: string, view: RoutingView): boolean {
  switch (route.type) {
    case 'VoiceConnector':
    case 'VoiceConnectorGroup':
      return view.known.some(t => t?.type === route.type && t.id === route.id);
    case 'SipRule': {
      const mark = parseName(route.rule.name).mark;
      const own = routeMark(view.identity, number);
      return !!mark && mark.kind === 'routed' && mark.resource === own.resource && mark.request === own.request && route.rule.triggerValue === number;
    }
    default:
      return false;
  }
}

export interface UnroutePlan {
  readonly steps: RoutingStep[];
  /** Numbers that something else still routes: they stay routed, and cannot be released. */
  readonly foreign: { readonly number: string; readonly routes: Route[] }[];
}

/** Takes away the routing this resource made for these (owned) numbers; leaves any other alone. */
export function planUnroute(numbers: NumberFacts[], view: RoutingView): UnroutePlan {
  const steps: RoutingStep[] = [];
  const foreign: UnroutePlan['foreign'] = [];
  const disassociate = new Map<string, string[]>();
  for (const f of numbers) {
    const routes = routesOf(f, view.rules);
    const theirs = routes.filter(r => !isOwnRoute(r, f.number, view));
    if (theirs.length > 0) foreign.push({ number: f.number, routes: theirs });
    for (const r of routes.filter(x => isOwnRoute(x, f.number, view))) {
      if (r.type === 'SipRule') steps.push({ kind: 'delete-rule', number: f.number, ruleId: r.id, name: r.rule.name, enabled: !r.rule.disabled });
      else if (r.type !== 'Other') add(disassociate, JSON.stringify([r.type, r.id]), f.number);
    }
  }
  for (const [key, nums] of disassociate) {
    const [target, id] = JSON.parse(key) as [AssociationTarget, string];
    steps.push({ kind: 'disassociate', target, id, numbers: nums });
  }
  return { steps, foreign };
}

export interface RoutePlan {
  readonly steps: RoutingStep[];
  /**
   * Numbers left as they are because someone else routes them and the target does not say
   * takeOver (or nothing may take that routing over), each with why. The caller decides: a number
   * the resource is taking in now is refused; one it already held was routed elsewhere behind its
   * back (drift), and is only reported, so that no rollback can be wedged by it.
   */
  readonly blocked: { readonly number: string; readonly reason: string }[];
  /** SIP media application targets: each number's rule, where it exists before the steps run. */
  readonly ruleIds: ReadonlyMap<string, string>;
}

/** Routes these (owned, held) numbers to `target`, moving what this resource routed elsewhere. */
export function planRoute(numbers: NumberFacts[], target: RoutingTarget, view: RoutingView): RoutePlan {
  const steps: RoutingStep[] = [];
  const blocked: { number: string; reason: string }[] = [];
  const ruleIds = new Map<string, string>();
  const associate = new Map<string, string[]>();
  const desired: SipRuleTarget[] = target.type === 'SipMediaApplication'
    ? [{ sipMediaApplicationId: target.id, priority: target.priority ?? 1, awsRegion: target.region ?? '' }] : [];
  for (const f of numbers) {
    const routes = routesOf(f, view.rules);
    const theirs = routes.filter(r => !isOwnRoute(r, f.number, view));
    const untouchable = theirs.filter(r => r.type === 'Other');
    if (untouchable.length > 0) {
      blocked.push({ number: f.number, reason: `${maskNumber(f.number)} is ${describeRoutes(untouchable)}, which routing cannot take over: remove that association, or remove the number from the list` });
      continue;
    }
    if (theirs.length > 0 && !target.takeOver) {
      blocked.push({
        number: f.number,
        reason: `${maskNumber(f.number)} is ${describeRoutes(theirs)}, which this resource did not make: remove that routing yourself, `
          + `or set takeOver on the target to ${target.type === 'SipMediaApplication' ? 'take the SIP rule over' : 'move the number (ForceAssociate)'}`,
      });
      continue;
    }
    if (target.type === 'SipMediaApplication') {
      const name = ruleName(view.identity, f.number);
      const rule = routes.find((r): r is Extract<Route, { type: 'SipRule' }> => r.type === 'SipRule');
      if (!rule) {
        steps.push({ kind: 'create-rule', number: f.number, name, targets: desired });
        continue;
      }
      ruleIds.set(f.number, rule.id);
      const why = !isOwnRoute(rule, f.number, view) ? 'take-over' : !sameTargets(rule.rule.targets, desired) ? 'move' : rule.rule.disabled || rule.rule.name !== name ? 'enable' : undefined;
      if (why) steps.push({ kind: 'update-rule', number: f.number, ruleId: rule.id, name, targets: desired, why });
      continue;
    }
    if (routes.some(r => r.type === target.type && r.id === target.id)) continue;
    // Whatever else routes it is this resource's (or may be taken over): ForceAssociate moves it in one step.
    add(associate, String(routes.length > 0), f.number);
  }
  for (const [force, nums] of associate) {
    steps.push({ kind: 'associate', target: target.type as AssociationTarget, id: target.id, numbers: nums, force: force === 'true' });
  }
  return { steps, blocked, ruleIds };
}

/** The attributes of routed numbers: the target, and for SIP media applications each number's rule, in PhoneNumbers' order. */
export function routingAttributes(target: RoutingTarget | undefined, numbers: string[], ruleIds: ReadonlyMap<string, string>) {
  if (!target) return {};
  return {
    RoutingTargetType: target.type,
    RoutingTargetId: target.id,
    SipRuleIds: target.type === 'SipMediaApplication' ? [...numbers].sort().map(n => ruleIds.get(n) ?? 'None') : [],
  };
}

export function describeRoutes(routes: Route[]): string {
  return routes.map(r => {
    switch (r.type) {
      case 'VoiceConnector':
      case 'VoiceConnectorGroup': return `associated with ${describeTarget(r)}`;
      case 'SipRule': return `routed by SIP rule ${r.id} ("${r.rule.name}")`;
      default: return `associated with ${r.name} ${r.id}`;
    }
  }).join(' and ');
}

function sameTargets(a: SipRuleTarget[], b: SipRuleTarget[]): boolean {
  const key = (t: SipRuleTarget) => `${t.sipMediaApplicationId}|${t.priority}|${t.awsRegion}`;
  return a.length === b.length && a.map(key).sort().join() === b.map(key).sort().join();
}

function add(map: Map<string, string[]>, key: string, number: string): void {
  map.set(key, [...(map.get(key) ?? []), number]);
}
