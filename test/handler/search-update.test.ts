// Updating a search order, and rolling each update back (CloudFormation sends the old properties
// as an Update): through the real handlers against the emulator.
import { type Answer, attributesOf, searchProps, sendEvent, statusOf, useEmulator, voiceProps } from '../support/provider-harness';

const emulator = useEmulator();
const ours = () => emulator.orders().filter(o => !o.Unrelated);
const orderedIn = (i: number) => ours()[i].OrderedPhoneNumbers.map(n => n.E164PhoneNumber).sort();
const held = () => emulator.phoneNumbers().filter(n => ['Unassigned', 'Assigned'].includes(n.Status)).map(n => n.E164PhoneNumber).sort();
const ops = () => emulator.stats().byOperation;
const sorted = (numbers: string[]) => [...numbers].sort();
const AREA = { AreaCode: '206' };

async function created(props: Record<string, unknown>): Promise<Answer> {
  const answer = await sendEvent({ requestType: 'Create', props });
  expect(answer.status).toBe('SUCCESS');
  return answer;
}

const update = (physicalId: string | undefined, from: Record<string, unknown>, to: Record<string, unknown>, requestId?: string) =>
  sendEvent({ requestType: 'Update', physicalId, props: to, oldProps: from, requestId });

/** The newest of these numbers by the emulator's CreatedTimestamp, then the highest number. */
const newest = (numbers: string[]) => {
  const at = new Map(emulator.phoneNumbers().map(n => [n.E164PhoneNumber, Date.parse(n.CreatedTimestamp)]));
  return [...numbers].sort((a, b) => at.get(b)! - at.get(a)! || (a < b ? 1 : -1));
};

test('quantity up orders the difference with the current criteria, in one order; its rollback releases exactly those', async () => {
  const first = await created(searchProps(AREA, 2));
  const up = await update(first.physicalId, searchProps(AREA, 2), searchProps(AREA, 4));
  expect(up.status).toBe('SUCCESS');
  expect(up.physicalId).toBe(first.physicalId);
  expect(ours().map(o => o.OrderedPhoneNumbers.length)).toEqual([2, 2]);
  expect(attributesOf(up)).toMatchObject({ OrderId: ours()[1].PhoneNumberOrderId, PhoneNumbers: held(), PhoneNumberCount: '4' });

  const back = await update(first.physicalId, searchProps(AREA, 4), searchProps(AREA, 2));
  expect(back.status).toBe('SUCCESS');
  expect(held()).toEqual(orderedIn(0));
  for (const n of orderedIn(1)) expect(statusOf(emulator, n)).toBe('DeleteInProgress');
  expect(attributesOf(back)).toEqual(attributesOf(first));
  expect(ops().CreatePhoneNumberOrder).toBe(2);
});

test('quantity down releases the most recently acquired; its rollback restores exactly those, ordering nothing', async () => {
  const first = await created(searchProps(AREA, 2));
  await update(first.physicalId, searchProps(AREA, 2), searchProps(AREA, 4));
  const expectedGone = newest(held()).slice(0, 1);
  expect(orderedIn(1)).toContain(expectedGone[0]);
  const down = await update(first.physicalId, searchProps(AREA, 4), searchProps(AREA, 3));
  expect(down.status).toBe('SUCCESS');
  expect(statusOf(emulator, expectedGone[0])).toBe('DeleteInProgress');
  expect(down.data.PhoneNumbers).toEqual(held());
  expect(held()).toHaveLength(3);

  const back = await update(first.physicalId, searchProps(AREA, 3), searchProps(AREA, 4));
  expect(back.status).toBe('SUCCESS');
  expect(statusOf(emulator, expectedGone[0])).toBe('Unassigned');
  expect(ops().RestorePhoneNumber).toBe(1);
  expect(ops().CreatePhoneNumberOrder).toBe(2);
  expect(back.data.PhoneNumbers).toEqual(held());
  expect(held()).toHaveLength(4);
});

test('a lower quantity leaves numbers in use alone: the newest free ones go; with too few free it fails naming the associations', async () => {
  const first = await created(searchProps(AREA, 3));
  const [newestOne, second, third] = newest(held());
  emulator.associate(newestOne, 'VoiceConnectorId', 'vc-1');
  const down = await update(first.physicalId, searchProps(AREA, 3), searchProps(AREA, 2));
  expect(down.status).toBe('SUCCESS');
  expect(statusOf(emulator, second)).toBe('DeleteInProgress');
  expect(held()).toEqual(sorted([newestOne, third]));

  emulator.associate(third, 'SipRuleId', 'rule-1');
  const blocked = await update(first.physicalId, searchProps(AREA, 2), searchProps(AREA, 1));
  expect(blocked.status).toBe('FAILED');
  expect(blocked.reason).toMatch(/^Lowering quantity to 1 would release numbers in use\. Cannot release \*\*\*\d{4} \(.*\); \*\*\*\d{4} \(.*\): still associated/);
  expect(held()).toEqual(sorted([newestOne, third]));
});

test('changed criteria apply to numbers ordered from then on; the numbers held are kept', async () => {
  const first = await created(searchProps(AREA, 2));
  const same = await update(first.physicalId, searchProps(AREA, 2), searchProps({ AreaCode: '212' }, 2));
  expect(same.status).toBe('SUCCESS');
  expect(ours()).toHaveLength(1);
  expect(attributesOf(same)).toEqual(attributesOf(first));
  const more = await update(first.physicalId, searchProps({ AreaCode: '212' }, 2), searchProps({ AreaCode: '212' }, 3));
  expect(more.status).toBe('SUCCESS');
  expect(orderedIn(1)).toHaveLength(1);
  expect(orderedIn(1)[0]).toMatch(/^\+1212/);
  expect(held()).toEqual(sorted([...orderedIn(0), ...orderedIn(1)]));
});

