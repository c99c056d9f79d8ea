import {
  CreatePhoneNumberOrderCommand,
  GetPhoneNumberCommand,
  GetPhoneNumberOrderCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import * as Legacy from '@aws-sdk/client-chime';
import { failure, harness, Harness, N, T0 } from './helpers';

describe('emulator: phone number orders', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ orderDelayMs: 60_000 });
  });
  afterEach(() => h.close());

  const order = (numbers: string[], productType: 'VoiceConnector' | 'SipMediaApplicationDialIn' = 'VoiceConnector') =>
    h.voice.send(new CreatePhoneNumberOrderCommand({ ProductType: productType, E164PhoneNumbers: numbers }));
  const get = async (id: string) => (await h.voice.send(new GetPhoneNumberOrderCommand({ PhoneNumberOrderId: id }))).PhoneNumberOrder!;

  test('an order is Processing for orderDelayMs, then Successful, and its numbers become Unassigned', async () => {
    const created = (await order([N.a, N.b])).PhoneNumberOrder!;
    expect(created.PhoneNumberOrderId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.Status).toBe('Processing');
    expect(created.OrderType).toBe('New');
    expect(created.CreatedTimestamp).toEqual(new Date(T0));
    expect(created.OrderedPhoneNumbers).toEqual([
      { E164PhoneNumber: N.a, Status: 'Processing' },
      { E164PhoneNumber: N.b, Status: 'Processing' },
    ]);
    const pending = await h.voice.send(new GetPhoneNumberCommand({ PhoneNumberId: N.a }));
    expect(pending.PhoneNumber?.Status).toBe('AcquireInProgress');
    expect(pending.PhoneNumber?.OrderId).toBe(created.PhoneNumberOrderId);

    h.clock.advance(59_999);
    expect((await get(created.PhoneNumberOrderId!)).Status).toBe('Processing');
    h.clock.advance(1);
    const done = await get(created.PhoneNumberOrderId!);
    expect(done.Status).toBe('Successful');
    expect(done.UpdatedTimestamp).toEqual(new Date(T0 + 60_000));
    expect(done.OrderedPhoneNumbers?.map((n) => n.Status)).toEqual(['Acquired', 'Acquired']);
    const owned = (await h.voice.send(new GetPhoneNumberCommand({ PhoneNumberId: N.b }))).PhoneNumber!;
    expect(owned).toMatchObject({ Status: 'Unassigned', ProductType: 'VoiceConnector', Country: 'US', Type: 'Local', Associations: [] });
  });

  test('unavailable numbers fail: Partial when some are acquired; a failed number keeps an AcquireFailed record, orderable again', async () => {
    h.emu.setUnavailable([N.b]);
    const id = (await order([N.a, N.b])).PhoneNumberOrder!.PhoneNumberOrderId!;
    expect(h.emu.phoneNumbers().map((n) => [n.PhoneNumberId, n.Status])).toEqual([
      [N.a, 'AcquireInProgress'],
      [N.b, 'AcquireInProgress'],
    ]);
    h.clock.advance(60_000);
    const done = await get(id);
    expect(done.Status).toBe('Partial');
    expect(done.OrderedPhoneNumbers).toEqual([
      { E164PhoneNumber: N.a, Status: 'Acquired' },
      { E164PhoneNumber: N.b, Status: 'Failed' },
    ]);
    const record = (await h.voice.send(new GetPhoneNumberCommand({ PhoneNumberId: N.b }))).PhoneNumber!;
    expect(record).toMatchObject({ Status: 'AcquireFailed', OrderId: id });
    const legacy = (await h.legacy.send(new Legacy.GetPhoneNumberCommand({ PhoneNumberId: N.b }))).PhoneNumber!;
    expect(legacy).toMatchObject({ Status: 'AcquireFailed' });
    expect(legacy).not.toHaveProperty('OrderId');

    h.emu.setUnavailable([]);
    const again = (await order([N.b])).PhoneNumberOrder!.PhoneNumberOrderId!;
    h.clock.advance(60_000);
    expect((await get(again)).Status).toBe('Successful');
    expect(h.emu.phoneNumbers().find(n => n.PhoneNumberId === N.b)).toMatchObject({ Status: 'Unassigned', OrderId: again });
    expect(h.emu.stats().malformed).toBe(0);
  });

  test('Failed when no number can be acquired; numbers already held (even by a pending order) fail', async () => {
    const first = (await order([N.a])).PhoneNumberOrder!.PhoneNumberOrderId!;
    const second = (await order([N.a])).PhoneNumberOrder!.PhoneNumberOrderId!;
    h.clock.advance(60_000);
    expect((await get(first)).Status).toBe('Successful');
    expect((await get(second)).Status).toBe('Failed');
    // the failed duplicate must not have taken the number away from the first order
    expect(h.emu.phoneNumbers()).toEqual([expect.objectContaining({ PhoneNumberId: N.a, Status: 'Unassigned', OrderId: first })]);
  });

  test('the books note what held a number an order failed because the account had it; the wire never shows it', async () => {
    h.emu.setUnavailable([N.b]);
    const first = (await h.voice.send(new CreatePhoneNumberOrderCommand({ ProductType: 'VoiceConnector', E164PhoneNumbers: [N.a], Name: 'first' })))
      .PhoneNumberOrder!.PhoneNumberOrderId!;
    const second = (await order([N.a, N.b])).PhoneNumberOrder!;
    expect(Object.keys(second)).not.toContain('HeldAtPlacement');
    h.clock.advance(60_000);
    expect(Object.keys(await get(second.PhoneNumberOrderId!))).not.toContain('HeldAtPlacement');
    const books = h.emu.orders();
    expect(books.find((o) => o.PhoneNumberOrderId === first)?.HeldAtPlacement).toBeUndefined();
    // N.b failed because it is unavailable, not because it was held: not noted
    expect(books.find((o) => o.PhoneNumberOrderId === second.PhoneNumberOrderId)?.HeldAtPlacement)
      .toEqual({ [N.a]: { Status: 'AcquireInProgress', Name: 'first', OrderId: first } });
  });

  test('orderDelayMs is fixed per order at creation time', async () => {
    const slow = (await order([N.a])).PhoneNumberOrder!.PhoneNumberOrderId!;
    h.emu.configure({ orderDelayMs: 0 });
    const fast = (await order([N.b])).PhoneNumberOrder!.PhoneNumberOrderId!;
    expect((await get(fast)).Status).toBe('Successful');
    expect((await get(slow)).Status).toBe('Processing');
  });

  test('the legacy API sees the same book, without OrderType, and may order BusinessCalling', async () => {
    const created = await h.legacy.send(
      new Legacy.CreatePhoneNumberOrderCommand({ ProductType: 'BusinessCalling', E164PhoneNumbers: [N.c] }),
    );
    const id = created.PhoneNumberOrder!.PhoneNumberOrderId!;
    expect(created.PhoneNumberOrder).not.toHaveProperty('OrderType');
    h.clock.advance(60_000);
    expect((await get(id)).Status).toBe('Successful');
    expect(h.emu.orders()).toEqual([expect.objectContaining({ PhoneNumberOrderId: id, Api: 'chime', ProductType: 'BusinessCalling' })]);
  });

  test('the same seed and request sequence give the same order ids', async () => {
    const ids = async () => {
      const other = await harness({ seed: 42 });
      try {
        const out: string[] = [];
        for (const n of [N.a, N.b, N.c]) {
          out.push((await other.voice.send(new CreatePhoneNumberOrderCommand({ ProductType: 'VoiceConnector', E164PhoneNumbers: [n] }))).PhoneNumberOrder!.PhoneNumberOrderId!);
        }
        return out;
      } finally {
        await other.close();
      }
    };
    const run1 = await ids();
    expect(await ids()).toEqual(run1);
    expect(new Set(run1).size).toBe(3);
    const differentSeed = await harness({ seed: 43 });
    try {
      const first = await differentSeed.voice.send(new CreatePhoneNumberOrderCommand({ ProductType: 'VoiceConnector', E164PhoneNumbers: [N.a] }));
      expect(first.PhoneNumberOrder!.PhoneNumberOrderId).not.toBe(run1[0]);
    } finally {
      await differentSeed.close();
    }
  });

  test('GetPhoneNumberOrder for an unknown id is NotFound and not malformed; a non-GUID id is malformed', async () => {
    const e = await failure(get('00000000-0000-4000-8000-000000000000'));
    expect(e.name).toBe('NotFoundException');
    expect(h.emu.stats().malformed).toBe(0);
    const bad = await failure(get('not-a-guid'));
    expect(bad.name).toBe('BadRequestException');
    expect(h.emu.stats().malformed).toBe(1);
  });
});
