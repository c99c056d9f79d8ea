// Creating a search order, through the real handlers against the emulator: one order for the
// quantity; numbers taken between the search and the order re-searched and re-ordered, a bounded
// number of times; a search that finds too few fails clearly or keeps what it got; exactly one
// order when an answer is lost or the event is delivered again.
import { identityOf } from '../../lambda/ownership';
import { CREATE_FAILED, STACK_ID, attributesOf, eventFor, searchProps, sendEvent, statusOf, useEmulator } from '../support/provider-harness';
import { isComplete, onEvent } from '../../lambda';

const emulator = useEmulator();
const ours = () => emulator.orders().filter(o => !o.Unrelated);
const orderedIn = (i: number) => ours()[i].OrderedPhoneNumbers.map(n => n.E164PhoneNumber);
const held = () => emulator.phoneNumbers().filter(n => ['Unassigned', 'Assigned'].includes(n.Status)).map(n => n.E164PhoneNumber).sort();
const nameOf = (n: string) => emulator.phoneNumbers().find(p => p.E164PhoneNumber === n)?.Name;

describe('Create by search', () => {
  test('one order for the quantity, from the numbers the search found; they carry the mark; attributes list them sorted', async () => {
    const answer = await sendEvent({ requestType: 'Create', props: searchProps({ AreaCode: '206' }, 3, { Name: 'front desk' }) });
    expect(answer.status).toBe('SUCCESS');
    expect(ours()).toHaveLength(1);
    const numbers = orderedIn(0);
    expect(numbers).toHaveLength(3);
    expect(numbers.every(n => /^\+120655501\d\d$/.test(n))).toBe(true);
    expect(answer.physicalId).toBe(ours()[0].PhoneNumberOrderId);
    expect(attributesOf(answer)).toEqual({
      OrderId: ours()[0].PhoneNumberOrderId, OrderStatus: 'Successful', PhoneNumbers: [...numbers].sort(), PhoneNumberCount: '3', FailedPhoneNumbers: [],
    });
    expect(numbers.map(nameOf).every(n => /^front desk pno\.[0-9a-f]{16}\.o[0-9a-f]{8}$/.test(n ?? ''))).toBe(true);
    // One search, asking for exactly what the order needed.
    expect(emulator.stats().byOperation.SearchAvailablePhoneNumbers).toBe(1);
  });

  test.each<[string, Record<string, string>, string, RegExp]>([
    ['city and state', { City: 'Chicago', State: 'IL' }, 'VoiceConnector', /^\+1(312|773)5550\d{3}$/],
    ['state', { State: 'WA' }, 'VoiceConnector', /^\+1(206|425|253|509|360)5550\d{3}$/],
    ['toll-free prefix', { TollFreePrefix: '888' }, 'VoiceConnector', /^\+18885550\d{3}$/],
    ['country and type', { Country: 'GB', PhoneNumberType: 'Local' }, 'SipMediaApplicationDialIn', /^\+44(2079460|1614960)\d{3}$/],
  ])('by %s', async (_what, search, productType, pattern) => {
    const answer = await sendEvent({ requestType: 'Create', props: searchProps(search, 2, { ProductType: productType }) });
    expect(answer.status).toBe('SUCCESS');
    expect((answer.data.PhoneNumbers as string[]).every(n => pattern.test(n))).toBe(true);
    expect(answer.data.PhoneNumberCount).toBe('2');
    expect(emulator.phoneNumbers().every(n => n.ProductType === productType)).toBe(true);
  });

  test('half the found numbers taken before the order reaches them: the waiter searches again for the missing half, past them', async () => {
    emulator.takeAfterSearch({ share: 0.5 });
    const answer = await sendEvent({ requestType: 'Create', props: searchProps({ AreaCode: '303' }, 4) });
    expect(answer.status).toBe('SUCCESS');
    expect(ours().map(o => [o.Status, o.OrderedPhoneNumbers.length])).toEqual([['Partial', 4], ['Successful', 2]]);
    const taken = emulator.takenNumbers();
    expect(taken).toHaveLength(2);
    expect(orderedIn(1).some(n => taken.includes(n))).toBe(false);
    expect(held()).toHaveLength(4);
    expect(attributesOf(answer)).toMatchObject({ PhoneNumbers: held(), PhoneNumberCount: '4', OrderId: ours()[1].PhoneNumberOrderId, FailedPhoneNumbers: [] });
    // The failed records carry the mark, so they are never tried again; they are no holding of the resource.
    expect(taken.map(n => statusOf(emulator, n))).toEqual(['AcquireFailed', 'AcquireFailed']);
  });

  test('numbers taken at every search: at most four orders, then a failure naming the criteria, what it got and what to change; what it got is released', async () => {
    emulator.takeAfterSearch({ share: 0.5, count: 10 });
    const answer = await sendEvent({ requestType: 'Create', props: searchProps({ AreaCode: '512' }, 4) });
    expect(answer.status).toBe('FAILED');
    expect(ours()).toHaveLength(4);
    expect(answer.reason).toMatch(/^Ordering 4 numbers by search \(area code 512\) ended with 3: \d+ of the numbers found were taken by other customers before the order reached them, and 4 orders are the most one deployment places\. What it acquired is released\. Widen the search .* or set allowPartial/);
    expect(held()).toEqual([]);
    expect(answer.physicalId).toBe(ours()[0].PhoneNumberOrderId);
  });

  test.each(['CreatePhoneNumberOrder', 'SearchAvailablePhoneNumbers'])('the waiter\'s %s refused (a client fault): the Create fails after releasing what it acquired', async (operation) => {
    emulator.takeAfterSearch({ share: 0.5 });
    const event = eventFor({ requestType: 'Create', props: searchProps({ AreaCode: '303' }, 4) });
    const first = await onEvent(event);
    expect(held()).toHaveLength(2);
    emulator.injectOnce({ operation, kind: 'access-denied' });
    await expect(isComplete({ ...event, ...first })).rejects.toThrow(new RegExp(`^${operation} failed: AccessDenied`));
    expect(held()).toEqual([]);
    expect(ours()).toHaveLength(1);
  });

  test('a search that finds too few fails, saying how many it found; what it acquired is released at once', async () => {
    const answer = await sendEvent({ requestType: 'Create', props: searchProps({ AreaCode: '907' }, 5) });
    expect(answer.status).toBe('FAILED');
    expect(answer.reason).toMatch(/^Ordering 5 numbers by search \(area code 907\) ended with 3: the search found no further available number\. What it acquired is released\. Widen the search \(a state or a city instead of an area code, another area code or prefix\) or lower quantity, or set allowPartial to keep the numbers found$/);
    expect(ours()).toHaveLength(1);
    expect(emulator.phoneNumbers().map(n => n.Status)).toEqual(['DeleteInProgress', 'DeleteInProgress', 'DeleteInProgress']);
  });

  test('with allowPartial it keeps what it found', async () => {
    const answer = await sendEvent({ requestType: 'Create', props: searchProps({ AreaCode: '907' }, 5, { AllowPartial: 'true' }) });
    expect(answer.status).toBe('SUCCESS');
    expect(attributesOf(answer)).toMatchObject({ PhoneNumbers: ['+19075550100', '+19075550101', '+19075550102'], PhoneNumberCount: '3', FailedPhoneNumbers: [] });
  });

  test('a search that finds nothing orders nothing and fails, even with allowPartial', async () => {
    const answer = await sendEvent({ requestType: 'Create', props: searchProps({ AreaCode: '555' }, 2, { AllowPartial: 'true' }) });
    expect(answer.status).toBe('FAILED');
    expect(answer.reason).toMatch(/^Ordering 2 numbers by search \(area code 555\) ended with 0: the search found no available number\. Widen the search .* or lower quantity$/);
    expect(ours()).toHaveLength(0);
    expect(answer.physicalId).toMatch(/^pno\.[0-9a-f]{16}$/);
  });

  test('a lost CreatePhoneNumberOrder answer: the order is found by its numbers\' marks, never placed twice', async () => {
    emulator.injectOnce({ operation: 'CreatePhoneNumberOrder', kind: 'drop-after-act' });
    const answer = await sendEvent({ requestType: 'Create', props: searchProps({ AreaCode: '206' }, 3) });
    expect(answer.status).toBe('SUCCESS');
    expect(emulator.stats().faultsInjected.dropAfterAct).toBe(1);
    expect(ours()).toHaveLength(1);
    expect(emulator.stats().byOperation.CreatePhoneNumberOrder).toBe(1);
    expect(answer.physicalId).toBe(ours()[0].PhoneNumberOrderId);
    expect(answer.data.PhoneNumbers).toEqual([...orderedIn(0)].sort());
  });

  test('the same Create delivered again (after success, and at once): no second batch, the same physical ID', async () => {
    const requestId = '11111111-2222-4333-8444-555555555555';
    const first = await sendEvent({ requestType: 'Create', props: searchProps({ AreaCode: '206' }, 3), requestId });
    const again = await sendEvent({ requestType: 'Create', props: searchProps({ AreaCode: '206' }, 3), requestId });
    expect([first.status, again.status]).toEqual(['SUCCESS', 'SUCCESS']);
    expect(again.physicalId).toBe(first.physicalId);
    expect(attributesOf(again)).toEqual(attributesOf(first));
    expect(ours()).toHaveLength(1);

    emulator.reset();
    const event = eventFor({ requestType: 'Create', props: searchProps({ AreaCode: '206' }, 3), requestId });
    emulator.configure({ orderDelayMs: 200 });
    const answers = await Promise.all([onEvent(event), new Promise(r => setTimeout(r, 30)).then(() => onEvent(event))]);
    expect(ours()).toHaveLength(1);
    expect(answers[1].PhysicalResourceId).toBe(answers[0].PhysicalResourceId);
  });

  test('bad properties fail before any call to Chime', async () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [searchProps({ AreaCode: '206' }, 0), /Quantity|quantity 0 is not a whole number/],
      [searchProps({ City: 'Seattle' }, 1), /city "Seattle" needs its state/],
      [searchProps({ AreaCode: '206' }, 1, { Api: 'chime' }), /ordering by search needs the chime-sdk-voice API/],
      [searchProps({ AreaCode: '206' }, 1, { E164PhoneNumbers: ['+12065550100'] }), /give E164PhoneNumbers or Search, not both/],
      [searchProps({ Areacode: '206' }, 1), /Areacode, which are not search filters/],
      [{ ...searchProps({ AreaCode: '206' }, 1), Quantity: 'three' }, /Quantity "three" is not a number/],
    ];
    for (const [props, reason] of bad) {
      const answer = await sendEvent({ requestType: 'Create', props });
      expect({ status: answer.status, physicalId: answer.physicalId }).toEqual({ status: 'FAILED', physicalId: CREATE_FAILED });
      expect(answer.reason).toMatch(reason);
    }
    expect(emulator.stats().requests).toBe(0);
  });

  test('a Delete releases every number carrying the mark, and nothing else', async () => {
    const mine = await sendEvent({ requestType: 'Create', props: searchProps({ AreaCode: '206' }, 2) });
    const other = await sendEvent({ requestType: 'Create', props: searchProps({ AreaCode: '206' }, 2), logicalId: 'Other' });
    emulator.putNumber({ number: '+12125550100' });
    const deleted = await sendEvent({ requestType: 'Delete', props: searchProps({ AreaCode: '212' }, 1), physicalId: mine.physicalId });
    expect(deleted.status).toBe('SUCCESS');
    for (const n of mine.data.PhoneNumbers as string[]) expect(statusOf(emulator, n)).toBe('DeleteInProgress');
    for (const n of other.data.PhoneNumbers as string[]) expect(statusOf(emulator, n)).toBe('Unassigned');
    expect(statusOf(emulator, '+12125550100')).toBe('Unassigned');
    // The other resource's search never offered this one's numbers.
    expect((other.data.PhoneNumbers as string[]).some(n => (mine.data.PhoneNumbers as string[]).includes(n))).toBe(false);
    expect(identityOf(STACK_ID, 'Numbers', 'x').resource).not.toBe(identityOf(STACK_ID, 'Other', 'x').resource);
  });
});

