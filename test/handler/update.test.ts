import { isComplete, onEvent } from '../../lambda';
import { identityOf, markOf, nameWith } from '../../lambda/ownership';
import { STACK_ID, attributesOf, eventFor, sendEvent, statusOf, useEmulator, voiceProps } from '../support/provider-harness';

const [A, B, C, D] = ['+12065550100', '+12065550101', '+12065550102', '+12065550103'];

const emulator = useEmulator();

async function deployed(numbers: string[], extra: Record<string, unknown> = {}, logicalId?: string) {
  const created = await sendEvent({ requestType: 'Create', props: voiceProps(numbers, extra), logicalId });
  expect(created.status).toBe('SUCCESS');
  return created;
}

async function updateTo(physicalId: string | undefined, from: Record<string, unknown>, to: Record<string, unknown>, requestId?: string) {
  return sendEvent({ requestType: 'Update', physicalId, props: to, oldProps: from, requestId });
}

const ops = () => emulator.stats().byOperation;
const nameOf = (n: string) => emulator.phoneNumbers().find(p => p.E164PhoneNumber === n)?.Name;

test('keeping the numbers and product type orders and releases nothing, same ID and attributes', async () => {
  const created = await deployed([A, B]);
  const updated = await updateTo(created.physicalId, voiceProps([A, B]), voiceProps([B, A], { AllowPartial: 'true' }));
  expect(updated.status).toBe('SUCCESS');
  expect(updated.physicalId).toBe(created.physicalId);
  expect(attributesOf(updated)).toEqual(attributesOf(created));
  expect(ops().CreatePhoneNumberOrder).toBe(1);
  expect(ops().BatchDeletePhoneNumber ?? 0).toBe(0);
  expect(ops().UpdatePhoneNumber ?? 0).toBe(0);
});

test('a name change is applied to the owned numbers, keeping the mark', async () => {
  const created = await deployed([A, B]);
  const mark = nameOf(A)!;
  const updated = await updateTo(created.physicalId, voiceProps([A, B]), voiceProps([A, B], { Name: 'front desk' }));
  expect(updated.status).toBe('SUCCESS');
  expect([nameOf(A), nameOf(B)]).toEqual([`front desk ${mark}`, `front desk ${nameOf(B)!.split(' ').pop()}`]);
  expect(ops().UpdatePhoneNumber).toBe(2);
});

test('added numbers get one new order for those numbers only; OrderId names it', async () => {
  const created = await deployed([A, B]);
  const updated = await updateTo(created.physicalId, voiceProps([A, B]), voiceProps([A, B, C, D]));
  expect(updated.status).toBe('SUCCESS');
  const orders = emulator.orders();
  expect(orders).toHaveLength(2);
  expect(orders[1].OrderedPhoneNumbers.map(n => n.E164PhoneNumber).sort()).toEqual([C, D]);
  expect(updated.physicalId).toBe(created.physicalId);
  expect(attributesOf(updated)).toEqual({
    OrderId: orders[1].PhoneNumberOrderId, OrderStatus: 'Successful', PhoneNumbers: [A, B, C, D], PhoneNumberCount: '4', FailedPhoneNumbers: [],
  });
});

test("adding another resource's number is refused, naming it, and nothing is ordered or taken", async () => {
  await deployed([B], {}, 'Other');
  const created = await deployed([A]);
  const updated = await updateTo(created.physicalId, voiceProps([A]), voiceProps([A, B]));
  expect(updated.status).toBe('FAILED');
  expect(updated.reason).toMatch(/Nothing was changed: \*\*\*0101 \(Unassigned\) belongs to another PhoneNumberOrder resource/);
  expect(emulator.orders()).toHaveLength(2);
  // the rollback (old properties) does not touch it either
  const rolledBack = await updateTo(created.physicalId, voiceProps([A, B]), voiceProps([A]));
  expect(rolledBack.status).toBe('SUCCESS');
  expect(statusOf(emulator, B)).toBe('Unassigned');
});

test('adding a number the account holds unowned needs adoption; removing an adopted number gives it back, unreleased', async () => {
  const created = await deployed([A]);
  emulator.putNumber({ number: B, name: 'lobby' });
  expect((await updateTo(created.physicalId, voiceProps([A]), voiceProps([A, B]))).status).toBe('FAILED');
  const adopted = await updateTo(created.physicalId, voiceProps([A]), voiceProps([A, B], { AdoptExistingNumbers: 'true' }));
  expect(adopted.status).toBe('SUCCESS');
  expect(attributesOf(adopted)).toMatchObject({ PhoneNumbers: [A, B], OrderId: created.physicalId });
  expect(nameOf(B)).toMatch(/^lobby pno\.[0-9a-f]{16}\.a/);
  const removed = await updateTo(created.physicalId, voiceProps([A, B], { AdoptExistingNumbers: 'true' }), voiceProps([A]));
  expect(removed.status).toBe('SUCCESS');
  expect(statusOf(emulator, B)).toBe('Unassigned');
  expect(nameOf(B)).toMatch(/^lobby pno\.[0-9a-f]{16}\.u/);
  // the rollback of that removal takes it back, without needing the flag again
  const back = await updateTo(created.physicalId, voiceProps([A]), voiceProps([A, B]));
  expect(back.status).toBe('SUCCESS');
  expect(nameOf(B)).toMatch(/^lobby pno\.[0-9a-f]{16}\.a/);
});

