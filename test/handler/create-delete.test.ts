import { onEvent } from '../../lambda';
import { CREATE_FAILED, attributesOf, eventFor, sendEvent, statusOf, useEmulator, voiceProps } from '../support/provider-harness';

const A = '+12065550100';
const B = '+12065550101';
const C = '+12065550102';

const emulator = useEmulator();
const nameOf = (n: string) => emulator.phoneNumbers().find(p => p.E164PhoneNumber === n)?.Name;

describe('Create', () => {
  test('a Successful order answers its ID and the acquired numbers, which carry the resource mark', async () => {
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([B, A], { Name: 'support line' }) });
    expect(answer.status).toBe('SUCCESS');
    const orders = emulator.orders();
    expect(orders).toHaveLength(1);
    expect(answer.physicalId).toBe(orders[0].PhoneNumberOrderId);
    expect(attributesOf(answer)).toEqual({
      OrderId: orders[0].PhoneNumberOrderId, OrderStatus: 'Successful', PhoneNumbers: [A, B], PhoneNumberCount: '2', FailedPhoneNumbers: [],
    });
    expect([statusOf(emulator, A), statusOf(emulator, B)]).toEqual(['Unassigned', 'Unassigned']);
    expect(nameOf(A)).toMatch(/^support line pno\.[0-9a-f]{16}\.o[0-9a-f]{8}$/);
    expect(orders[0]).toMatchObject({ ProductType: 'VoiceConnector', Api: 'chime-sdk-voice' });
  });

  test('onEvent waits briefly itself, so a quick order is judged by the first isComplete', async () => {
    emulator.configure({ orderDelayMs: 300 });
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A]) }, { intervalMs: 100 });
    expect(answer.status).toBe('SUCCESS');
    expect(answer.isCompleteCalls).toBe(1);
    expect(answer.data.OrderStatus).toBe('Successful');
    expect(emulator.stats().byOperation.GetPhoneNumberOrder).toBeLessThanOrEqual(5);
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

  test('an order still processing near totalTimeout fails with its last status; the timeout counts from the waiter start', async () => {
    emulator.configure({ orderDelayMs: 60_000 });
    emulator.scriptOrder({ processingStatus: 'PendingDocuments' });
    Object.assign(process.env, { INLINE_WAIT_SECONDS: '0', TOTAL_TIMEOUT_SECONDS: '0.6', QUERY_INTERVAL_SECONDS: '0.05' });
    try {
      const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A]) }, { intervalMs: 50 });
      expect(answer.status).toBe('FAILED');
      expect(answer.physicalId).toBe(emulator.orders()[0].PhoneNumberOrderId);
      expect(answer.reason).toMatch(/Order [0-9a-f-]{36} is still processing \(PendingDocuments: \*\*\*0100 Processing\).*Raise totalTimeout/);
      // several polls happened before giving up: the clock started with the waiter, not with the order
      expect(answer.isCompleteCalls).toBeGreaterThan(3);
    } finally {
      for (const k of ['INLINE_WAIT_SECONDS', 'TOTAL_TIMEOUT_SECONDS', 'QUERY_INTERVAL_SECONDS']) delete process.env[k];
    }
  });

  test('a Partial order without allowPartial fails naming the failed number and releases what it acquired', async () => {
    emulator.setUnavailable([B]);
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    expect(answer.status).toBe('FAILED');
    expect(answer.physicalId).toBe(emulator.orders()[0].PhoneNumberOrderId);
    expect(answer.reason).toMatch(/only partly filled \(1 of 2 acquired; Partial: \*\*\*0100 Acquired, \*\*\*0101 Failed; not acquired: \*\*\*0101\)/);
    expect(answer.reason).toMatch(/set allowPartial/);
    expect(answer.reason).not.toContain(A);
    expect(statusOf(emulator, A)).toBe('DeleteInProgress');
    expect(statusOf(emulator, B)).toBe('AcquireFailed');
  });

  test('a Partial order with allowPartial succeeds and lists the failed numbers', async () => {
    emulator.setUnavailable([B]);
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A, B, C], { AllowPartial: 'true' }) });
    expect(answer.status).toBe('SUCCESS');
    expect(attributesOf(answer)).toMatchObject({ OrderStatus: 'Partial', PhoneNumbers: [A, C], PhoneNumberCount: '2', FailedPhoneNumbers: [B] });
    expect(statusOf(emulator, A)).toBe('Unassigned');
  });

  test.each(['Failed', 'Exception', 'Cancelled'] as const)('an order ending %s fails with the status and per-number statuses, even with allowPartial', async end => {
    emulator.scriptOrder({ end });
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A, B], { AllowPartial: 'true' }) });
    expect(answer.status).toBe('FAILED');
    expect(answer.reason).toContain(`acquired no number (${end}: ***0100 Failed, ***0101 Failed; not acquired: ***0100, ***0101)`);
    expect(emulator.phoneNumbers().filter(n => ['Unassigned', 'Assigned'].includes(n.Status))).toEqual([]);
  });

  test('the legacy chime API orders BusinessCalling numbers', async () => {
    const answer = await sendEvent({ requestType: 'Create', props: { ProductType: 'BusinessCalling', E164PhoneNumbers: [A], Api: 'chime' } });
    expect(answer.status).toBe('SUCCESS');
    expect(emulator.orders()[0]).toMatchObject({ Api: 'chime', ProductType: 'BusinessCalling' });
    expect(attributesOf(answer)).toMatchObject({ PhoneNumbers: [A], OrderId: emulator.orders()[0].PhoneNumberOrderId });
  });

  test("another resource's numbers are refused before anything is ordered, naming the number and the holder", async () => {
    await sendEvent({ requestType: 'Create', props: voiceProps([A]), logicalId: 'Other' });
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A, C]) });
    expect(answer.status).toBe('FAILED');
    expect(answer.physicalId).toBe(CREATE_FAILED);
    expect(answer.reason).toMatch(/\*\*\*0100 \(Unassigned\) belongs to another PhoneNumberOrder resource \(its Name carries pno\.[0-9a-f]{16}\.o[0-9a-f]{8}\)/);
    expect(emulator.orders()).toHaveLength(1);
  });

  test('a number the account holds unmarked is refused unless adoption is asked for; adoption marks it and orders the rest', async () => {
    emulator.putNumber({ number: A, name: 'bought in console' });
    const refused = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    expect(refused.status).toBe('FAILED');
    expect(refused.reason).toMatch(/\*\*\*0100 is already in the account \(Unassigned\) but was not ordered by this resource; .*adoptExistingNumbers: true/);
    expect(emulator.orders()).toHaveLength(0);

    const adopted = await sendEvent({ requestType: 'Create', props: voiceProps([A, B], { AdoptExistingNumbers: 'true' }) });
    expect(adopted.status).toBe('SUCCESS');
    expect(nameOf(A)).toMatch(/^bought in console pno\.[0-9a-f]{16}\.a[0-9a-f]{8}$/);
    expect(emulator.orders().map(o => o.OrderedPhoneNumbers.map(n => n.E164PhoneNumber))).toEqual([[B]]);
    expect(attributesOf(adopted)).toMatchObject({ PhoneNumbers: [A, B], OrderId: emulator.orders()[0].PhoneNumberOrderId });
  });

  test('numbers being ported in are refused, even with adoption', async () => {
    emulator.putNumber({ number: A, status: 'PortinInProgress' });
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A], { AdoptExistingNumbers: 'true' }) });
    expect(answer.status).toBe('FAILED');
    expect(answer.reason).toMatch(/\*\*\*0100 is being ported in \(PortinInProgress\)/);
  });

  test('the handler repeats the synth checks for numbers it would order, and calls nothing to change the account', async () => {
    const answer = await sendEvent({ requestType: 'Create', props: { ProductType: 'BusinessCalling', E164PhoneNumbers: ['+18005550100'], Api: 'chime' } });
    expect(answer.status).toBe('FAILED');
    expect(answer.reason).toMatch(/\*\*\*0100 is toll-free, and toll-free numbers cannot use BusinessCalling/);
    expect(emulator.orders()).toEqual([]);
  });
});

