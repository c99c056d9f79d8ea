// The scenario kinds plan from the world as it is and say what the contract expects: checked on a
// made-up world (two resources in one stack, one in another), without deploying anything.
import type { EmulatorPhoneNumber } from '../../emulator';
import { resourceMark } from '../../tools/chaos/marks';
import { poolFor } from '../../tools/chaos/numbers';
import { Rng } from '../../tools/chaos/random';
import { createStep, initialTemplate } from '../../tools/chaos/scenarios/create';
import type { ScenarioKind } from '../../tools/chaos/scenarios/kind';
import { SCENARIO_KINDS, drawStep } from '../../tools/chaos/scenarios/registry';
import { type OrderModel, World } from '../../tools/chaos/world';

const pool = poolFor(0);
const ORDERS = [
  { stack: 'S1', construct: 'A', logicalId: 'AAAA' }, { stack: 'S1', construct: 'B', logicalId: 'BBBB' }, { stack: 'S2', construct: 'C', logicalId: 'CCCC' },
];

function rec(n: string, status: EmulatorPhoneNumber['Status'], name?: string): EmulatorPhoneNumber {
  return {
    PhoneNumberId: n, E164PhoneNumber: n, Country: 'US', Type: 'Local', ProductType: 'VoiceConnector', Status: status, Associations: [],
    CreatedTimestamp: 't', UpdatedTimestamp: 't', ...(name ? { Name: name } : {}),
  };
}

/** Every resource deployed with the numbers its template lists, held and marked as its own. */
function deployedWorld(edit: (o: OrderModel) => Partial<OrderModel> = () => ({})): World {
  const world = new World(pool, ['S1', 'S2']);
  initialTemplate(world, new Rng(1), ORDERS);
  for (const o of world.orders()) world.template.set(World.key(o), { ...o, numbers: [...o.numbers, ...world.takeFresh(1)], api: 'chime-sdk-voice', ...edit(o) });
  world.deployed = ['S1', 'S2'].map(stackName => ({
    stackName, stackId: `id-${stackName}`, status: 'CREATE_COMPLETE', region: 'us-east-1', account: '123456789012',
    orders: world.orders().filter(o => o.stack === stackName).map(o => ({
      stack: stackName, logicalId: o.logicalId, construct: o.construct, physicalId: 'p', api: o.api, listed: [...o.numbers], answeredPhoneNumbers: true, routed: Boolean(o.route),
    })),
  }));
  world.inventory = [
    ...world.orders().flatMap(o => o.numbers.map(n => rec(n, 'Unassigned', o.api === 'chime' ? undefined : `pno.${resourceMark(o.stack, o.logicalId)}.o00000000`))),
    ...pool.seeded.map(n => rec(n, 'Unassigned', 'bought elsewhere')),
  ];
  return world;
}

const kind = (name: string): ScenarioKind => SCENARIO_KINDS.find(k => k.name === name)!;

test('every kind has a unique name and a weight; drawing always finds a step in a deployed world', () => {
  expect(new Set(SCENARIO_KINDS.map(k => k.name)).size).toBe(SCENARIO_KINDS.length);
  const rng = new Rng(7);
  for (let i = 0; i < 50; i++) expect(drawStep(deployedWorld(), rng, { rehearsalRate: 0.2, policyChangeRate: 0.2 })).toBeDefined();
});

test('what the contract expects of each ownership scenario', () => {
  const rng = new Rng(5);
  const world = deployedWorld();
  const takeover = kind('takeover').plan(world, rng)!;
  expect(takeover).toMatchObject({ expect: 'fail', ordersNothing: true });
  const [[key, change]] = Object.entries(takeover.changes);
  const taker = world.template.get(key)!;
  const taken = change.numbers!.filter(n => !taker.numbers.includes(n));
  expect(taken).toHaveLength(1);
  expect(world.lister(taken[0])).not.toBe(taker);
  expect(kind('adopt-owned').plan(world, rng)).toMatchObject({ expect: 'fail', ordersNothing: true });
  expect(kind('rename').plan(world, rng)).toMatchObject({ expect: 'fail', ordersNothing: true });
  expect(kind('race').plan(world, rng)).toMatchObject({ expect: 'fail' });
  const adopt = kind('adopt').plan(world, rng)!;
  expect(adopt.expect).toBe(Object.values(adopt.changes)[0].adopt ? 'ok' : 'fail');
});

