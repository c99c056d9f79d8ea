// Resources joining, leaving and returning: one added to a deployed stack (its Create, plain or
// with something the contract has a row for), one left out of the template (deleted as its
// DeletionPolicy says: released, or kept with its mark), the same one put back (it takes back
// what it kept or restores what it released), and a resource moved to the legacy API and back.
import type { Rng } from '../random';
import { type OrderModel, World } from '../world';
import type { ScenarioKind, StepPlan } from './kind';
import { adopted, change, one, voice } from './pick';

type Variant = 'plain' | 'partial' | 'adopt' | 'race' | 'invalid';
const VARIANTS: Record<Variant, number> = { plain: 30, partial: 20, adopt: 20, race: 15, invalid: 15 };

/** A resource of a deployed stack that was never deployed: its Create, inside the stack's update. */
export const addResource: ScenarioKind = {
  name: 'add-resource',
  weight: 10,
  plan(world, rng) {
    const o = one(rng, world.orders().filter(x => !x.search && !x.present && world.stackOf(x.stack) && !world.everDeployed.has(World.key(x))));
    if (!o) return undefined;
    return variant(world, rng, o, rng.weighted(VARIANTS)) ?? { label: 'add-resource', changes: change(o, { present: true }), expect: 'ok' };
  },
};

function variant(world: World, rng: Rng, o: OrderModel, kind: Variant): StepPlan | undefined {
  if (kind === 'partial') {
    const allowPartial = rng.chance(0.5);
    return {
      label: allowPartial ? 'add-resource: partial, allowPartial' : 'add-resource: partial, refused',
      changes: change(o, { present: true, numbers: [...o.numbers, world.pool.unavailable[0]], allowPartial }),
      expect: allowPartial ? 'ok' : 'fail',
    };
  }
  const n = one(rng, world.unowned());
  if (kind === 'adopt' && voice(o) && n) {
    const asked = rng.chance(0.7);
    return {
      label: asked ? 'add-resource: adopts an unowned number' : 'add-resource: an unowned number, adoption not asked',
      changes: change(o, { present: true, numbers: [...o.numbers, n], adopt: asked }),
      expect: asked ? 'ok' : 'fail',
    };
  }
  const live = one(rng, world.lists().filter(x => x.stack === o.stack && voice(x)));
  const [fresh] = kind === 'race' && voice(o) && live ? world.takeFresh(1) : [];
  if (live && fresh) {
    // Its Create and the other's Update go at once, both ordering the same number.
    return {
      label: 'add-resource: its Create races another resource\'s Update for a number',
      changes: { ...change(o, { present: true, numbers: [...o.numbers, fresh], allowPartial: false }), ...change(live, { numbers: [...live.numbers, fresh], allowPartial: false }) },
      expect: 'fail',
    };
  }
  if (kind === 'invalid' && o.productType === 'VoiceConnector') {
    return { label: 'add-resource: a number the product type refuses', changes: change(o, { present: true, numbers: [...o.numbers, world.pool.foreign] }), expect: 'fail' };
  }
  return undefined;
}

export const removeResource: ScenarioKind = {
  name: 'remove-resource',
  weight: 6,
  plan(world, rng) {
    const o = one(rng, world.live().filter(x => world.live().filter(s => s.stack === x.stack).length >= 2));
    if (!o) return undefined;
    return { label: `remove-resource: DeletionPolicy ${o.deletionPolicy}`, changes: change(o, { present: false }), expect: 'ok', ordersNothing: true };
  },
};

export const restoreResource: ScenarioKind = {
  name: 'restore-resource',
  weight: 6,
  plan(world, rng) {
    const o = one(rng, world.orders().filter(x => !x.present && world.stackOf(x.stack) && world.everDeployed.has(World.key(x))));
    if (!o) return undefined;
    // Same stack name and logical ID: the same resource, which owns what it kept or released.
    return { label: `restore-resource: put back after DeletionPolicy ${o.deletionPolicy}`, changes: change(o, { present: true }), expect: 'ok' };
  },
};

export const legacyApi: ScenarioKind = {
  name: 'legacy-api',
  weight: 4,
  plan(world, rng) {
    const o = one(rng, world.lists().filter(x => !x.adopt && adopted(world, x).length === 0 && x.route === undefined));
    if (!o) return undefined;
    if (o.api === 'chime') return { label: 'legacy-api: back to Chime SDK Voice', changes: change(o, { api: 'chime-sdk-voice' }), expect: 'ok', ordersNothing: true };
    // The legacy API has no Name on numbers: the construct refuses a name with it.
    return { label: 'legacy-api: moved to the legacy chime API', changes: change(o, { api: 'chime', label: undefined }), expect: 'ok', ordersNothing: true };
  },
};
