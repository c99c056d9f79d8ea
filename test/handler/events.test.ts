import { isComplete, onEvent } from '../../lambda';
import { attributesOf, eventFor, sendEvent, useEmulator, voiceProps } from '../support/provider-harness';

const A = '+12065550100';
/** A refused event may read the account, never change it. */
const WRITES = ['CreatePhoneNumberOrder', 'UpdatePhoneNumber', 'DeletePhoneNumber', 'BatchDeletePhoneNumber', 'RestorePhoneNumber'];
const emulator = useEmulator();

type Event = Parameters<typeof onEvent>[0];
const failureOf = async (call: () => Promise<unknown>) => {
  try {
    await call();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected a FAILED answer');
};

// Each: a malformed or unexpected event, and what its FAILED reason must say.
const malformed: [string, unknown, RegExp][] = [
  ['no event at all', undefined, /The event is empty/],
  ['no ResourceProperties', { RequestType: 'Create' }, /ResourceProperties is missing: the resource needs ProductType and E164PhoneNumbers/],
  ['no ProductType', { RequestType: 'Create', ResourceProperties: { E164PhoneNumbers: [A] } }, /ProductType undefined is not one of BusinessCalling, VoiceConnector, SipMediaApplicationDialIn/],
  ['numbers as a string', { RequestType: 'Create', ResourceProperties: { ProductType: 'VoiceConnector', E164PhoneNumbers: A } }, /E164PhoneNumbers must be a non-empty list of E\.164 numbers \(strings\), got string/],
  ['numbers as numbers', { RequestType: 'Create', ResourceProperties: { ProductType: 'VoiceConnector', E164PhoneNumbers: [12065550100] } }, /got a list of 1 \(number\)/],
  ['an empty list', { RequestType: 'Create', ResourceProperties: { ProductType: 'VoiceConnector', E164PhoneNumbers: [] } }, /must be a non-empty list/],
  ['unknown RequestType', { RequestType: 'Replace', ResourceProperties: voiceProps([A]) }, /Unknown RequestType "Replace": expected Create, Update or Delete/],
  ['AllowPartial not a boolean', { RequestType: 'Create', ResourceProperties: voiceProps([A], { AllowPartial: 'yes' }) }, /AllowPartial must be true or false, got "yes"/],
  ['unknown Api', { RequestType: 'Create', ResourceProperties: voiceProps([A], { Api: 'chime-v3' }) }, /Api "chime-v3" is not one of chime, chime-sdk-voice/],
  ['Name not a string', { RequestType: 'Create', ResourceProperties: voiceProps([A], { Name: 7 }) }, /Name must be a string/],
  ['Name on the legacy API', { RequestType: 'Create', ResourceProperties: voiceProps([A], { Api: 'chime', Name: 'x' }) }, /order name is supported only by the chime-sdk-voice API/],
  ['Update to invalid numbers', { RequestType: 'Update', PhysicalResourceId: 'p', OldResourceProperties: voiceProps([A]), ResourceProperties: voiceProps(['+1206']) }, /Nothing was changed: \*\*\*1206 is not a valid phone number/],
  ['Update to BusinessCalling on Chime SDK Voice', { RequestType: 'Update', PhysicalResourceId: 'p', OldResourceProperties: voiceProps([A]), ResourceProperties: voiceProps([A], { ProductType: 'BusinessCalling' }) }, /BusinessCalling exists only in the legacy chime API/],
];

describe('malformed or unexpected events get a FAILED answer with a reason', () => {
  test('there are at least 10 of them', () => expect(malformed.length).toBeGreaterThanOrEqual(10));

  test.each(malformed)('%s', async (_what, event, reason) => {
    expect(await failureOf(() => onEvent(event as Event))).toMatch(reason);
    const ops = emulator.stats().byOperation;
    expect(WRITES.map(op => ops[op] ?? 0)).toEqual(WRITES.map(() => 0));
  });

  test('isComplete for an order ID that does not exist', async () => {
    const reason = await failureOf(() => isComplete({
      RequestType: 'Create', PhysicalResourceId: '11111111-2222-3333-4444-555555555555', ResourceProperties: voiceProps([A]),
      Data: { OrderId: '11111111-2222-3333-4444-555555555555' },
    }));
    // What counts is what the account holds: no number, so nothing was acquired.
    expect(reason).toMatch(/Order 11111111-2222-3333-4444-555555555555 acquired no number \(the order no longer exists in Chime; not acquired: \*\*\*0100\)/);
  });

  test('an order that vanished while the waiter polled', async () => {
    emulator.configure({ orderDelayMs: 60_000 });
    process.env.INLINE_WAIT_SECONDS = '0';
    try {
      const event = eventFor({ requestType: 'Create', props: voiceProps([A]) });
      const first = await onEvent(event);
      emulator.reset();
      const reason = await failureOf(() => isComplete({ ...event, ...first }));
      expect(reason).toMatch(new RegExp(`Order ${first.PhysicalResourceId} acquired no number \\(the order no longer exists in Chime; not acquired: \\*\\*\\*0100\\)`));
    } finally {
      delete process.env.INLINE_WAIT_SECONDS;
    }
  });

  test('an Update without OldResourceProperties converges on the new properties', async () => {
    const created = await sendEvent({ requestType: 'Create', props: voiceProps([A]) });
    const updated = await sendEvent({ requestType: 'Update', physicalId: created.physicalId, props: voiceProps([A]) });
    expect(updated.status).toBe('SUCCESS');
    expect(attributesOf(updated)).toEqual(attributesOf(created));
  });

  test('a Delete without properties succeeds and calls nothing', async () => {
    expect(await onEvent({ RequestType: 'Delete', PhysicalResourceId: 'p' })).toEqual({ PhysicalResourceId: 'p' });
    expect(emulator.stats().requests).toBe(0);
  });
});
