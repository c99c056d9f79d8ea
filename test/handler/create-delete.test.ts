import { sendEvent, statusOf, useEmulator, voiceProps } from '../support/provider-harness';

const A = '+12065550100';
const B = '+12065550101';
const C = '+12065550102';

const emulator = useEmulator();

describe('Create', () => {
  test('a Successful order answers its ID and the acquired numbers', async () => {
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([B, A]) });
    expect(answer.status).toBe('SUCCESS');
    const orders = emulator.orders();
    expect(orders).toHaveLength(1);
    expect(answer.physicalId).toBe(orders[0].PhoneNumberOrderId);
    expect(answer.data).toEqual({
      OrderId: orders[0].PhoneNumberOrderId, OrderStatus: 'Successful', PhoneNumbers: `${A},${B}`, PhoneNumberCount: '2', FailedPhoneNumbers: '',
    });
    expect([statusOf(emulator, A), statusOf(emulator, B)]).toEqual(['Unassigned', 'Unassigned']);
    expect(orders[0].ProductType).toBe('VoiceConnector');
    expect(orders[0].Api).toBe('chime-sdk-voice');
  });

  test('onEvent waits briefly itself, so a quick order is settled before the first isComplete', async () => {
    emulator.configure({ orderDelayMs: 300 });
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A]) }, { intervalMs: 100 });
    expect(answer.status).toBe('SUCCESS');
    expect(answer.isCompleteCalls).toBe(1);
    expect(answer.data.OrderStatus).toBe('Successful');
    expect(emulator.stats().byOperation.GetPhoneNumberOrder).toBeLessThanOrEqual(4);
  });

  test('past the inline wait, the isComplete waiter polls until the order is terminal', async () => {
    emulator.configure({ orderDelayMs: 300 });
    process.env.INLINE_WAIT_SECONDS = '0';
    try {
      const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A]) }, { intervalMs: 100 });
      expect(answer.status).toBe('SUCCESS');
      expect(answer.isCompleteCalls).toBeGreaterThan(1);
      expect(answer.data.OrderStatus).toBe('Successful');
    } finally {
      delete process.env.INLINE_WAIT_SECONDS;
    }
  });

  test('an order still processing near totalTimeout fails with the last status seen', async () => {
    emulator.configure({ orderDelayMs: 60_000 });
    Object.assign(process.env, { INLINE_WAIT_SECONDS: '0', TOTAL_TIMEOUT_SECONDS: '0.3', QUERY_INTERVAL_SECONDS: '0.05' });
    try {
      const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A]) }, { intervalMs: 50 });
      expect(answer.status).toBe('FAILED');
      expect(answer.reason).toMatch(/is still Processing after 0 minutes.*Last status seen: Processing.*Raise totalTimeout/);
    } finally {
      for (const k of ['INLINE_WAIT_SECONDS', 'TOTAL_TIMEOUT_SECONDS', 'QUERY_INTERVAL_SECONDS']) delete process.env[k];
    }
  });

  test('a Partial order without allowPartial fails naming the failed number and releases what it acquired', async () => {
    emulator.setUnavailable([B]);
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    expect(answer.status).toBe('FAILED');
    expect(answer.reason).toMatch(/only partly filled \(1 of 2 acquired: .*\*\*\*0101 Failed/);
    expect(answer.reason).toMatch(/set allowPartial/);
    expect(answer.reason).not.toContain(A);
    expect(statusOf(emulator, A)).toBe('DeleteInProgress');
    expect(statusOf(emulator, B)).toBeUndefined();
  });

  test('a Partial order with allowPartial succeeds and lists the failed numbers', async () => {
    emulator.setUnavailable([B]);
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A, B, C], { AllowPartial: 'true' }) });
    expect(answer.status).toBe('SUCCESS');
    expect(answer.data).toMatchObject({ OrderStatus: 'Partial', PhoneNumbers: `${A},${C}`, PhoneNumberCount: '2', FailedPhoneNumbers: B });
    expect(statusOf(emulator, A)).toBe('Unassigned');
  });

  test('a Failed order fails with the status and the per-number statuses', async () => {
    emulator.setUnavailable([A, B]);
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A, B], { AllowPartial: 'true' }) });
    expect(answer.status).toBe('FAILED');
    expect(answer.reason).toMatch(/ended Failed \(\*\*\*0100 Failed, \*\*\*0101 Failed\)/);
    expect(emulator.phoneNumbers()).toEqual([]);
  });

  test('the legacy chime API orders BusinessCalling numbers', async () => {
    const answer = await sendEvent({ requestType: 'Create', props: { ProductType: 'BusinessCalling', E164PhoneNumbers: [A], Api: 'chime' } });
    expect(answer.status).toBe('SUCCESS');
    expect(emulator.orders()[0]).toMatchObject({ Api: 'chime', ProductType: 'BusinessCalling' });
  });

  test('numbers the account already holds are refused before anything is ordered', async () => {
    await sendEvent({ requestType: 'Create', props: voiceProps([A]) });
    emulator.orders(); // the first order is A's
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A, C]) });
    expect(answer.status).toBe('FAILED');
    expect(answer.reason).toMatch(/already holds \*\*\*0100 \(Unassigned\)/);
    expect(emulator.orders()).toHaveLength(1);
  });

  test('the handler repeats the synth checks and calls nothing for bad properties', async () => {
    const answer = await sendEvent({ requestType: 'Create', props: { ProductType: 'BusinessCalling', E164PhoneNumbers: ['+18005550100'], Api: 'chime' } });
    expect(answer.status).toBe('FAILED');
    expect(answer.reason).toMatch(/\*\*\*0100 is toll-free, and toll-free numbers cannot use BusinessCalling/);
    expect(emulator.stats().requests).toBe(0);
  });
});