test('a name or product type change is applied to the numbers held, keeping the mark; nothing ordered or released', async () => {
  const first = await created(searchProps(AREA, 2));
  const renamed = await update(first.physicalId, searchProps(AREA, 2), searchProps(AREA, 2, { Name: 'lobby', ProductType: 'SipMediaApplicationDialIn' }));
  expect(renamed.status).toBe('SUCCESS');
  const numbers = emulator.phoneNumbers();
  expect(numbers.map(n => n.ProductType)).toEqual(['SipMediaApplicationDialIn', 'SipMediaApplicationDialIn']);
  expect(numbers.every(n => /^lobby pno\.[0-9a-f]{16}\.o[0-9a-f]{8}$/.test(n.Name ?? ''))).toBe(true);
  expect([ops().CreatePhoneNumberOrder, ops().BatchDeletePhoneNumber ?? 0]).toEqual([1, 0]);
});

test('quantity up that the stock cannot fill fails, and its rollback releases what it acquired; with allowPartial it keeps it', async () => {
  const first = await created(searchProps({ AreaCode: '907' }, 1));
  const up = await update(first.physicalId, searchProps({ AreaCode: '907' }, 1), searchProps({ AreaCode: '907' }, 5));
  expect(up.status).toBe('FAILED');
  expect(up.reason).toMatch(/^Ordering 5 numbers by search \(area code 907\) ended with 3: the search found no further available number\. The rollback releases what this update acquired\./);
  expect(held()).toHaveLength(3);
  const back = await update(first.physicalId, searchProps({ AreaCode: '907' }, 5), searchProps({ AreaCode: '907' }, 1));
  expect(back.status).toBe('SUCCESS');
  expect(held()).toEqual(orderedIn(0));

  const partial = await update(first.physicalId, searchProps({ AreaCode: '907' }, 1), searchProps({ AreaCode: '907' }, 5, { AllowPartial: 'true' }));
  expect(partial.status).toBe('SUCCESS');
  expect(partial.data.PhoneNumberCount).toBe('3');
  // What the rollback released came back first (restored), so nothing new was ordered.
  expect(ops().CreatePhoneNumberOrder).toBe(2);
});

test('the same Update delivered again orders nothing more', async () => {
  const first = await created(searchProps(AREA, 1));
  const requestId = '22222222-3333-4444-8555-666666666666';
  const up = await update(first.physicalId, searchProps(AREA, 1), searchProps(AREA, 3), requestId);
  const again = await update(first.physicalId, searchProps(AREA, 1), searchProps(AREA, 3), requestId);
  expect([up.status, again.status]).toEqual(['SUCCESS', 'SUCCESS']);
  expect(ours()).toHaveLength(2);
  expect(attributesOf(again)).toEqual(attributesOf(up));
});

describe('switching between a list and a search', () => {
  const [A, B, X] = ['+12065550100', '+12065550101', '+12125550150'];

  test('list to search keeps the listed numbers and orders the difference; the rollback to the list releases it', async () => {
    const first = await created(voiceProps([A, B]));
    const search = await update(first.physicalId, voiceProps([A, B]), searchProps(AREA, 3));
    expect(search.status).toBe('SUCCESS');
    expect(held()).toHaveLength(3);
    expect(held()).toEqual(expect.arrayContaining([A, B]));
    const added = held().find(n => n !== A && n !== B)!;
    const back = await update(first.physicalId, searchProps(AREA, 3), voiceProps([A, B]));
    expect(back.status).toBe('SUCCESS');
    expect(held()).toEqual([A, B]);
    expect(statusOf(emulator, added)).toBe('DeleteInProgress');
    expect(back.data.PhoneNumbers).toEqual([A, B]);
  });

  test('search to list releases what the list leaves out and orders what it adds; the rollback to the search keeps the count with what it holds', async () => {
    const first = await created(searchProps(AREA, 2));
    const [kept, dropped] = held();
    const list = await update(first.physicalId, searchProps(AREA, 2), voiceProps([kept, X]));
    expect(list.status).toBe('SUCCESS');
    expect(held()).toEqual([kept, X]);
    expect(statusOf(emulator, dropped)).toBe('DeleteInProgress');
    const back = await update(first.physicalId, voiceProps([kept, X]), searchProps(AREA, 2));
    expect(back.status).toBe('SUCCESS');
    // The search order now holds the two it has: the list's numbers carry its mark.
    expect(held()).toEqual([kept, X]);
    expect(back.data.PhoneNumberCount).toBe('2');
  });

  test('a legacy list turning into a search order claims the listed numbers, which carry no mark', async () => {
    const legacy = (n: string[]) => voiceProps(n, { Api: 'chime' });
    const first = await created(legacy([A, B]));
    const search = await update(first.physicalId, legacy([A, B]), searchProps(AREA, 2));
    expect(search.status).toBe('SUCCESS');
    expect(ours()).toHaveLength(1);
    expect(emulator.phoneNumbers().every(n => /pno\.[0-9a-f]{16}\.o/.test(n.Name ?? ''))).toBe(true);
    expect(search.data.PhoneNumbers).toEqual([A, B]);
  });
});
