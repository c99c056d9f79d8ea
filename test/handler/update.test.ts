import { sendEvent, statusOf, useEmulator, voiceProps } from '../support/provider-harness';

const [A, B, C, D] = ['+12065550100', '+12065550101', '+12065550102', '+12065550103'];

const emulator = useEmulator();

async function deployed(numbers: string[], extra: Record<string, unknown> = {}) {
  const created = await sendEvent({ requestType: 'Create', props: voiceProps(numbers, extra) });
  expect(created.status).toBe('SUCCESS');
  return created;
}

async function updateTo(physicalId: string | undefined, from: Record<string, unknown>, to: Record<string, unknown>) {
  return sendEvent({ requestType: 'Update', physicalId, props: to, oldProps: from });
}

const ops = () => emulator.stats().byOperation;

test('keeping the numbers and product type orders and releases nothing, same ID and attributes', async () => {
  const created = await deployed([A, B]);
  const updated = await updateTo(created.physicalId, voiceProps([A, B]), voiceProps([B, A], { Name: 'front-desk', AllowPartial: 'true' }));
  expect(updated.status).toBe('SUCCESS');
  expect(updated.physicalId).toBe(created.physicalId);
  expect(updated.data).toEqual(created.data);
  expect(ops().CreatePhoneNumberOrder).toBe(1);
  expect(ops().BatchDeletePhoneNumber ?? 0).toBe(0);
});

test('added numbers get one new order for those numbers only; OrderId names it', async () => {
  const created = await deployed([A, B]);
  const updated = await updateTo(created.physicalId, voiceProps([A, B]), voiceProps([A, B, C, D]));
  expect(updated.status).toBe('SUCCESS');
  const orders = emulator.orders();
  expect(orders).toHaveLength(2);
  expect(orders[1].OrderedPhoneNumbers.map(n => n.E164PhoneNumber).sort()).toEqual([C, D]);
  expect(updated.physicalId).toBe(created.physicalId);
  expect(updated.data).toEqual({
    OrderId: orders[1].PhoneNumberOrderId, OrderStatus: 'Successful', PhoneNumbers: [A, B, C, D].join(','), PhoneNumberCount: '4', FailedPhoneNumbers: '',
  });
});

test('removed numbers are released; the rest stay, and OrderId stays the order behind them', async () => {
  const created = await deployed([A, B, C]);
  const updated = await updateTo(created.physicalId, voiceProps([A, B, C]), voiceProps([A, B]));
  expect(updated.status).toBe('SUCCESS');
  expect([statusOf(emulator, A), statusOf(emulator, B), statusOf(emulator, C)]).toEqual(['Unassigned', 'Unassigned', 'DeleteInProgress']);
  expect(updated.data).toMatchObject({ OrderId: created.physicalId, PhoneNumbers: `${A},${B}`, PhoneNumberCount: '2' });
  expect(emulator.orders()).toHaveLength(1);
});