test('removed numbers are released; the rest stay, and OrderId stays the order behind them', async () => {
  const created = await deployed([A, B, C]);
  const updated = await updateTo(created.physicalId, voiceProps([A, B, C]), voiceProps([A, B]));
  expect(updated.status).toBe('SUCCESS');
  expect([statusOf(emulator, A), statusOf(emulator, B), statusOf(emulator, C)]).toEqual(['Unassigned', 'Unassigned', 'DeleteInProgress']);
  expect(attributesOf(updated)).toMatchObject({ OrderId: created.physicalId, PhoneNumbers: [A, B], PhoneNumberCount: '2' });
  expect(emulator.orders()).toHaveLength(1);
});

test('add and remove: the removal waits until the new order succeeded', async () => {
  const created = await deployed([A, B]);
  emulator.configure({ orderDelayMs: 200 });
  process.env.INLINE_WAIT_SECONDS = '0';
  try {
    const event = eventFor({ requestType: 'Update', physicalId: created.physicalId, props: voiceProps([A, C]), oldProps: voiceProps([A, B]) });
    const first = await onEvent(event);
    expect(statusOf(emulator, B)).toBe('Unassigned');
    expect(await isComplete({ ...event, ...first })).toEqual({ IsComplete: false });
    expect(statusOf(emulator, B)).toBe('Unassigned');
    await new Promise(r => setTimeout(r, 250));
    const done = await isComplete({ ...event, ...first });
    expect(done.IsComplete).toBe(true);
    expect(statusOf(emulator, B)).toBe('DeleteInProgress');
    expect(done.Data).toMatchObject({ PhoneNumbers: [A, C], OrderId: emulator.orders()[1].PhoneNumberOrderId });
  } finally {
    delete process.env.INLINE_WAIT_SECONDS;
  }
});

test('the rollback of an add whose order is still processing waits for the order, then releases what it acquired', async () => {
  const created = await deployed([A]);
  emulator.configure({ orderDelayMs: 400 });
  process.env.INLINE_WAIT_SECONDS = '0';
  try {
    // the forward update placed its order and then failed (its waiter timed out, or a later resource failed)
    await onEvent(eventFor({ requestType: 'Update', physicalId: created.physicalId, props: voiceProps([A, B]), oldProps: voiceProps([A]) }));
    expect(statusOf(emulator, B)).toBe('AcquireInProgress');
    const rolledBack = await sendEvent({ requestType: 'Update', physicalId: created.physicalId, props: voiceProps([A]), oldProps: voiceProps([A, B]) }, { intervalMs: 100 });
    expect(rolledBack.status).toBe('SUCCESS');
    expect(rolledBack.isCompleteCalls).toBeGreaterThan(1);
    expect([statusOf(emulator, A), statusOf(emulator, B)]).toEqual(['Unassigned', 'DeleteInProgress']);
    expect(attributesOf(rolledBack)).toMatchObject({ PhoneNumbers: [A], OrderId: created.physicalId });
  } finally {
    delete process.env.INLINE_WAIT_SECONDS;
  }
});

test('a product type change moves the owned numbers with UpdatePhoneNumber, ordering nothing', async () => {
  const created = await deployed([A, B]);
  const updated = await updateTo(created.physicalId, voiceProps([A, B]), voiceProps([A, B], { ProductType: 'SipMediaApplicationDialIn' }));
  expect(updated.status).toBe('SUCCESS');
  expect(emulator.phoneNumbers().map(n => n.ProductType)).toEqual(['SipMediaApplicationDialIn', 'SipMediaApplicationDialIn']);
  expect(ops().UpdatePhoneNumber).toBe(2);
  expect(ops().CreatePhoneNumberOrder).toBe(1);
});

