// Scenarios the chaos suite found, replayed deterministically (one-shot faults, no randomness)
// through the Provider-framework harness of the handler tests, so that each stays fixed.
import { sendEvent, statusOf, useEmulator, voiceProps } from '../support/provider-harness';

const [A, B, U] = ['+12145550100', '+12145550101', '+12145550107'];
const emulator = useEmulator({ seed: 11 });
const held = (n: string) => statusOf(emulator, n);

beforeAll(() => { process.env.INLINE_WAIT_SECONDS = '0'; });
afterAll(() => { delete process.env.INLINE_WAIT_SECONDS; });

test('a Delete whose BatchDeletePhoneNumber answer is lost, retried by the SDK, succeeds', async () => {
  const created = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
  emulator.injectOnce({ operation: 'BatchDeletePhoneNumber', kind: 'drop-after-act' });
  const deleted = await sendEvent({ requestType: 'Delete', props: voiceProps([A, B]), physicalId: created.physicalId });
  expect(deleted).toMatchObject({ status: 'SUCCESS' });
  expect([held(A), held(B)]).toEqual(['DeleteInProgress', 'DeleteInProgress']);
});

test('an UPDATE_ROLLBACK whose RestorePhoneNumber answer is lost, retried by the SDK, succeeds', async () => {
  const created = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
  expect((await sendEvent({ requestType: 'Update', props: voiceProps([A]), oldProps: voiceProps([A, B]), physicalId: created.physicalId })).status).toBe('SUCCESS');
  emulator.injectOnce({ operation: 'RestorePhoneNumber', kind: 'drop-after-act' });
  const back = await sendEvent({ requestType: 'Update', props: voiceProps([A, B]), oldProps: voiceProps([A]), physicalId: created.physicalId });
  expect(back).toMatchObject({ status: 'SUCCESS', data: { PhoneNumbers: [A, B] } });
  expect(held(B)).toBe('Unassigned');
});

describe('an allowPartial resource with a number its order never got', () => {
  const partial = (numbers: string[]) => voiceProps(numbers, { AllowPartial: 'true' });
  let physicalId: string | undefined;

  beforeEach(async () => {
    emulator.setUnavailable([U]);
    const created = await sendEvent({ requestType: 'Create', props: partial([A, U]) });
    expect(created).toMatchObject({ status: 'SUCCESS', data: { PhoneNumbers: [A], FailedPhoneNumbers: [U] } });
    physicalId = created.physicalId;
  });

  test('a no-op update orders nothing', async () => {
    const updated = await sendEvent({ requestType: 'Update', props: partial([A, U]), oldProps: { ...partial([A, U]), Name: 'x' }, physicalId });
    expect(updated).toMatchObject({ status: 'SUCCESS', data: { PhoneNumbers: [A], FailedPhoneNumbers: [U] } });
    expect(emulator.orders().filter(o => !o.Unrelated)).toHaveLength(1);
  });

  test('dropping that number, then rolling the update back, leaves the stack as it was', async () => {
    expect((await sendEvent({ requestType: 'Update', props: partial([A]), oldProps: partial([A, U]), physicalId })).status).toBe('SUCCESS');
    const back = await sendEvent({ requestType: 'Update', props: partial([A, U]), oldProps: partial([A]), physicalId });
    expect(back).toMatchObject({ status: 'SUCCESS', data: { PhoneNumbers: [A], FailedPhoneNumbers: [U] } });
    expect(held(A)).toBe('Unassigned');
  });
});