describe('Delete', () => {
  test('releases the owned numbers, skips ones never acquired, and is idempotent', async () => {
    const created = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    const props = voiceProps([A, B, C]);
    const first = await sendEvent({ requestType: 'Delete', props, physicalId: created.physicalId });
    expect(first.status).toBe('SUCCESS');
    expect([statusOf(emulator, A), statusOf(emulator, B), statusOf(emulator, C)]).toEqual(['DeleteInProgress', 'DeleteInProgress', undefined]);
    const batchCalls = emulator.stats().byOperation.BatchDeletePhoneNumber;
    const again = await sendEvent({ requestType: 'Delete', props, physicalId: created.physicalId });
    expect(again.status).toBe('SUCCESS');
    expect(emulator.stats().byOperation.BatchDeletePhoneNumber).toBe(batchCalls);
  });

  test('a number still associated fails the delete, naming it and the association, and nothing is released', async () => {
    const created = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    emulator.associate(B, 'VoiceConnectorId', 'abcdef1ghij2klmno3pqr4');
    const answer = await sendEvent({ requestType: 'Delete', props: voiceProps([A, B]), physicalId: created.physicalId });
    expect(answer.status).toBe('FAILED');
    expect(answer.reason).toMatch(/Cannot release \*\*\*0101 \(VoiceConnectorId abcdef1ghij2klmno3pqr4\): still associated/);
    expect(statusOf(emulator, A)).toBe('Unassigned');
  });

  test('bad properties on Delete release what can be read and never block the stack', async () => {
    const answer = await sendEvent({ requestType: 'Delete', props: { E164PhoneNumbers: 'not a list' }, physicalId: 'x' });
    expect(answer.status).toBe('SUCCESS');
  });
});

describe('Create after a failed attempt', () => {
  test('a retry after a refused partial order restores what the rollback released and orders the rest', async () => {
    emulator.setUnavailable([B]);
    const first = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    expect(first.status).toBe('FAILED');
    expect(statusOf(emulator, A)).toBe('DeleteInProgress');
    emulator.setUnavailable([]);
    const retry = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    expect(retry.status).toBe('SUCCESS');
    expect([statusOf(emulator, A), statusOf(emulator, B)]).toEqual(['Unassigned', 'Unassigned']);
    const orders = emulator.orders();
    expect(orders).toHaveLength(2);
    expect(orders[1].OrderedPhoneNumbers.map(n => n.E164PhoneNumber)).toEqual([B]);
    expect(retry.data).toMatchObject({ OrderId: orders[1].PhoneNumberOrderId, PhoneNumbers: `${A},${B}`, PhoneNumberCount: '2', FailedPhoneNumbers: '' });
    expect(emulator.stats().byOperation.RestorePhoneNumber).toBe(1);
  });

  test('numbers all in the deletion queue are restored without a new order', async () => {
    const created = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    await sendEvent({ requestType: 'Delete', props: voiceProps([A, B]), physicalId: created.physicalId });
    const again = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    expect(again.status).toBe('SUCCESS');
    expect(emulator.orders()).toHaveLength(1);
    expect(again.physicalId).toBe(created.physicalId);
    expect(again.data).toEqual(created.data);
  });
});

describe('Delete while the order is still processing', () => {
  test('waits for the order to end, then releases what it acquired (a rollback after a create timed out)', async () => {
    emulator.configure({ orderDelayMs: 400 });
    process.env.INLINE_WAIT_SECONDS = '0';
    try {
      const { onEvent } = await import('../../lambda');
      const placed = await onEvent({ RequestType: 'Create', ResourceProperties: voiceProps([A, B]) });
      expect(statusOf(emulator, A)).toBe('AcquireInProgress');
      const deleted = await sendEvent({ requestType: 'Delete', props: voiceProps([A, B]), physicalId: placed.PhysicalResourceId }, { intervalMs: 100 });
      expect(deleted.status).toBe('SUCCESS');
      expect(deleted.isCompleteCalls).toBeGreaterThan(1);
      expect([statusOf(emulator, A), statusOf(emulator, B)]).toEqual(['DeleteInProgress', 'DeleteInProgress']);
      expect(emulator.stats().byOperation.BatchDeletePhoneNumber).toBe(1);
    } finally {
      delete process.env.INLINE_WAIT_SECONDS;
    }
  });
});
