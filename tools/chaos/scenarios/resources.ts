// Resources leaving and returning: one left out of the template (deleted as its DeletionPolicy
// says: released, or kept with its mark), the same one put back (it takes back what it kept or
// restores what it released), and a resource moved to the legacy API and back.
import type { ScenarioKind } from './kind';
import { adopted, change, one } from './pick';

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
    const o = one(rng, world.orders().filter(x => !x.present && world.stackOf(x.stack)));
    if (!o) return undefined;
    // Same stack name and logical ID: the same resource, which owns what it kept or released.
    return { label: `restore-resource: put back after DeletionPolicy ${o.deletionPolicy}`, changes: change(o, { present: true }), expect: 'ok' };
  },
};

export const legacyApi: ScenarioKind = {
  name: 'legacy-api',
  weight: 4,
  plan(world, rng) {
    const o = one(rng, world.live().filter(x => !x.adopt && adopted(world, x).length === 0));
    if (!o) return undefined;
    if (o.api === 'chime') return { label: 'legacy-api: back to Chime SDK Voice', changes: change(o, { api: 'chime-sdk-voice' }), expect: 'ok', ordersNothing: true };
    // The legacy API has no Name on numbers: the construct refuses a name with it.
    return { label: 'legacy-api: moved to the legacy chime API', changes: change(o, { api: 'chime', label: undefined }), expect: 'ok', ordersNothing: true };
  },
};
