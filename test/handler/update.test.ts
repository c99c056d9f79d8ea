import { sendEvent, useEmulator, voiceProps } from '../support/provider-harness';

const A = '+12065550100';
const B = '+12065550101';

const emulator = useEmulator();

test('an update that keeps the numbers and product type orders and releases nothing, same ID and attributes', async () => {
  const created = await sendEvent({ requestType: 'Create', props: voiceProps([A, B]) });
  const before = emulator.stats().byOperation;
  const updated = await sendEvent({
    requestType: 'Update', physicalId: created.physicalId, props: voiceProps([B, A], { Name: 'front-desk', AllowPartial: 'true' }), oldProps: voiceProps([A, B]),
  });
  expect(updated.status).toBe('SUCCESS');
  expect(updated.physicalId).toBe(created.physicalId);
  expect(updated.data).toEqual(created.data);
  const after = emulator.stats().byOperation;
  expect(after.CreatePhoneNumberOrder).toBe(before.CreatePhoneNumberOrder);
  expect(after.BatchDeletePhoneNumber ?? 0).toBe(0);
});
