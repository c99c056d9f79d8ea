import { CreatePhoneNumberOrderCommand, ListPhoneNumberOrdersCommand, paginateListPhoneNumberOrders } from '@aws-sdk/client-chime-sdk-voice';
import * as Legacy from '@aws-sdk/client-chime';
import { harness, Harness, N, T0 } from './helpers';

describe('emulator: ListPhoneNumberOrders pagination', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ maxPageSize: 3 });
  });
  afterEach(() => h.close());

  test('tiny pages over unrelated orders visit every order exactly once, on both APIs', async () => {
    h.emu.addUnrelatedOrders(7);
    const mine = (await h.voice.send(new CreatePhoneNumberOrderCommand({ ProductType: 'VoiceConnector', E164PhoneNumbers: [N.a] }))).PhoneNumberOrder!.PhoneNumberOrderId!;
    h.emu.addUnrelatedOrders(4, { status: 'Failed' });

    const pages: number[] = [];
    const seen: string[] = [];
    for await (const page of paginateListPhoneNumberOrders({ client: h.voice }, { MaxResults: 100 })) {
      pages.push(page.PhoneNumberOrders!.length);
      seen.push(...page.PhoneNumberOrders!.map((o) => o.PhoneNumberOrderId!));
    }
    expect(pages).toEqual([3, 3, 3, 3]);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect(seen).toContain(mine);
    expect(new Set(seen)).toEqual(new Set(h.emu.orders().map((o) => o.PhoneNumberOrderId)));

    const legacySeen: string[] = [];
    let token: string | undefined;
    do {
      const page = await h.legacy.send(new Legacy.ListPhoneNumberOrdersCommand({ MaxResults: 2, NextToken: token }));
      expect(page.PhoneNumberOrders!.length).toBeLessThanOrEqual(2);
      legacySeen.push(...page.PhoneNumberOrders!.map((o) => o.PhoneNumberOrderId!));
      token = page.NextToken;
    } while (token);
    expect(legacySeen).toEqual(seen);
    expect(h.emu.stats().malformed).toBe(0);
  });

  test('unrelated orders are terminal, old, and do not touch the inventory', async () => {
    h.emu.addUnrelatedOrders(3, { status: 'Partial', ageMs: 3600_000 });
    const orders = h.emu.orders();
    expect(orders.map((o) => o.Status)).toEqual(['Partial', 'Partial', 'Partial']);
    expect(orders.every((o) => o.Unrelated && o.OrderedPhoneNumbers.map((n) => n.Status).join() === 'Failed,Acquired')).toBe(true);
    expect(Date.parse(orders[2].CreatedTimestamp)).toBe(T0 - 3600_000);
    expect(Date.parse(orders[0].CreatedTimestamp)).toBeLessThan(T0 - 3600_000);
    expect(h.emu.phoneNumbers()).toEqual([]);
  });

  test('an empty book answers one empty page without a token', async () => {
    const page = await h.voice.send(new ListPhoneNumberOrdersCommand({}));
    expect(page.PhoneNumberOrders).toEqual([]);
    expect(page.NextToken).toBeUndefined();
  });
});