test('add and remove: the removal waits until the new order succeeded', async () => {
  const created = await deployed([A, B]);
  emulator.configure({ orderDelayMs: 200 });
  process.env.INLINE_WAIT_SECONDS = '0';
  try {
    const from = voiceProps([A, B]);
    const to = voiceProps([A, C]);
    const { onEvent, isComplete } = await import('../../lambda');
    const base = { RequestType: 'Update' as const, PhysicalResourceId: created.physicalId, ResourceProperties: to, OldResourceProperties: from, LogicalResourceId: 'Numbers' };
    const first = await onEvent(base);
    expect(statusOf(emulator, B)).toBe('Unassigned');
    expect(await isComplete({ ...base, ...first })).toEqual({ IsComplete: false });
    expect(statusOf(emulator, B)).toBe('Unassigned');
    await new Promise(r => setTimeout(r, 250));
    const done = await isComplete({ ...base, ...first });
    expect(done.IsComplete).toBe(true);
    expect(statusOf(emulator, B)).toBe('DeleteInProgress');
    expect(done.Data).toMatchObject({ PhoneNumbers: `${A},${C}`, OrderId: emulator.orders()[1].PhoneNumberOrderId });
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

test('a product type change the API rejects fails with the service\'s message', async () => {
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
  expect(updated.data).toEqual(created.data);
  expect(ops().CreatePhoneNumberOrder).toBe(1);
  expect(ops().BatchDeletePhoneNumber ?? 0).toBe(0);
  expect(emulator.stats().requests).toBeGreaterThan(before);
  const deleted = await sendEvent({ requestType: 'Delete', physicalId: created.physicalId, props: voiceProps([A, B], { Api: 'chime' }) });
  expect(deleted.status).toBe('SUCCESS');
  expect(emulator.phoneNumbers().map(n => n.Status)).toEqual(['DeleteInProgress', 'DeleteInProgress']);
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
  expect(rolledBack.data).toEqual(created.data);
});

test('UPDATE_ROLLBACK of an addition releases what the update added', async () => {
  const created = await deployed([A]);
  const original = voiceProps([A]);
  const changed = voiceProps([A, B]);
  expect((await updateTo(created.physicalId, original, changed)).status).toBe('SUCCESS');
  const rolledBack = await updateTo(created.physicalId, changed, original);
  expect(rolledBack.status).toBe('SUCCESS');
  expect([statusOf(emulator, A), statusOf(emulator, B)]).toEqual(['Unassigned', 'DeleteInProgress']);
  expect(rolledBack.data).toMatchObject({ PhoneNumbers: A, PhoneNumberCount: '1' });
});

test('a partial update without allowPartial fails naming the number; its rollback releases what it added', async () => {
  const created = await deployed([A]);
  emulator.setUnavailable([C]);
  const original = voiceProps([A]);
  const changed = voiceProps([A, B, C]);
  const failed = await updateTo(created.physicalId, original, changed);
  expect(failed.status).toBe('FAILED');
  expect(failed.reason).toMatch(/only partly filled \(1 of 2 acquired: .*\*\*\*0102 Failed/);
  expect(statusOf(emulator, B)).toBe('Unassigned');
  const rolledBack = await updateTo(created.physicalId, changed, original);
  expect(rolledBack.status).toBe('SUCCESS');
  expect([statusOf(emulator, A), statusOf(emulator, B), statusOf(emulator, C)]).toEqual(['Unassigned', 'DeleteInProgress', undefined]);
});

test('a partial update with allowPartial keeps what it got and lists the rest', async () => {
  const created = await deployed([A], { AllowPartial: 'true' });
  emulator.setUnavailable([C]);
  const updated = await updateTo(created.physicalId, voiceProps([A], { AllowPartial: 'true' }), voiceProps([A, B, C], { AllowPartial: 'true' }));
  expect(updated.status).toBe('SUCCESS');
  expect(updated.data).toMatchObject({ OrderStatus: 'Partial', PhoneNumbers: `${A},${B}`, PhoneNumberCount: '2', FailedPhoneNumbers: C });
});

test('a retried update onEvent waits for the order the first attempt placed instead of ordering again', async () => {
  const created = await deployed([A]);
  emulator.configure({ orderDelayMs: 200 });
  const { onEvent } = await import('../../lambda');
  const event = { RequestType: 'Update' as const, PhysicalResourceId: created.physicalId, ResourceProperties: voiceProps([A, B]), OldResourceProperties: voiceProps([A]) };
  const first = await onEvent(event);
  const second = await onEvent(event);
  expect(second.Data?.OrderId).toBe(first.Data?.OrderId);
  expect(emulator.orders()).toHaveLength(2);
});

test('new properties that are invalid fail the update before any call to Chime', async () => {
  const created = await deployed([A]);
  const before = emulator.stats().requests;
  const updated = await updateTo(created.physicalId, voiceProps([A]), voiceProps([A, '+14165550100']));
  expect(updated.status).toBe('FAILED');
  expect(updated.reason).toMatch(/\*\*\*0100 is outside the U\.S\. \(CA\)/);
  expect(emulator.stats().requests).toBe(before);
});

test('OrderId after a removal comes from the numbers\' own order IDs on Chime SDK Voice, from the order list on the legacy API', async () => {
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
