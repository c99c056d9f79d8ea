// Editing one resource's own list: numbers added (ordered), removed (released, or given back when
// adopted), added back while in the deletion queue (restored), a product type change (moved),
// a change of non-functional props only (nothing ordered or released).
import type { ScenarioKind } from './kind';
import { change, one } from './pick';

export const add: ScenarioKind = {
  name: 'add',
  weight: 14,
  plan(world, rng) {
    const o = one(rng, world.lists());
    const fresh = o && world.takeFresh(rng.int(1, 2));
    if (!o || !fresh?.length) return undefined;
    return { label: 'add', changes: change(o, { numbers: [...o.numbers, ...fresh] }), expect: 'ok' };
  },
};

export const remove: ScenarioKind = {
  name: 'remove',
  weight: 12,
  plan(world, rng) {
    // Something stays listed: a resource that lists nothing is not what this kind is about.
    const o = one(rng, world.lists().filter(x => world.listed(x).length >= 2));
    if (!o) return undefined;
    const n = rng.pick(world.listed(o));
    const label = world.mark(n)?.kind === 'adopted' ? 'remove: an adopted number, given back' : 'remove';
    return { label, changes: change(o, { numbers: o.numbers.filter(x => x !== n) }), expect: 'ok' };
  },
};

export const restore: ScenarioKind = {
  name: 'restore',
  weight: 8,
  plan(world, rng) {
    const o = one(rng, world.lists().filter(x => world.queuedBy(x).some(n => !x.numbers.includes(n))));
    if (!o) return undefined;
    const n = rng.pick(world.queuedBy(o).filter(x => !o.numbers.includes(x)));
    return { label: 'restore: a released number added back', changes: change(o, { numbers: [...o.numbers, n] }), expect: 'ok', ordersNothing: true };
  },
};

export const productType: ScenarioKind = {
  name: 'product-type',
  weight: 8,
  plan(world, rng) {
    // A routed order's target takes VoiceConnector numbers only.
    const o = one(rng, world.lists().filter(x => x.route === undefined));
    if (!o) return undefined;
    const next = o.productType === 'VoiceConnector' ? 'SipMediaApplicationDialIn' : 'VoiceConnector';
    return { label: 'product-type', changes: change(o, { productType: next }), expect: 'ok', ordersNothing: true };
  },
};

export const relabel: ScenarioKind = {
  name: 'relabel',
  weight: 5,
  plan(world, rng) {
    const o = one(rng, world.live());
    if (!o) return undefined;
    const label = o.api === 'chime-sdk-voice' && rng.chance(0.6) ? `chaos ${rng.int(1, 999)}` : undefined;
    return {
      label: label ? 'relabel: name' : 'relabel: allowPartial',
      changes: change(o, label ? { label } : { allowPartial: !o.allowPartial }),
      expect: 'ok',
      ordersNothing: true,
    };
  },
};
