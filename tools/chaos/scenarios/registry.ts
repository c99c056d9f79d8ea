// Every scenario kind a run draws its steps from. A new kind of order (or of anything else a
// resource may be asked to do) plugs in here: write a ScenarioKind (kind.ts) that plans its step
// from the world and says what the contract expects, and add it to SCENARIO_KINDS.
import type { Rng } from '../random';
import type { World } from '../world';
import { partial, invalid, siblingRollback, unavailable } from './failures';
import type { ScenarioKind, StepPlan } from './kind';
import { add, productType, relabel, remove, restore } from './lists';
import { adopt, adoptOwned, giveBack, move, race, rename, takeover } from './ownership';
import { one } from './pick';
import { addResource, legacyApi, removeResource, restoreResource } from './resources';
import { reroute, retarget, unroute } from './routing';
import { searchInvalid, searchJoin, searchQuantity } from './search';

export const SCENARIO_KINDS: readonly ScenarioKind[] = [
  add, remove, restore, productType, relabel,
  takeover, adopt, adoptOwned, giveBack, rename, move, race,
  partial, unavailable, invalid, siblingRollback,
  addResource, removeResource, restoreResource, legacyApi,
  searchJoin, searchQuantity, searchInvalid,
  retarget, unroute, reroute,
];

const POLICIES = ['Delete', 'Retain', 'RetainExceptOnCreate'] as const;

export interface DrawOptions {
  readonly kinds?: readonly ScenarioKind[];
  /** 0..1: share of steps the contract says succeed that are rolled back with --rehearse-rollback. */
  readonly rehearsalRate: number;
  /** 0..1: share of steps that also change another resource's DeletionPolicy. */
  readonly policyChangeRate: number;
}

/** A step of a kind drawn by weight among those the world offers something to; undefined when none does. */
export function drawStep(world: World, rng: Rng, options: DrawOptions): StepPlan | undefined {
  let candidates = [...(options.kinds ?? SCENARIO_KINDS)];
  while (candidates.length > 0) {
    const name = rng.weighted(Object.fromEntries(candidates.map(k => [k.name, k.weight])));
    const kind = candidates.find(k => k.name === name)!;
    const plan = kind.plan(world, rng);
    if (plan) return decorate(plan, world, rng, options);
    candidates = candidates.filter(k => k !== kind);
  }
  return undefined;
}

function decorate(plan: StepPlan, world: World, rng: Rng, options: DrawOptions): StepPlan {
  let out = plan;
  const other = one(rng, world.live().filter(o => !(`${o.stack}/${o.construct}` in plan.changes) && o.stack in stacksOf(plan)));
  if (other && rng.chance(options.policyChangeRate)) {
    const deletionPolicy = rng.pick(POLICIES.filter(p => p !== other.deletionPolicy));
    out = { ...out, changes: { ...out.changes, [`${other.stack}/${other.construct}`]: { deletionPolicy } } };
  }
  if (out.expect === 'ok' && !out.next && !out.prepare && rng.chance(options.rehearsalRate)) {
    out = { ...out, label: `${out.label} (rehearsed rollback)`, expect: 'rehearsed' };
  }
  return out;
}

function stacksOf(plan: StepPlan): Record<string, true> {
  return Object.fromEntries(Object.keys(plan.changes).map(key => [key.split('/')[0], true]));
}
