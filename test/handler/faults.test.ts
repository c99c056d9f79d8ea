import { sendEvent, statusOf, useEmulator, voiceProps } from '../support/provider-harness';

const A = '+12065550100';
const B = '+12065550101';

const emulator = useEmulator();

describe('faults', () => {
  test('a throttled answer is retried by the SDK and the event succeeds', async () => {
    emulator.injectOnce({ operation: 'GetPhoneNumberOrder', kind: 'throttle', count: 2 });
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A]) });
    expect(answer.status).toBe('SUCCESS');
    expect(emulator.stats().faultsInjected.throttle).toBe(2);
    // onEvent's brief wait reads the order (two throttled tries, then the answer); isComplete reads it once more.
    expect(emulator.stats().byOperation.GetPhoneNumberOrder).toBe(4);
  });

  test('a 5xx answer is retried and the event succeeds', async () => {
    emulator.injectOnce({ operation: 'GetPhoneNumber', kind: 'server-error' });
    emulator.injectOnce({ operation: 'BatchDeletePhoneNumber', kind: 'service-unavailable' });
    const created = await sendEvent({ requestType: 'Create', props: voiceProps([A]) });
    expect(created.status).toBe('SUCCESS');
    const deleted = await sendEvent({ requestType: 'Delete', props: voiceProps([A]), physicalId: created.physicalId });
    expect(deleted.status).toBe('SUCCESS');
    expect(statusOf(emulator, A)).toBe('DeleteInProgress');
    expect(emulator.stats().byOperation.BatchDeletePhoneNumber).toBe(2);
  });

  test('a throttled create is looked for, then sent again, and places one order', async () => {
    emulator.injectOnce({ operation: 'CreatePhoneNumberOrder', kind: 'throttle' });
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    expect(answer.status).toBe('SUCCESS');
    expect(emulator.stats().byOperation.CreatePhoneNumberOrder).toBe(2);
    expect(emulator.orders()).toHaveLength(1);
  });

  test('a create whose answer is lost after the order was placed adopts that order: exactly one order', async () => {
    emulator.injectOnce({ operation: 'CreatePhoneNumberOrder', kind: 'drop-after-act' });
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    expect(answer.status).toBe('SUCCESS');
    expect(emulator.stats().byOperation.CreatePhoneNumberOrder).toBe(1);
    expect(emulator.orders()).toHaveLength(1);
    expect(answer.physicalId).toBe(emulator.orders()[0].PhoneNumberOrderId);
  });

  test('a client fault fails at once with Chime\'s message', async () => {
    emulator.injectOnce({ operation: 'CreatePhoneNumberOrder', kind: 'access-denied' });
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A]) });
    expect(answer.status).toBe('FAILED');
    expect(answer.reason).toMatch(/^CreatePhoneNumberOrder failed: AccessDeniedException .*HTTP 403: \S+/);
    expect(emulator.stats().byOperation.CreatePhoneNumberOrder).toBe(1);
    expect(emulator.orders()).toEqual([]);
  });

  test('a bad request on a lookup is not retried', async () => {
    emulator.injectOnce({ operation: 'GetPhoneNumber', kind: 'bad-request' });
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A]) });
    expect(answer.status).toBe('FAILED');
    expect(answer.reason).toMatch(/GetPhoneNumber \*\*\*0100 failed: BadRequestException/);
    expect(emulator.stats().byOperation.GetPhoneNumber).toBe(1);
  });
});

test('when every create attempt loses its answer, the last one is still looked for and adopted', async () => {
  emulator.injectOnce({ operation: 'CreatePhoneNumberOrder', kind: 'drop-before-act', count: 11 });
  emulator.injectOnce({ operation: 'CreatePhoneNumberOrder', kind: 'drop-after-act' });
  const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
  expect(answer.status).toBe('SUCCESS');
  expect(emulator.stats().byOperation.CreatePhoneNumberOrder).toBe(12);
  expect(emulator.orders()).toHaveLength(1);
}, 60_000);

test('a create throttled on every one of its 12 tries fails naming the throttling, with nothing ordered', async () => {
  emulator.injectOnce({ operation: 'CreatePhoneNumberOrder', kind: 'throttle', count: 12 });
  const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A]) });
  expect(answer.status).toBe('FAILED');
  expect(answer.reason).toMatch(/^CreatePhoneNumberOrder failed: ThrottledClientException/);
  expect(emulator.stats().byOperation.CreatePhoneNumberOrder).toBe(12);
  expect(emulator.orders()).toHaveLength(0);
}, 60_000);