describe('Create failing after a side effect answers with a real physical ID and undoes what it did', () => {
  test('numbers restored from the deletion queue, then a refused order: the restored numbers are released again', async () => {
    const created = await sendEvent({ requestType: 'Create', props: voiceProps([A]) });
    await sendEvent({ requestType: 'Delete', props: voiceProps([A]), physicalId: created.physicalId });
    expect(statusOf(emulator, A)).toBe('DeleteInProgress');
    emulator.injectOnce({ operation: 'CreatePhoneNumberOrder', kind: 'resource-limit-exceeded' });
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    expect(answer.status).toBe('FAILED');
    expect(answer.physicalId).not.toBe(CREATE_FAILED);
    expect(answer.reason).toMatch(/CreatePhoneNumberOrder failed: ResourceLimitExceededException/);
    expect(statusOf(emulator, A)).toBe('DeleteInProgress');
    expect(emulator.stats().byOperation.RestorePhoneNumber).toBe(1);
  });

  test('a refused partial order whose release fails once: the next poll releases it, then the event fails', async () => {
    emulator.setUnavailable([B]);
    emulator.failReleases({ numbers: [A], code: 'ServiceFailure' });
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    expect(answer.status).toBe('FAILED');
    expect(answer.reason).toMatch(/only partly filled/);
    expect(answer.isCompleteCalls).toBe(2);
    expect(statusOf(emulator, A)).toBe('DeleteInProgress');
  });

  test('adopted numbers are given back, not released, when the create fails', async () => {
    emulator.putNumber({ number: A, name: 'mine' });
    emulator.setUnavailable([B]);
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A, B], { AdoptExistingNumbers: 'true' }) });
    expect(answer.status).toBe('FAILED');
    expect(statusOf(emulator, A)).toBe('Unassigned');
    expect(nameOf(A)).toMatch(/^mine pno\.[0-9a-f]{16}\.u[0-9a-f]{8}$/);
    // let go: another resource may adopt it now
    const other = await sendEvent({ requestType: 'Create', props: voiceProps([A], { AdoptExistingNumbers: 'true' }), logicalId: 'Other' });
    expect(other.status).toBe('SUCCESS');
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

  test('never releases a number this resource does not own, even when it is listed', async () => {
    await sendEvent({ requestType: 'Create', props: voiceProps([B]), logicalId: 'Other' });
    emulator.putNumber({ number: C });
    const created = await sendEvent({ requestType: 'Create', props: voiceProps([A]) });
    const deleted = await sendEvent({ requestType: 'Delete', props: voiceProps([A, B, C]), physicalId: created.physicalId });
    expect(deleted.status).toBe('SUCCESS');
    expect([statusOf(emulator, A), statusOf(emulator, B), statusOf(emulator, C)]).toEqual(['DeleteInProgress', 'Unassigned', 'Unassigned']);
  });

  test('a number still associated fails the delete, naming it and the association, and nothing is released', async () => {
    const created = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    emulator.associate(B, 'VoiceConnectorId', 'abcdef1ghij2klmno3pqr4');
    const answer = await sendEvent({ requestType: 'Delete', props: voiceProps([A, B]), physicalId: created.physicalId });
    expect(answer.status).toBe('FAILED');
    expect(answer.reason).toMatch(/Cannot release \*\*\*0101 \(VoiceConnectorId abcdef1ghij2klmno3pqr4\): still associated/);
    expect(statusOf(emulator, A)).toBe('Unassigned');
  });

  test('a release that fails for now is tried again by the waiter', async () => {
    const created = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    emulator.failReleases({ numbers: [B], code: 'ServiceUnavailable' });
    const answer = await sendEvent({ requestType: 'Delete', props: voiceProps([A, B]), physicalId: created.physicalId });
    expect(answer.status).toBe('SUCCESS');
    expect(answer.isCompleteCalls).toBe(1);
    expect([statusOf(emulator, A), statusOf(emulator, B)]).toEqual(['DeleteInProgress', 'DeleteInProgress']);
  });

  test('a ReleaseFailed number the resource owns is released again', async () => {
    const created = await sendEvent({ requestType: 'Create', props: voiceProps([A]) });
    emulator.putNumber({ number: A, status: 'ReleaseFailed', name: String(emulator.phoneNumbers()[0].Name) });
    const answer = await sendEvent({ requestType: 'Delete', props: voiceProps([A]), physicalId: created.physicalId });
    expect(answer.status).toBe('SUCCESS');
    expect(statusOf(emulator, A)).toBe('DeleteInProgress');
  });

  test('bad properties on Delete release what can be read and never block the stack', async () => {
    const answer = await sendEvent({ requestType: 'Delete', props: { E164PhoneNumbers: 'not a list' }, physicalId: 'x' });
    expect(answer.status).toBe('SUCCESS');
  });
});

