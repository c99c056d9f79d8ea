// Orders by search (the shape's S resource): the resource joins a deployed stack ordering a
// quantity found by area code, plainly, racing another customer who takes numbers between the
// search and the order (the handler searches again), or where the emulator's stock is short (kept
// only with allowPartial); then its quantity goes up (its own released numbers restored first, the
// rest searched for; sometimes racing again, sometimes with new criteria) or down (the newest
// released), and criteria the handler refuses before calling Chime.
import type { Rng } from '../random';
import type { OrderModel, World } from '../world';
import type { Controls, ScenarioKind, StepPlan } from './kind';
import { change, one } from './pick';

/** Area codes with 100 numbers in the emulator's stock (emulator/stock.ts), none a run's own pool uses (numbers.ts). */
const AREA_CODES = ['206', '212', '312', '415', '512', '617', '702'];
/** The area code with 3 numbers in stock. */
const SCARCE = { areaCode: '907', stock: 3 };
const POLICIES = ['Delete', 'Retain', 'RetainExceptOnCreate'] as const;

/** Another customer takes half of what the next search finds, before the handler orders it. */
const race = (controls: Controls) => controls.takeAfterSearch({ share: 0.5, count: 1 });

/** The search resource as first declared: a plain order by area code. */
export function searchCreate(world: World, rng: Rng, o: { stack: string; construct: string; logicalId: string }, present: boolean): OrderModel {
  const search = { areaCode: rng.pick(AREA_CODES) };
  world.searchedFor.add(JSON.stringify(search));
  return {
    ...o, present, numbers: [], search, quantity: rng.int(1, 3), adopt: false, allowPartial: rng.chance(0.3),
    productType: rng.chance(0.7) ? 'VoiceConnector' : 'SipMediaApplicationDialIn', api: 'chime-sdk-voice', deletionPolicy: rng.pick(POLICIES),
  };
}

type JoinVariant = 'plain' | 'race' | 'short';
const JOINS: Record<JoinVariant, number> = { plain: 30, race: 40, short: 30 };

/** The search resource joins a deployed stack: its Create inside the stack's update. */
export const searchJoin: ScenarioKind = {
  name: 'search-create',
  weight: 12,
  plan(world, rng) {
    const o = one(rng, world.orders().filter(x => x.search && !x.present && world.stackOf(x.stack)));
    if (!o) return undefined;
    const variant = rng.weighted(JOINS);
    // Once 907's three numbers were ordered in this run, some wait in a deletion queue or are held.
    if (variant === 'short' && !world.searchedFor.has(JSON.stringify({ areaCode: SCARCE.areaCode }))) {
      const allowPartial = rng.chance(0.5);
      return {
        label: allowPartial ? 'search-create: short of stock, allowPartial keeps what it got' : 'search-create: short of stock, refused and released',
        changes: change(o, { present: true, search: { areaCode: SCARCE.areaCode }, quantity: SCARCE.stock + rng.int(1, 2), allowPartial }),
        expect: allowPartial ? 'ok' : 'fail',
      };
    }
    const fresh: Partial<OrderModel> = { present: true, search: { areaCode: rng.pick(AREA_CODES) }, quantity: rng.int(1, 4) };
    if (variant === 'race') {
      return { label: 'search-create: numbers taken between the search and the order', changes: change(o, fresh), expect: 'ok', prepare: race };
    }
    return { label: 'search-create', changes: change(o, fresh), expect: 'ok' };
  },
};

/** A deployed search order's quantity raised (sometimes racing, sometimes with new criteria) or lowered. */
export const searchQuantity: ScenarioKind = {
  name: 'search-quantity',
  weight: 12,
  plan(world, rng) {
    const o = one(rng, world.searches().filter(x => !isScarce(x)));
    if (!o) return undefined;
    const quantity = o.quantity ?? 1;
    if (quantity >= 2 && rng.chance(0.45)) {
      return { label: 'search-quantity: down, the newest released', changes: change(o, { quantity: Math.max(1, quantity - rng.int(1, 2)) }), expect: 'ok', ordersNothing: true };
    }
    const up = { quantity: quantity + rng.int(1, 2) };
    const variant = rng.weighted({ plain: 40, race: 35, criteria: 25 });
    if (variant === 'race') return { label: 'search-quantity: up, numbers taken between the search and the order', changes: change(o, up), expect: 'ok', prepare: race };
    if (variant === 'criteria') {
      // New criteria apply to what is ordered from then on: the numbers held stay.
      const search = { areaCode: rng.pick(AREA_CODES.filter(a => a !== o.search?.areaCode)) };
      return { label: 'search-quantity: up, with new criteria', changes: change(o, { ...up, search }), expect: 'ok' };
    }
    return { label: 'search-quantity: up', changes: change(o, up), expect: 'ok' };
  },
};

/** Criteria the handler refuses before any call to Chime: a city without its state. */
export const searchInvalid: ScenarioKind = {
  name: 'search-invalid',
  weight: 3,
  plan(world, rng): StepPlan | undefined {
    const o = one(rng, world.searches());
    if (!o) return undefined;
    return { label: 'search-invalid: a city without its state', changes: change(o, { search: { city: 'Seattle' } }), expect: 'fail', ordersNothing: true };
  },
};

function isScarce(o: OrderModel): boolean {
  return o.search?.areaCode === SCARCE.areaCode;
}
