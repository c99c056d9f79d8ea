// Search orders end to end: an app deployed through the local deploy (bundled handlers, the
// Provider framework's semantics, CloudFormation's rollbacks) against one emulator, auditing
// the account after every step (no number held by two resources or by none).
import { startEmulator, type Emulator } from '../../emulator';
import { type AppShape, LocalApp, audit, synthApp } from './multi';

jest.setTimeout(180_000);

const SHAPE: AppShape = {
  Criteria: {
    ByArea: { search: { areaCode: '206' }, quantity: 2, removalPolicy: 'destroy' },
    ByCity: { search: { city: 'Chicago', state: 'IL' }, quantity: 2, removalPolicy: 'destroy' },
    ByState: { search: { state: 'WA' }, quantity: 2, removalPolicy: 'destroy' },
    TollFree: { search: { tollFreePrefix: '888' }, quantity: 2, removalPolicy: 'destroy' },
    Uk: { search: { country: 'GB', phoneNumberType: 'Local' }, quantity: 2, productType: 'SipMediaApplicationDialIn', removalPolicy: 'destroy' },
  },
  Quantity: { Numbers: { search: { areaCode: '303' }, quantity: 2 } },
  Race: { Numbers: { search: { areaCode: '512' }, quantity: 4 } },
  Scarce: { Numbers: { search: { areaCode: '907' }, quantity: 5 } },
  Lost: { Numbers: { search: { areaCode: '617' }, quantity: 3 } },
};

let emulator: Emulator;
let app: LocalApp;
beforeAll(async () => {
  emulator = await startEmulator({ seed: 5 });
  app = new LocalApp(await synthApp(SHAPE), emulator);
}, 240_000);
afterAll(async () => {
  app?.close();
  await emulator?.close();
});
afterEach(() => {
  expect(emulator.stats().malformedDetails).toEqual([]);
  expect(audit(emulator, [app])).toEqual([]);
});

const ok = (r: { result: { exitCode: number }; err: string }) => expect({ exit: r.result.exitCode, err: r.err }).toEqual({ exit: 0, err: '' });
const listed = (resource: string) => app.listed()[resource] ?? [];
const ordersIn = (area: string) => emulator.orders().filter(o => o.OrderedPhoneNumbers.some(n => n.E164PhoneNumber.startsWith(`+1${area}`)));
const status = (n: string) => emulator.phoneNumbers().find(p => p.E164PhoneNumber === n)?.Status;
const ops = () => emulator.stats().byOperation;

test('search by each criterion: area code, city and state, state, toll-free prefix, a country outside the U.S.', async () => {
  ok(await app.deploy({}, { stacks: ['Criteria'] }));
  const patterns: Record<string, RegExp> = {
    'Criteria/ByArea': /^\+12065550\d{3}$/,
    'Criteria/ByCity': /^\+1(312|773)5550\d{3}$/,
    'Criteria/ByState': /^\+1(206|425|253|509|360)5550\d{3}$/,
    'Criteria/TollFree': /^\+18885550\d{3}$/,
    'Criteria/Uk': /^\+44(2079460|1614960)\d{3}$/,
  };
  for (const [resource, pattern] of Object.entries(patterns)) {
    expect(listed(resource)).toHaveLength(2);
    expect(listed(resource).every(n => pattern.test(n))).toBe(true);
  }
  // Two resources searching overlapping stock (an area code, its state) never share a number.
  expect(new Set(Object.keys(patterns).flatMap(listed)).size).toBe(10);
  const destroyed = await app.destroy(['Criteria']);
  expect(destroyed.result.exitCode).toBe(0);
  expect(Object.keys(patterns).flatMap(listed)).toEqual([]);
});

test('a race: half the found numbers taken between the search and the order, filled by searching again', async () => {
  emulator.takeAfterSearch({ share: 0.5 });
  ok(await app.deploy({}, { stacks: ['Race'] }));
  expect(ordersIn('512').map(o => [o.Status, o.OrderedPhoneNumbers.length])).toEqual([['Partial', 4], ['Successful', 2]]);
  expect(listed('Race/Numbers')).toHaveLength(4);
  expect(listed('Race/Numbers').some(n => emulator.takenNumbers().includes(n))).toBe(false);
});