describe('Create after a failed attempt', () => {
  test('a retry after a refused partial order restores what was released and orders the rest', async () => {
    emulator.setUnavailable([B]);
    const first = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    expect(first.status).toBe('FAILED');
    expect([statusOf(emulator, A), statusOf(emulator, B)]).toEqual(['DeleteInProgress', 'AcquireFailed']);
    emulator.setUnavailable([]);
    const retry = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    expect(retry.status).toBe('SUCCESS');
    expect([statusOf(emulator, A), statusOf(emulator, B)]).toEqual(['Unassigned', 'Unassigned']);
    const orders = emulator.orders();
    expect(orders).toHaveLength(2);
    expect(orders[1].OrderedPhoneNumbers.map(n => n.E164PhoneNumber)).toEqual([B]);
    expect(attributesOf(retry)).toMatchObject({ OrderId: orders[1].PhoneNumberOrderId, PhoneNumbers: [A, B], PhoneNumberCount: '2', FailedPhoneNumbers: [] });
    expect(emulator.stats().byOperation.RestorePhoneNumber).toBe(1);
  });

  test('numbers all in the deletion queue are restored without a new order', async () => {
    const created = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    await sendEvent({ requestType: 'Delete', props: voiceProps([A, B]), physicalId: created.physicalId });
    const again = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    expect(again.status).toBe('SUCCESS');
    expect(emulator.orders()).toHaveLength(1);
    expect(attributesOf(again)).toEqual(attributesOf(created));
  });

  test("another resource's released numbers are not restored", async () => {
    const other = await sendEvent({ requestType: 'Create', props: voiceProps([A]), logicalId: 'Other' });
    await sendEvent({ requestType: 'Delete', props: voiceProps([A]), physicalId: other.physicalId, logicalId: 'Other' });
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A]) });
    expect(answer.status).toBe('FAILED');
    expect(answer.reason).toMatch(/belongs to another PhoneNumberOrder resource/);
    expect(statusOf(emulator, A)).toBe('DeleteInProgress');
  });
});

