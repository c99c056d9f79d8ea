import {
  BatchDeletePhoneNumberCommand,
  CreatePhoneNumberOrderCommand,
  DeletePhoneNumberCommand,
  GetPhoneNumberCommand,
  RestorePhoneNumberCommand,
  UpdatePhoneNumberCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import * as Legacy from '@aws-sdk/client-chime';
import { failure, harness, Harness, N, T0 } from './helpers';

const DAY = 24 * 3600_000;

describe('emulator: phone numbers', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
    await h.voice.send(new CreatePhoneNumberOrderCommand({ ProductType: 'VoiceConnector', E164PhoneNumbers: [N.a, N.b, N.c, N.tollFree] }));
  });
  afterEach(() => h.close());

  const getVoice = async (id: string) => (await h.voice.send(new GetPhoneNumberCommand({ PhoneNumberId: id }))).PhoneNumber!;

  test('delete moves a number to the deletion queue (DeleteInProgress / legacy ReleaseInProgress), restore brings it back', async () => {
    h.clock.advance(1000);
    const del = await h.voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: N.a }));
    expect(del.$metadata.httpStatusCode).toBe(204);
    const queued = await getVoice(N.a);
    expect(queued.Status).toBe('DeleteInProgress');
    expect(queued.DeletionTimestamp).toEqual(new Date(T0 + 1000));
    const legacyView = await h.legacy.send(new Legacy.GetPhoneNumberCommand({ PhoneNumberId: N.a }));
    expect(legacyView.PhoneNumber?.Status).toBe('ReleaseInProgress');

    const again = await failure(h.voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: N.a })));
    expect(again.name).toBe('BadRequestException');

    const restored = await h.voice.send(new RestorePhoneNumberCommand({ PhoneNumberId: N.a }));
    expect(restored.PhoneNumber).toMatchObject({ PhoneNumberId: N.a, Status: 'Unassigned', Associations: [] });
    expect(restored.PhoneNumber?.DeletionTimestamp).toBeUndefined();
    const notQueued = await failure(h.voice.send(new RestorePhoneNumberCommand({ PhoneNumberId: N.a })));
    expect(notQueued.name).toBe('BadRequestException');
    const unknown = await failure(h.voice.send(new RestorePhoneNumberCommand({ PhoneNumberId: N.d })));
    expect(unknown.name).toBe('NotFoundException');
    expect(h.emu.stats().malformed).toBe(0);
  });

  test('the deletion queue empties after deletionQueueMs (7 days by default); the number can then be ordered again', async () => {
    await h.voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: N.a }));
    h.clock.advance(7 * DAY - 1);
    expect((await getVoice(N.a)).Status).toBe('DeleteInProgress');
    h.clock.advance(1);
    expect((await failure(getVoice(N.a))).name).toBe('NotFoundException');
    expect((await failure(h.voice.send(new RestorePhoneNumberCommand({ PhoneNumberId: N.a })))).name).toBe('NotFoundException');
    const reorder = await h.voice.send(new CreatePhoneNumberOrderCommand({ ProductType: 'VoiceConnector', E164PhoneNumbers: [N.a] }));
    h.clock.advance(1);
    expect(h.emu.orders().find((o) => o.PhoneNumberOrderId === reorder.PhoneNumberOrder!.PhoneNumberOrderId)?.Status).toBe('Successful');
  });

  test('a number in the deletion queue cannot be re-ordered', async () => {
    await h.voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: N.a }));
    await h.voice.send(new CreatePhoneNumberOrderCommand({ ProductType: 'VoiceConnector', E164PhoneNumbers: [N.a] }));
    h.clock.advance(1);
    expect(h.emu.orders()[1].Status).toBe('Failed');
    expect((await getVoice(N.a)).Status).toBe('DeleteInProgress');
  });

  test('associations block delete with PhoneNumberAssociationsExist, single and batch', async () => {
    h.emu.associate(N.a, 'VoiceConnectorId', 'abcdef1ghij2klmno3pqr4');
    expect((await getVoice(N.a))).toMatchObject({ Status: 'Assigned', Associations: [expect.objectContaining({ Name: 'VoiceConnectorId', Value: 'abcdef1ghij2klmno3pqr4' })] });
    const e = await failure(h.voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: N.a })));
    expect(e.name).toBe('BadRequestException');
    expect(e.Code).toBe('PhoneNumberAssociationsExist');
    expect(e.message).toContain('VoiceConnectorId');
    expect(e.message).not.toContain(N.a);

    const batch = await h.voice.send(new BatchDeletePhoneNumberCommand({ PhoneNumberIds: [N.a, N.b, N.d] }));
    expect(batch.PhoneNumberErrors).toEqual([
      expect.objectContaining({ PhoneNumberId: N.a, ErrorCode: 'PhoneNumberAssociationsExist' }),
      expect.objectContaining({ PhoneNumberId: N.d, ErrorCode: 'NotFound' }),
    ]);
    expect((await getVoice(N.b)).Status).toBe('DeleteInProgress');
    expect((await getVoice(N.a)).Status).toBe('Assigned');

    h.emu.disassociate(N.a);
    await h.voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: N.a }));
    expect((await getVoice(N.a)).Status).toBe('DeleteInProgress');
    expect(h.emu.stats().malformed).toBe(0);
  });

  test('deleting an unknown number is NotFound, not malformed', async () => {
    const e = await failure(h.voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: N.d })));
    expect(e.name).toBe('NotFoundException');
    expect(e.$metadata?.httpStatusCode).toBe(404);
    expect(h.emu.stats()).toMatchObject({ malformed: 0, byOperation: { DeletePhoneNumber: 1 } });
  });

  test('batch delete needs one ID at least and, as the models state no upper limit, has none', async () => {
    const e = await failure(h.voice.send(new BatchDeletePhoneNumberCommand({ PhoneNumberIds: [] })));
    expect(e.name).toBe('BadRequestException');
    expect(h.emu.stats().malformed).toBe(1);
    const many = Array.from({ length: 1000 }, (_, i) => `+1206555${String(1000 + i).padStart(4, '0')}`);
    const out = await h.voice.send(new BatchDeletePhoneNumberCommand({ PhoneNumberIds: [N.a, ...many] }));
    expect(out.PhoneNumberErrors).toHaveLength(1000);
    expect(out.PhoneNumberErrors?.every((p) => p.ErrorCode === 'NotFound')).toBe(true);
    expect(h.emu.phoneNumbers().find((n) => n.PhoneNumberId === N.a)?.Status).toBe('DeleteInProgress');
    expect(h.emu.stats().malformed).toBe(1);
  });

  test('update moves between product types the API knows and obeys the number rules', async () => {
    const up = await h.voice.send(new UpdatePhoneNumberCommand({ PhoneNumberId: N.a, ProductType: 'SipMediaApplicationDialIn' }));
    expect(up.PhoneNumber?.ProductType).toBe('SipMediaApplicationDialIn');
    const named = await h.voice.send(new UpdatePhoneNumberCommand({ PhoneNumberId: N.a, Name: 'front desk' }));
    expect(named.PhoneNumber?.Name).toBe('front desk');
    const calling = await h.voice.send(new UpdatePhoneNumberCommand({ PhoneNumberId: N.a, CallingName: 'Example Co' }));
    expect(calling.PhoneNumber).toMatchObject({ CallingName: 'Example Co', CallingNameStatus: 'UpdateSucceeded' });

    const legacy = await h.legacy.send(new Legacy.UpdatePhoneNumberCommand({ PhoneNumberId: N.b, ProductType: 'BusinessCalling' }));
    expect(legacy.PhoneNumber?.ProductType).toBe('BusinessCalling');
    expect(h.emu.stats().malformed).toBe(0);

    const voiceBc = await failure(h.voice.send(new UpdatePhoneNumberCommand({ PhoneNumberId: N.c, ProductType: 'BusinessCalling' as never })));
    expect(voiceBc.name).toBe('BadRequestException');
    const tollFreeBc = await failure(h.legacy.send(new Legacy.UpdatePhoneNumberCommand({ PhoneNumberId: N.tollFree, ProductType: 'BusinessCalling' })));
    expect(tollFreeBc.name).toBe('BadRequestException');
    expect(tollFreeBc.message).toMatch(/toll-free/i);
    const twoAtOnce = await failure(h.voice.send(new UpdatePhoneNumberCommand({ PhoneNumberId: N.c, ProductType: 'SipMediaApplicationDialIn', CallingName: 'Example Co' })));
    expect(twoAtOnce.name).toBe('BadRequestException');
    expect(h.emu.stats().malformed).toBe(3);
  });

  test('update of product type is refused (not malformed) with associations or outside an owned state', async () => {
    h.emu.associate(N.a, 'SipRuleId', 'rule-1');
    const assoc = await failure(h.voice.send(new UpdatePhoneNumberCommand({ PhoneNumberId: N.a, ProductType: 'SipMediaApplicationDialIn' })));
    expect(assoc).toMatchObject({ name: 'BadRequestException', Code: 'PhoneNumberAssociationsExist' });
    await h.voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: N.b }));
    const queued = await failure(h.voice.send(new UpdatePhoneNumberCommand({ PhoneNumberId: N.b, ProductType: 'SipMediaApplicationDialIn' })));
    expect(queued.name).toBe('BadRequestException');
    const missing = await failure(h.voice.send(new UpdatePhoneNumberCommand({ PhoneNumberId: N.d, CallingName: 'Example Co' })));
    expect(missing.name).toBe('NotFoundException');
    expect(h.emu.stats().malformed).toBe(0);
  });
});