test("a product type change the API rejects fails with the service's message", async () => {
  const created = await deployed([A]);
  emulator.associate(A, 'VoiceConnectorId', 'vc1');
  const updated = await updateTo(created.physicalId, voiceProps([A]), voiceProps([A], { ProductType: 'SipMediaApplicationDialIn' }));
  expect(updated.status).toBe('FAILED');
  expect(updated.reason).toMatch(/^UpdatePhoneNumber \*\*\*0100 to SipMediaApplicationDialIn failed: BadRequestException .*HTTP 400: .+/);
  expect(emulator.phoneNumbers()[0].ProductType).toBe('VoiceConnector');
});

test('an API change orders and releases nothing; later calls use the new API', async () => {
  const created = await deployed([A, B]);
  const before = emulator.stats().requests;
  const updated = await updateTo(created.physicalId, voiceProps([A, B]), voiceProps([A, B], { Api: 'chime' }));
  expect(updated.status).toBe('SUCCESS');
  expect(attributesOf(updated)).toEqual(attributesOf(created));
  expect(ops().CreatePhoneNumberOrder).toBe(1);
  expect(ops().BatchDeletePhoneNumber ?? 0).toBe(0);
  expect(emulator.stats().requests).toBeGreaterThan(before);
  const deleted = await sendEvent({ requestType: 'Delete', physicalId: created.physicalId, props: voiceProps([A, B], { Api: 'chime' }) });
  expect(deleted.status).toBe('SUCCESS');
  expect(emulator.phoneNumbers().map(n => n.Status)).toEqual(['DeleteInProgress', 'DeleteInProgress']);
});

test('moving from the legacy API to Chime SDK Voice marks the numbers the resource listed as its own', async () => {
  const legacy = { Api: 'chime' };
  const created = await deployed([A, B], legacy);
  expect(nameOf(A)).toBeUndefined();
  const moved = await updateTo(created.physicalId, voiceProps([A, B], legacy), voiceProps([A]));
  expect(moved.status).toBe('SUCCESS');
  expect(nameOf(A)).toMatch(/^pno\./);
  expect(statusOf(emulator, B)).toBe('DeleteInProgress');
  expect(attributesOf(moved)).toMatchObject({ PhoneNumbers: [A] });
});

test('UPDATE_ROLLBACK of a removal restores the released numbers with RestorePhoneNumber', async () => {
  const created = await deployed([A, B, C]);
  const original = voiceProps([A, B, C]);
  const changed = voiceProps([A]);
  expect((await updateTo(created.physicalId, original, changed)).status).toBe('SUCCESS');
  expect(statusOf(emulator, B)).toBe('DeleteInProgress');
  const rolledBack = await updateTo(created.physicalId, changed, original);
  expect(rolledBack.status).toBe('SUCCESS');
  expect([statusOf(emulator, A), statusOf(emulator, B), statusOf(emulator, C)]).toEqual(['Unassigned', 'Unassigned', 'Unassigned']);
  expect(ops().RestorePhoneNumber).toBe(2);
  expect(emulator.orders()).toHaveLength(1);
  expect(attributesOf(rolledBack)).toEqual(attributesOf(created));
});

test('UPDATE_ROLLBACK of an addition releases what the update added', async () => {
  const created = await deployed([A]);
  const original = voiceProps([A]);
  const changed = voiceProps([A, B]);
  expect((await updateTo(created.physicalId, original, changed)).status).toBe('SUCCESS');
  const rolledBack = await updateTo(created.physicalId, changed, original);
  expect(rolledBack.status).toBe('SUCCESS');
  expect([statusOf(emulator, A), statusOf(emulator, B)]).toEqual(['Unassigned', 'DeleteInProgress']);
  expect(attributesOf(rolledBack)).toMatchObject({ PhoneNumbers: [A], PhoneNumberCount: '1', FailedPhoneNumbers: [] });
});