describe('a repeated delivery after its event ended', () => {
  test('a Create delivered again after the rollback deleted the resource restores nothing and orders nothing', async () => {
    const requestId = 'create-request';
    const created = await sendEvent({ requestType: 'Create', requestId, props: voiceProps([A, B]) });
    expect(created.status).toBe('SUCCESS');
    const deleted = await sendEvent({ requestType: 'Delete', physicalId: created.physicalId, props: voiceProps([A, B]) });
    expect(deleted.status).toBe('SUCCESS');
    const late = await sendEvent({ requestType: 'Create', requestId, props: voiceProps([A, B]) });
    expect(late.status).toBe('FAILED');
    expect(late.reason).toMatch(/Nothing was changed: \*\*\*0100, \*\*\*0101 were ordered by this very request and released since: this is a repeated delivery of an event that has already ended/);
    expect([statusOf(emulator, A), statusOf(emulator, B)]).toEqual(['DeleteInProgress', 'DeleteInProgress']);
    expect(emulator.orders()).toHaveLength(1);
    expect(emulator.stats().byOperation.RestorePhoneNumber).toBeUndefined();
  });

  test('a new request (a deploy after the rollback) still takes its resource\'s released numbers back', async () => {
    const created = await sendEvent({ requestType: 'Create', props: voiceProps([A]) });
    await sendEvent({ requestType: 'Delete', physicalId: created.physicalId, props: voiceProps([A]) });
    const retried = await sendEvent({ requestType: 'Create', props: voiceProps([A]) });
    expect(retried.status).toBe('SUCCESS');
    expect(statusOf(emulator, A)).toBe('Unassigned');
    expect(emulator.orders()).toHaveLength(1);
  });
});

describe('Create of a stack deployed again under the same name', () => {
  const recreated = 'arn:aws:cloudformation:us-east-1:123456789012:stack/Test/11111111-1111-1111-1111-111111111111';
  const elsewhere = 'arn:aws:cloudformation:us-east-1:123456789012:stack/Other/11111111-1111-1111-1111-111111111111';

  test('the numbers its retained resource kept are its own again: taken back without an order; another stack is refused them', async () => {
    const first = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
    expect(first.status).toBe('SUCCESS');
    // The stack is deleted with the default retaining policy: no Delete reaches the handler, the numbers stay.
    const other = await sendEvent({ requestType: 'Create', stackId: elsewhere, props: voiceProps([A]) });
    expect(other.status).toBe('FAILED');
    expect(other.reason).toMatch(/\*\*\*0100/);
    const again = await sendEvent({ requestType: 'Create', stackId: recreated, props: voiceProps([A, B]) });
    expect(again.status).toBe('SUCCESS');
    expect(emulator.orders()).toHaveLength(1);
    expect(attributesOf(again)).toMatchObject({ PhoneNumbers: [A, B], PhoneNumberCount: '2' });
    expect([statusOf(emulator, A), statusOf(emulator, B)]).toEqual(['Unassigned', 'Unassigned']);
  });
});

describe('Delete while the order is still processing', () => {
  test('waits for the order to end, then releases what it acquired (a rollback after a create timed out)', async () => {
    emulator.configure({ orderDelayMs: 400 });
    process.env.INLINE_WAIT_SECONDS = '0';
    try {
      const placed = await onEvent(eventFor({ requestType: 'Create', props: voiceProps([A, B]) }));
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