test('a move takes three deploys: released by the first, refused while queued, ordered after Chime purged it', () => {
  const rng = new Rng(2);
  const world = deployedWorld();
  const first = kind('move').plan(world, rng)!;
  expect(first).toMatchObject({ label: 'move: released by the first', expect: 'ok' });
  const [[fromKey, change]] = Object.entries(first.changes);
  const from = world.template.get(fromKey)!;
  const [n] = from.numbers.filter(x => !change.numbers!.includes(x));
  // as the deploy leaves it: released with the first resource's mark
  world.commit(world.candidate(first.changes), [from.stack]);
  world.deployed = world.deployed.map(s => ({ ...s, orders: s.orders.map(o => (o.logicalId === from.logicalId ? { ...o, listed: o.listed.filter(x => x !== n) } : o)) }));
  world.inventory = world.inventory.map(r => (r.E164PhoneNumber === n ? { ...r, Status: 'DeleteInProgress' } : r));
  const second = first.next!(world, rng)!;
  expect(second).toMatchObject({ expect: 'fail', ordersNothing: true });
  expect(Object.values(second.changes)[0].numbers).toContain(n);
  const third = second.next!(world, rng)!;
  expect(third).toMatchObject({ expect: 'ok', label: 'move: ordered once Chime purged it' });
  let advanced = 0;
  third.prepare!({ phoneNumbers: () => world.inventory, advanceClock: ms => { advanced = ms; }, putNumber: () => undefined, takeAfterSearch: () => undefined }, world);
  expect(advanced).toBeGreaterThan(7 * 24 * 3600_000);
  expect(world.purged.get(n)).toBe(1);
});

test('resources under the legacy API take no part as takers: their ownership is only their list', () => {
  const world = deployedWorld(() => ({ api: 'chime' }));
  const rng = new Rng(9);
  for (const name of ['takeover', 'adopt', 'adopt-owned', 'rename', 'move', 'race']) expect(kind(name).plan(world, rng)).toBeUndefined();
  expect(kind('legacy-api').plan(world, rng)).toMatchObject({ label: 'legacy-api: back to Chime SDK Voice', expect: 'ok' });
});

test('an Update that adds only an unavailable number must fail: allowPartial is turned off for it', () => {
  const plan = kind('unavailable').plan(deployedWorld(() => ({ allowPartial: true })), new Rng(4))!;
  expect(plan.expect).toBe('fail');
  expect(Object.values(plan.changes)[0]).toMatchObject({ allowPartial: false });
});

test('the first deploy: the first resource of each stack at least, numbers of their own per resource, nothing that fails', () => {
  for (let seed = 0; seed < 20; seed++) {
    const world = new World(pool, ['S1', 'S2']);
    initialTemplate(world, new Rng(seed), ORDERS);
    const numbers = world.orders().flatMap(o => [...o.numbers]);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(world.template.get('S1/A')!.present && world.template.get('S2/C')!.present).toBe(true);
  }
  expect(createStep(true)).toEqual({ label: 'create', changes: {}, expect: 'ok' });
});

test('a resource joining a deployed stack: its Create, plain or with what the contract has a row for', () => {
  const seen = new Set<string>();
  for (let seed = 0; seed < 100; seed++) {
    const world = deployedWorld(o => (o.construct === 'B' ? { present: false } : {}));
    world.deployed = world.deployed.map(s => ({ ...s, orders: s.orders.filter(o => o.construct !== 'B') }));
    const plan = kind('add-resource').plan(world, new Rng(seed))!;
    expect(plan.changes['S1/B']).toMatchObject({ present: true });
    seen.add(`${plan.label} → ${plan.expect}`);
  }
  expect(seen).toEqual(new Set([
    'add-resource → ok', 'add-resource: partial, allowPartial → ok', 'add-resource: partial, refused → fail', 'add-resource: adopts an unowned number → ok',
    'add-resource: an unowned number, adoption not asked → fail', 'add-resource: its Create races another resource\'s Update for a number → fail',
    'add-resource: a number the product type refuses → fail',
  ]));
});

