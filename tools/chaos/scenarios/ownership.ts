// Several resources whose lists overlap: what one resource owns, another may not take, whatever
// the way in: listing it (takeover), adopting it, a renamed construct, or listing it while it
// waits in the deletion queue with the first resource's mark. It can order it once Chime has
// purged it. Numbers nobody owns can be adopted; two resources racing for a fresh number in one
// deploy end with the stack rolled back.
import type { Rng } from '../random';
import type { OrderModel, World } from '../world';
import type { ScenarioKind, StepPlan } from './kind';
import { adopted, change, one, sibling, voice } from './pick';

/** Longer than Chime's 7-day deletion queue. */
const PAST_THE_DELETION_QUEUE_MS = 8 * 24 * 3600_000;

export const takeover: ScenarioKind = {
  name: 'takeover',
  weight: 10,
  plan(world, rng) {
    const taker = one(rng, world.lists().filter(voice));
    const victim = taker && one(rng, world.live().filter(v => v !== taker && world.listed(v).some(n => !taker.numbers.includes(n))));
    if (!taker || !victim) return undefined;
    const n = rng.pick(world.listed(victim).filter(x => !taker.numbers.includes(x)));
    return {
      label: victim.stack === taker.stack ? 'takeover: same stack' : 'takeover: another stack',
      changes: change(taker, { numbers: [...taker.numbers, n], adopt: false }),
      expect: 'fail',
      ordersNothing: true,
    };
  },
};

export const adopt: ScenarioKind = {
  name: 'adopt',
  weight: 8,
  plan(world, rng) {
    const o = one(rng, world.lists().filter(voice));
    const n = one(rng, world.unowned());
    if (!o || !n) return undefined;
    const asked = rng.chance(0.7);
    return {
      label: asked ? 'adopt: unowned number, adoptExistingNumbers' : 'adopt: unowned number, not asked',
      changes: change(o, { numbers: [...o.numbers, n], adopt: asked }),
      expect: asked ? 'ok' : 'fail',
      ordersNothing: true,
    };
  },
};

export const adoptOwned: ScenarioKind = {
  name: 'adopt-owned',
  weight: 5,
  plan(world, rng) {
    const o = one(rng, world.lists().filter(voice));
    // Numbers the legacy API ordered carry no mark: nothing proves another resource owns them.
    const owned = o ? world.live().filter(v => v !== o && voice(v)).flatMap(v => world.listed(v)).filter(n => world.mark(n) && !o.numbers.includes(n)) : [];
    const n = one(rng, owned);
    if (!o || !n) return undefined;
    return { label: 'adopt-owned: another resource\'s number', changes: change(o, { numbers: [...o.numbers, n], adopt: true }), expect: 'fail', ordersNothing: true };
  },
};

export const giveBack: ScenarioKind = {
  name: 'give-back',
  weight: 4,
  plan(world, rng) {
    const o = one(rng, world.lists().filter(x => adopted(world, x).length > 0 && x.numbers.length >= 2));
    if (!o) return undefined;
    const n = rng.pick(adopted(world, o));
    return { label: 'give-back: an adopted number removed', changes: change(o, { numbers: o.numbers.filter(x => x !== n) }), expect: 'ok', ordersNothing: true };
  },
};

export const rename: ScenarioKind = {
  name: 'rename',
  weight: 5,
  plan(world, rng) {
    const o = one(rng, world.lists().filter(x => voice(x) && world.listed(x).length > 0));
    if (!o) return undefined;
    // CloudFormation creates the renamed resource first: it lists numbers the old one still owns.
    return { label: 'rename: same numbers, new logical ID', changes: change(o, { logicalId: `${o.logicalId}Renamed${rng.int(1, 99)}` }), expect: 'fail', ordersNothing: true };
  },
};

/**
 * A number moved from one resource to another in two deploys: removed from the first (released,
 * with its mark, into the deletion queue), then listed by the second, which must refuse it: only
 * the first may restore it. Once Chime purges it (the clock moved past the deletion queue) the
 * second orders it.
 */
export const move: ScenarioKind = {
  name: 'move',
  weight: 8,
  plan(world, rng) {
    const from = one(rng, world.lists().filter(x => voice(x) && world.listed(x).length >= 2 && world.listed(x).some(n => world.mark(n)?.kind === 'ordered')));
    const to = from && one(rng, world.lists().filter(t => t !== from && voice(t)));
    if (!from || !to) return undefined;
    const n = rng.pick(world.listed(from).filter(x => world.mark(x)?.kind === 'ordered'));
    return {
      label: 'move: released by the first',
      changes: change(from, { numbers: from.numbers.filter(x => x !== n) }),
      expect: 'ok',
      next: (w, r) => listQueued(w, r, from, to, n),
    };
  },
};

function listQueued(world: World, _rng: Rng, from: OrderModel, to: OrderModel, n: string): StepPlan | undefined {
  const target = world.template.get(`${to.stack}/${to.construct}`)!;
  if (!world.live().includes(target) || !world.queuedBy(world.template.get(`${from.stack}/${from.construct}`)!).includes(n)) return undefined;
  return {
    label: 'move: refused while in the first one\'s deletion queue',
    changes: change(target, { numbers: [...target.numbers, n] }),
    expect: 'fail',
    ordersNothing: true,
    next: w => orderAfterPurge(w, to, n),
  };
}

function orderAfterPurge(world: World, to: OrderModel, n: string): StepPlan | undefined {
  const target = world.template.get(`${to.stack}/${to.construct}`)!;
  if (!world.live().includes(target) || world.lister(n)) return undefined;
  return {
    label: 'move: ordered once Chime purged it',
    changes: change(target, { numbers: [...target.numbers, n] }),
    expect: 'ok',
    prepare: (controls, w) => {
      for (const r of controls.phoneNumbers()) {
        if (w.ours(r.E164PhoneNumber) && ['DeleteInProgress', 'ReleaseInProgress'].includes(r.Status)) {
          w.purged.set(r.E164PhoneNumber, (w.purged.get(r.E164PhoneNumber) ?? 0) + 1);
        }
      }
      controls.advanceClock(PAST_THE_DELETION_QUEUE_MS);
    },
  };
}

/** Two resources of one stack list the same fresh number in one deploy: Chime gives it to one order, and the stack rolls back. */
export const race: ScenarioKind = {
  name: 'race',
  weight: 5,
  plan(world, rng) {
    const a = one(rng, world.lists().filter(voice));
    const b = a && sibling(world, rng, a, x => voice(x) && !x.search);
    const [n] = a && b ? world.takeFresh(1) : [];
    if (!a || !b || !n) return undefined;
    return {
      label: 'race: two resources of a stack order one number at once',
      changes: { ...change(a, { numbers: [...a.numbers, n], allowPartial: false }), ...change(b, { numbers: [...b.numbers, n], allowPartial: false }) },
      expect: 'fail',
    };
  },
};