test('a partial update without allowPartial fails naming the number; its rollback releases what it added', async () => {
  const created = await deployed([A]);
  emulator.setUnavailable([C]);
  const original = voiceProps([A]);
  const changed = voiceProps([A, B, C]);
  const failed = await updateTo(created.physicalId, original, changed);
  expect(failed.status).toBe('FAILED');
  expect(failed.reason).toMatch(/only partly filled \(1 of 2 acquired; Partial: .*\*\*\*0102 Failed/);
  expect(statusOf(emulator, B)).toBe('Unassigned');
  const rolledBack = await updateTo(created.physicalId, changed, original);
  expect(rolledBack.status).toBe('SUCCESS');
  expect([statusOf(emulator, A), statusOf(emulator, B), statusOf(emulator, C)]).toEqual(['Unassigned', 'DeleteInProgress', 'AcquireFailed']);
});

test('a partial update with allowPartial keeps what it got and lists the rest', async () => {
  const created = await deployed([A], { AllowPartial: 'true' });
  emulator.setUnavailable([C]);
  const updated = await updateTo(created.physicalId, voiceProps([A], { AllowPartial: 'true' }), voiceProps([A, B, C], { AllowPartial: 'true' }));
  expect(updated.status).toBe('SUCCESS');
  expect(attributesOf(updated)).toMatchObject({ OrderStatus: 'Partial', PhoneNumbers: [A, B], PhoneNumberCount: '2', FailedPhoneNumbers: [C] });
});

test('an AcquireFailed record is ordered again, never restored', async () => {
  const created = await deployed([A], { AllowPartial: 'true' });
  emulator.setUnavailable([B]);
  const partial = await updateTo(created.physicalId, voiceProps([A], { AllowPartial: 'true' }), voiceProps([A, B], { AllowPartial: 'true' }));
  expect(partial.status).toBe('SUCCESS');
  expect(statusOf(emulator, B)).toBe('AcquireFailed');
  emulator.setUnavailable([]);
  // removed and added back: a new order, no RestorePhoneNumber
  await updateTo(created.physicalId, voiceProps([A, B], { AllowPartial: 'true' }), voiceProps([A], { AllowPartial: 'true' }));
  const again = await updateTo(created.physicalId, voiceProps([A], { AllowPartial: 'true' }), voiceProps([A, B], { AllowPartial: 'true' }));
  expect(again.status).toBe('SUCCESS');
  expect(statusOf(emulator, B)).toBe('Unassigned');
  expect(ops().RestorePhoneNumber ?? 0).toBe(0);
  expect(emulator.orders()).toHaveLength(3);
});

test('the same update delivered twice places one order: the second delivery recognises its own request', async () => {
  const created = await deployed([A]);
  emulator.configure({ orderDelayMs: 200 });
  const requestId = 'a1b2c3d4-0000-4000-8000-000000000001';
  const [first, second] = await Promise.all([0, 50].map(async delay => {
    await new Promise(r => setTimeout(r, delay));
    return updateTo(created.physicalId, voiceProps([A]), voiceProps([A, B]), requestId);
  }));
  expect([first.status, second.status]).toEqual(['SUCCESS', 'SUCCESS']);
  expect(emulator.orders()).toHaveLength(2);
  expect(attributesOf(first)).toEqual(attributesOf(second));
  // delivered again after the first finished: nothing changes
  const late = await updateTo(created.physicalId, voiceProps([A]), voiceProps([A, B]), requestId);
  expect(attributesOf(late)).toEqual(attributesOf(first));
  expect(emulator.orders()).toHaveLength(2);
});

test('numbers to order are checked against the numbering plan before any change', async () => {
  const created = await deployed([A]);
  const updated = await updateTo(created.physicalId, voiceProps([A]), voiceProps([A, '+14165550100']));
  expect(updated.status).toBe('FAILED');
  expect(updated.reason).toMatch(/\*\*\*0100 is outside the U\.S\. \(CA\)/);
  expect(emulator.orders()).toHaveLength(1);
});

test('a number the resource already owns is never refused by the numbering plan (a rollback after a libphonenumber upgrade)', async () => {
  const created = await deployed([A]);
  const odd = '+13705550100'; // area code 370 is unassigned: a valid NANP shape, but not a valid number to libphonenumber
  const own = nameWith('', markOf(identityOf(STACK_ID, 'Numbers', 'earlier-request'), 'ordered'));
  emulator.putNumber({ number: odd, name: own });
  const updated = await updateTo(created.physicalId, voiceProps([A]), voiceProps([A, odd]));
  expect(updated.status).toBe('SUCCESS');
  expect(attributesOf(updated)).toMatchObject({ PhoneNumbers: [odd, A].sort() });
  expect(emulator.orders()).toHaveLength(1);
  // the same number, not owned, would be refused before ordering
  const refused = await sendEvent({ requestType: 'Create', props: voiceProps(['+13705550101']), logicalId: 'Fresh' });
  expect(refused.reason).toMatch(/\*\*\*0101 is not a valid phone number in any country's numbering plan/);
});

test("OrderId after a removal comes from the numbers' own order IDs on Chime SDK Voice, from the order list on the legacy API", async () => {
  const created = await deployed([A, B, C]);
  const lists = () => ops().ListPhoneNumberOrders ?? 0;
  const before = lists();
  const voice = await updateTo(created.physicalId, voiceProps([A, B, C]), voiceProps([A, B]));
  expect(voice.data.OrderId).toBe(created.physicalId);
  expect(lists()).toBe(before);
  const legacy = await updateTo(created.physicalId, voiceProps([A, B]), voiceProps([A], { Api: 'chime' }));
  expect(legacy.data.OrderId).toBe(created.physicalId);
  expect(lists()).toBeGreaterThan(before);
});
