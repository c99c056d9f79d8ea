// Scripted outcomes: orders that end in any voice status, releases that fail per number, numbers
// put in the account as if bought elsewhere, and a refused create.
import {
  BatchDeletePhoneNumberCommand, CreatePhoneNumberOrderCommand, DeletePhoneNumberCommand, GetPhoneNumberCommand,
  GetPhoneNumberOrderCommand, UpdatePhoneNumberCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import * as Legacy from '@aws-sdk/client-chime';
import { failure, harness, Harness, N } from './helpers';

describe('emulator: scripted outcomes', () => {
  let h: Harness;
  beforeEach(async () => { h = await harness({ orderDelayMs: 10_000 }); });
  afterEach(() => h.close());

  const order = async (numbers: string[], name?: string) => (await h.voice.send(new CreatePhoneNumberOrderCommand({
    ProductType: 'VoiceConnector', E164PhoneNumbers: numbers, Name: name,
  }))).PhoneNumberOrder!.PhoneNumberOrderId!;
  const voiceOrder = async (id: string) => (await h.voice.send(new GetPhoneNumberOrderCommand({ PhoneNumberOrderId: id }))).PhoneNumberOrder!;
  const legacyOrder = async (id: string) => (await h.legacy.send(new Legacy.GetPhoneNumberOrderCommand({ PhoneNumberOrderId: id }))).PhoneNumberOrder!;
  const number = async (n: string) => (await h.voice.send(new GetPhoneNumberCommand({ PhoneNumberId: n }))).PhoneNumber!;

  test('an order shows a scripted in-progress status, then ends Exception: every number keeps an AcquireFailed record with Name and OrderId', async () => {
    h.emu.scriptOrder({ processingStatus: 'PendingDocuments', end: 'Exception', numbers: [N.a] });
    const id = await order([N.a, N.b], 'team pno.x');
    expect((await voiceOrder(id)).Status).toBe('PendingDocuments');
    expect((await legacyOrder(id)).Status).toBe('Processing');
    h.clock.advance(10_000);
    expect((await voiceOrder(id)).Status).toBe('Exception');
    expect((await legacyOrder(id)).Status).toBe('Failed');
    for (const n of [N.a, N.b]) expect(await number(n)).toMatchObject({ Status: 'AcquireFailed', Name: 'team pno.x', OrderId: id });
    // the script was for one order only
    const next = await order([N.a]);
    h.clock.advance(10_000);
    expect((await voiceOrder(next)).Status).toBe('Successful');
  });

  test('an order scripted to end Cancelled leaves Cancelled records, shown to the legacy API as AcquireFailed', async () => {
    h.emu.scriptOrder({ end: 'Cancelled' });
    const id = await order([N.a]);
    h.clock.advance(10_000);
    expect((await voiceOrder(id)).Status).toBe('Cancelled');
    expect(await number(N.a)).toMatchObject({ Status: 'Cancelled' });
    expect((await h.legacy.send(new Legacy.GetPhoneNumberCommand({ PhoneNumberId: N.a }))).PhoneNumber!.Status).toBe('AcquireFailed');
  });

  test('a scripted release failure fails that number once, in a batch and alone; others are released', async () => {
    const id = await order([N.a, N.b]);
    h.clock.advance(10_000);
    expect((await voiceOrder(id)).Status).toBe('Successful');
    // Conflict is not retried by the SDK, so each attempt is seen.
    h.emu.failReleases({ numbers: [N.a], code: 'Conflict', count: 2 });
    const batch = await h.voice.send(new BatchDeletePhoneNumberCommand({ PhoneNumberIds: [N.a, N.b] }));
    expect(batch.PhoneNumberErrors).toEqual([expect.objectContaining({ PhoneNumberId: N.a, ErrorCode: 'Conflict' })]);
    expect((await number(N.b)).Status).toBe('DeleteInProgress');
    const alone = await failure(h.voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: N.a })));
    expect(alone.name).toBe('ConflictException');
    await h.voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: N.a }));
    expect((await number(N.a)).Status).toBe('DeleteInProgress');
  });

  test('numbers put in the account: held ones cannot be ordered, their Name can be changed, and port-ins cannot be released', async () => {
    h.emu.putNumber({ number: N.a, name: 'console' });
    h.emu.putNumber({ number: N.b, status: 'PortinInProgress' });
    expect(await number(N.a)).toMatchObject({ Status: 'Unassigned', Name: 'console' });
    const id = await order([N.a]);
    h.clock.advance(10_000);
    expect((await voiceOrder(id)).Status).toBe('Failed');
    expect(await number(N.a)).toMatchObject({ Status: 'Unassigned', Name: 'console' });
    await h.voice.send(new UpdatePhoneNumberCommand({ PhoneNumberId: N.a, Name: 'console pno.mark' }));
    expect((await number(N.a)).Name).toBe('console pno.mark');
    const refused = await failure(h.voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: N.b })));
    expect(refused.name).toBe('BadRequestException');
  });

  test('an injected ResourceLimitExceeded refuses the create without placing an order', async () => {
    h.emu.injectOnce({ operation: 'CreatePhoneNumberOrder', kind: 'resource-limit-exceeded' });
    const e = await failure(order([N.a]));
    expect(e.name).toBe('ResourceLimitExceededException');
    expect(h.emu.orders()).toEqual([]);
  });

  test('bad scripts are refused with a reason', () => {
    expect(() => h.emu.scriptOrder({ end: 'Meteor' as never })).toThrow(/end must be one of/);
    expect(() => h.emu.scriptOrder({})).toThrow(/needs end or processingStatus/);
    expect(() => h.emu.failReleases({ numbers: [N.a], code: 'Nope' })).toThrow(/code must be one of/);
    expect(() => h.emu.putNumber({ number: 'x' })).toThrow(/E.164/);
  });
});