describe('a repeated delivery after its event ended', () => {
  test('a search Create delivered again after the rollback deleted the resource searches, restores and orders nothing', async () => {
    const requestId = 'search-create-request';
    const created = await sendEvent({ requestType: 'Create', requestId, props: searchProps({ AreaCode: '206' }, 2) });
    expect(created.status).toBe('SUCCESS');
    const numbers = created.data.PhoneNumbers as string[];
    const deleted = await sendEvent({ requestType: 'Delete', physicalId: created.physicalId, props: searchProps({ AreaCode: '206' }, 2) });
    expect(deleted.status).toBe('SUCCESS');
    const searches = emulator.stats().byOperation.SearchAvailablePhoneNumbers;
    const late = await sendEvent({ requestType: 'Create', requestId, props: searchProps({ AreaCode: '206' }, 2) });
    expect(late.status).toBe('FAILED');
    expect(late.reason).toMatch(/ordered by this very request and released since: this is a repeated delivery of an event that has already ended/);
    expect(numbers.map(n => statusOf(emulator, n))).toEqual(['DeleteInProgress', 'DeleteInProgress']);
    expect(ours()).toHaveLength(1);
    expect(held()).toEqual([]);
    expect(emulator.stats().byOperation.SearchAvailablePhoneNumbers).toBe(searches);
  });
});