test('a search that finds too few fails the create naming the criteria and what it found; with allowPartial a retry keeps them', async () => {
  const failed = await app.deploy({}, { stacks: ['Scarce'] });
  expect(failed.result.exitCode).toBe(1);
  expect(app.statuses.Scarce).toBe('ROLLBACK_COMPLETE');
  expect(failed.out + failed.err).toMatch(/Ordering 5 numbers by search \(area code 907\) ended with 3: the search found no further available number\. What it acquired is released/);
  const got = ordersIn('907')[0].OrderedPhoneNumbers.map(n => n.E164PhoneNumber);
  expect(got.map(status)).toEqual(['DeleteInProgress', 'DeleteInProgress', 'DeleteInProgress']);

  const restores = ops().RestorePhoneNumber ?? 0;
  ok(await app.deploy({ Scarce: { Numbers: { allowPartial: true } } }, { stacks: ['Scarce'] }));
  expect(listed('Scarce/Numbers')).toEqual([...got].sort());
  // Its own numbers, released by the failed attempt, came back from the deletion queue: nothing was ordered twice.
  expect((ops().RestorePhoneNumber ?? 0) - restores).toBe(3);
  expect(ordersIn('907')).toHaveLength(1);
});

test('quantity up and down, each rolled back as a failing later resource would, then kept', async () => {
  ok(await app.deploy({}, { stacks: ['Quantity'] }));
  const first = listed('Quantity/Numbers');
  expect(first).toHaveLength(2);

  const upRolledBack = await app.deploy({ Quantity: { Numbers: { quantity: 4 } } }, { stacks: ['Quantity'], rehearseRollback: true });
  ok(upRolledBack);
  expect(upRolledBack.result.events.map(e => `${e.requestType} ${e.status}`)).toEqual(['Update SUCCESS', 'Update SUCCESS']);
  expect(listed('Quantity/Numbers')).toEqual(first);
  const added = ordersIn('303')[1].OrderedPhoneNumbers.map(n => n.E164PhoneNumber);
  expect(added.map(status)).toEqual(['DeleteInProgress', 'DeleteInProgress']);

  // Raising it again takes back the numbers it released, before ordering anything.
  ok(await app.deploy({ Quantity: { Numbers: { quantity: 4 } } }, { stacks: ['Quantity'] }));
  expect(listed('Quantity/Numbers')).toEqual([...first, ...added].sort());
  expect(ordersIn('303')).toHaveLength(2);

  const downRolledBack = await app.deploy({ Quantity: { Numbers: { quantity: 3 } } }, { stacks: ['Quantity'], rehearseRollback: true });
  ok(downRolledBack);
  expect(listed('Quantity/Numbers')).toEqual([...first, ...added].sort());

  ok(await app.deploy({ Quantity: { Numbers: { quantity: 3 } } }, { stacks: ['Quantity'] }));
  const kept = listed('Quantity/Numbers');
  expect(kept).toHaveLength(3);
  // The most recently acquired number went: one of those the second order bought.
  const gone = [...first, ...added].filter(n => !kept.includes(n));
  expect(gone).toHaveLength(1);
  expect(added).toContain(gone[0]);
  expect(status(gone[0])).toBe('DeleteInProgress');
});

test('an update whose search finds nothing fails and is rolled back, keeping exactly what the resource held', async () => {
  const before = listed('Quantity/Numbers');
  const restores = ops().RestorePhoneNumber ?? 0;
  const failed = await app.deploy({ Quantity: { Numbers: { search: { areaCode: '555' }, quantity: 5 } } }, { stacks: ['Quantity'] });
  expect(failed.result.exitCode).toBe(1);
  expect(app.statuses.Quantity).toBe('UPDATE_ROLLBACK_COMPLETE');
  // The number the last update released came back first (4 held), then the search found nothing.
  expect(failed.out + failed.err).toMatch(/Ordering 5 numbers by search \(area code 555\) ended with 4: the search found no available number\. The rollback releases what this update acquired/);
  expect((ops().RestorePhoneNumber ?? 0) - restores).toBe(1);
  expect(listed('Quantity/Numbers')).toEqual(before);
  expect(emulator.phoneNumbers().filter(n => n.E164PhoneNumber.startsWith('+1303') && n.Status === 'Unassigned').map(n => n.E164PhoneNumber).sort()).toEqual(before);
});

test('a lost CreatePhoneNumberOrder answer during a search order: exactly one order', async () => {
  emulator.injectOnce({ operation: 'CreatePhoneNumberOrder', kind: 'drop-after-act' });
  const dropped = emulator.stats().faultsInjected.dropAfterAct;
  const creates = ops().CreatePhoneNumberOrder ?? 0;
  ok(await app.deploy({}, { stacks: ['Lost'] }));
  expect(emulator.stats().faultsInjected.dropAfterAct - dropped).toBe(1);
  expect(ordersIn('617')).toHaveLength(1);
  expect((ops().CreatePhoneNumberOrder ?? 0) - creates).toBe(1);
  expect(listed('Lost/Numbers')).toEqual(ordersIn('617')[0].OrderedPhoneNumbers.map(n => n.E164PhoneNumber).sort());
});