test('an order by search: it joins plainly, racing another customer or short of stock; its quantity goes up and down; list scenarios leave it alone', () => {
  const ORDERS_WITH_SEARCH = [...ORDERS, { stack: 'S1', construct: 'S', logicalId: 'SSSS', search: true }];
  const seen = new Set<string>();
  for (let seed = 0; seed < 60; seed++) {
    const world = new World(pool, ['S1', 'S2']);
    initialTemplate(world, new Rng(seed), ORDERS_WITH_SEARCH);
    const s = world.template.get('S1/S')!;
    expect(s).toMatchObject({ numbers: [], api: 'chime-sdk-voice', adopt: false });
    expect(s.search?.areaCode).toMatch(/^\d{3}$/);
    world.template.set('S1/S', { ...s, present: false });
    world.deployed = [{ stackName: 'S1', stackId: 'id-S1', status: 'CREATE_COMPLETE', region: 'us-east-1', account: '123456789012', orders: [] }];
    const join = kind('search-create').plan(world, new Rng(seed))!;
    expect(join.changes['S1/S']).toMatchObject({ present: true });
    let raced = 0;
    join.prepare?.({ phoneNumbers: () => [], advanceClock: () => undefined, putNumber: () => undefined, takeAfterSearch: () => { raced++; } }, world);
    expect(raced).toBe(join.label.includes('taken between') ? 1 : 0);
    seen.add(`${join.label} → ${join.expect}`);
    // deployed, listing two numbers of its own
    world.template.set('S1/S', { ...s, present: true, quantity: 3 });
    world.deployed = [{ ...world.deployed[0], orders: [{ stack: 'S1', logicalId: 'SSSS', construct: 'S', physicalId: 'p', api: 'chime-sdk-voice', listed: ['+12065550100', '+12065550101', '+12065550102'], answeredPhoneNumbers: true, routed: false }] }];
    const q = kind('search-quantity').plan(world, new Rng(seed))!;
    const quantity = q.changes['S1/S'].quantity!;
    expect(q.expect).toBe('ok');
    seen.add(`${q.label.split(',')[0]} → ${quantity > 3 ? 'more' : 'fewer'}`);
    for (const name of ['add', 'remove', 'restore', 'product-type', 'takeover', 'adopt', 'move', 'rename', 'partial', 'unavailable', 'legacy-api']) {
      expect(kind(name).plan(world, new Rng(seed))).toBeUndefined();
    }
  }
  expect(seen).toEqual(new Set([
    'search-create → ok', 'search-create: numbers taken between the search and the order → ok',
    'search-create: short of stock, allowPartial keeps what it got → ok', 'search-create: short of stock, refused and released → fail',
    'search-quantity: up → more', 'search-quantity: down → fewer',
  ]));
  expect(kind('search-invalid').plan(deployedWorld(), new Rng(1))).toBeUndefined();
});

test('a routed order: retargeted to the other Voice Connector, routing taken out and put back; never moved to another product type or the legacy API', () => {
  const world = deployedWorld(o => (o.construct === 'A' ? { route: 'ConnectorA', productType: 'VoiceConnector' } : { api: 'chime' }));
  const rng = new Rng(3);
  expect(kind('retarget').plan(world, rng)).toMatchObject({ changes: { 'S1/A': { route: 'ConnectorB' } }, expect: 'ok', ordersNothing: true });
  expect(kind('unroute').plan(world, rng)).toMatchObject({ changes: { 'S1/A': { route: null } }, expect: 'ok', ordersNothing: true });
  expect(kind('reroute').plan(world, rng)).toBeUndefined();
  for (let seed = 0; seed < 20; seed++) {
    expect(Object.keys(kind('product-type').plan(world, new Rng(seed))?.changes ?? {})).not.toContain('S1/A');
    expect(Object.keys(kind('legacy-api').plan(world, new Rng(seed))?.changes ?? {})).not.toContain('S1/A');
  }
  world.template.set('S1/A', { ...world.template.get('S1/A')!, route: null });
  expect(kind('reroute').plan(world, rng)?.changes['S1/A'].route).toMatch(/^Connector[AB]$/);
});
