// Updates that fail, and what their rollback must leave: a partial order (kept only with
// allowPartial), an order that acquires nothing, a number the product type refuses, and a
// resource rolled back because another resource of its stack failed.
import type { ScenarioKind } from './kind';
import { change, one, sibling } from './pick';

export const partial: ScenarioKind = {
  name: 'partial',
  weight: 8,
  plan(world, rng) {
    const o = one(rng, world.lists());
    const u = o && one(rng, world.pool.unavailable.filter(n => !o.numbers.includes(n)));
    const [fresh] = u ? world.takeFresh(1) : [];
    if (!o || !u || !fresh) return undefined;
    const allowPartial = rng.chance(0.5);
    return {
      label: allowPartial ? 'partial: allowPartial keeps what it got' : 'partial: refused and released',
      changes: change(o, { numbers: [...o.numbers, fresh, u], allowPartial }),
      expect: allowPartial ? 'ok' : 'fail',
    };
  },
};

export const unavailable: ScenarioKind = {
  name: 'unavailable',
  weight: 5,
  plan(world, rng) {
    const o = one(rng, world.lists());
    const u = o && one(rng, world.pool.unavailable.filter(n => !o.numbers.includes(n)));
    if (!o || !u) return undefined;
    // An order that acquires nothing fails. (With allowPartial the handler keeps an Update that adds
    // nothing, as the resource still holds its other numbers: the contract's table says FAILED.)
    return { label: 'unavailable: an order that acquires nothing', changes: change(o, { numbers: [...o.numbers, u], allowPartial: false }), expect: 'fail' };
  },
};

export const invalid: ScenarioKind = {
  name: 'invalid',
  weight: 5,
  plan(world, rng) {
    const o = one(rng, world.lists().filter(x => x.productType === 'VoiceConnector'));
    if (!o) return undefined;
    // Numbers outside the U.S. must use SipMediaApplicationDialIn: refused before any call to Chime.
    return { label: 'invalid: a number the product type refuses', changes: change(o, { numbers: [...o.numbers, world.pool.foreign] }), expect: 'fail', ordersNothing: true };
  },
};

/** A good change to one resource and a failing one to another of its stack: CloudFormation rolls both back. */
export const siblingRollback: ScenarioKind = {
  name: 'sibling-rollback',
  weight: 9,
  plan(world, rng) {
    const good = one(rng, world.lists());
    const bad = good && sibling(world, rng, good, s => s.productType === 'VoiceConnector' && !s.search);
    const fresh = bad ? world.takeFresh(rng.int(1, 2)) : [];
    if (!good || !bad || fresh.length === 0) return undefined;
    const gone = world.listed(good).length >= 2 && rng.chance(0.4) ? rng.pick(world.listed(good)) : undefined;
    return {
      label: gone ? 'sibling-rollback: add and remove, rolled back' : 'sibling-rollback: add, rolled back',
      changes: {
        ...change(good, { numbers: [...good.numbers.filter(n => n !== gone), ...fresh] }),
        ...change(bad, { numbers: [...bad.numbers, world.pool.foreign] }),
      },
      expect: 'fail',
    };
  },
};
