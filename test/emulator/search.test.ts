// The emulator's stock of numbers on offer (SearchAvailablePhoneNumbers), the race between a search
// and an order (another customer taking numbers), and ListPhoneNumbers over the account.
import * as Legacy from '@aws-sdk/client-chime';
import {
  CreatePhoneNumberOrderCommand, DeletePhoneNumberCommand, ListPhoneNumbersCommand, SearchAvailablePhoneNumbersCommand,
  type SearchAvailablePhoneNumbersCommandInput,
} from '@aws-sdk/client-chime-sdk-voice';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startEmulator } from '../../emulator';
import { failure, harness, Harness } from './helpers';

let h: Harness;
beforeEach(async () => { h = await harness(); });
afterEach(async () => {
  expect(h.emu.stats().malformed).toBe(0);
  await h.close();
});

/** Every page of a search. */
async function searchAll(input: SearchAvailablePhoneNumbersCommandInput): Promise<string[]> {
  const found: string[] = [];
  let token: string | undefined;
  do {
    const page = await h.voice.send(new SearchAvailablePhoneNumbersCommand({ ...input, NextToken: token }));
    found.push(...(page.E164PhoneNumbers ?? []));
    token = page.NextToken;
  } while (token);
  return found;
}

const order = (numbers: string[], productType = 'VoiceConnector') =>
  h.voice.send(new CreatePhoneNumberOrderCommand({ ProductType: productType as 'VoiceConnector', E164PhoneNumbers: numbers }));

describe('SearchAvailablePhoneNumbers: the stock', () => {
  test.each<[string, SearchAvailablePhoneNumbersCommandInput, number, RegExp]>([
    ['area code', { AreaCode: '206' }, 100, /^\+12065550[1]\d\d$/],
    ['city and state (any case)', { City: 'seattle', State: 'wa' }, 100, /^\+12065550[1]\d\d$/],
    ['a city of two area codes', { City: 'Chicago', State: 'IL' }, 200, /^\+1(312|773)5550[1]\d\d$/],
    ['state', { State: 'WA' }, 500, /^\+1(206|425|253|509|360)5550[1]\d\d$/],
    ['toll-free prefix', { TollFreePrefix: '888' }, 100, /^\+18885550[1]\d\d$/],
    ['toll-free type with a state finds nothing', { State: 'WA', PhoneNumberType: 'TollFree' }, 0, /./],
    ['a scarce area code', { AreaCode: '907' }, 3, /^\+19075550[1]0\d$/],
    ['an area code with no stock', { AreaCode: '555' }, 0, /./],
    ['Canada, local', { Country: 'CA', PhoneNumberType: 'Local' }, 300, /^\+1(604|416|514)5550[1]\d\d$/],
    ['U.K. local', { Country: 'GB', PhoneNumberType: 'Local' }, 200, /^\+44(2079460|1614960)1\d\d$/],
    ['U.K. toll-free', { Country: 'GB', PhoneNumberType: 'TollFree' }, 100, /^\+448081570\d{3}$/],
    ['U.S.-only filters outside the U.S. do not apply', { Country: 'GB', PhoneNumberType: 'TollFree', AreaCode: '206', State: 'WA' }, 100, /^\+448081570\d{3}$/],
  ])('%s', async (_what, input, count, pattern) => {
    const found = await searchAll({ ...input, MaxResults: 37 });
    expect(found).toHaveLength(count);
    expect(new Set(found).size).toBe(count);
    expect(found.every(n => pattern.test(n))).toBe(true);
  });

  test('pages follow one order per query, fixed by the seed: the same query gives the same order', async () => {
    const a = await searchAll({ AreaCode: '212', MaxResults: 30 });
    const b = await searchAll({ AreaCode: '212', MaxResults: 500 });
    expect(a).toEqual(b);
    expect(a).not.toEqual([...a].sort());
    const other = await harness({ seed: 2 });
    try {
      const page = await other.voice.send(new SearchAvailablePhoneNumbersCommand({ AreaCode: '212', MaxResults: 500 }));
      expect(page.E164PhoneNumbers).not.toEqual(a);
      expect([...page.E164PhoneNumbers!].sort()).toEqual([...a].sort());
    } finally {
      await other.close();
    }
  });

  test('numbers the account holds, acquires or queues for deletion are not offered; a failed acquisition is offered again', async () => {
    const [held, queued, failed] = ['+12065550100', '+12065550101', '+12065550102'];
    h.emu.setUnavailable([failed]);
    await order([held, queued, failed]);
    await h.voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: queued }));
    const found = await searchAll({ AreaCode: '206' });
    expect(found).toHaveLength(98);
    expect(found).not.toContain(held);
    expect(found).not.toContain(queued);
    expect(found).toContain(failed);
  });

  test('the legacy API searches the same stock', async () => {
    const page = await h.legacy.send(new Legacy.SearchAvailablePhoneNumbersCommand({ TollFreePrefix: '800', MaxResults: 10 }));
    expect(page.E164PhoneNumbers).toHaveLength(10);
    expect(page.NextToken).toBeDefined();
  });

  test("the API reference's rules: a U.S. search needs a filter, a city its state, a search elsewhere its type", async () => {
    for (const input of [{ Country: 'US' }, { City: 'Seattle' }, { Country: 'GB' }] as SearchAvailablePhoneNumbersCommandInput[]) {
      const err = await failure(h.voice.send(new SearchAvailablePhoneNumbersCommand(input)));
      expect(err.name).toBe('BadRequestException');
    }
    expect(h.emu.stats().malformed).toBe(3);
    h.emu.reset();
  });
});

describe('another customer takes numbers', () => {
  test('taken numbers are not offered, and an order of them fails for them alone', async () => {
    h.emu.takeNumbers(['+12065550100', '+12065550101']);
    expect(h.emu.takenNumbers()).toEqual(['+12065550100', '+12065550101']);
    const found = await searchAll({ AreaCode: '206' });
    expect(found).toHaveLength(98);
    const placed = await order(['+12065550100', '+12065550102']);
    h.clock.advance(1);
    const [o] = h.emu.orders().filter(x => x.PhoneNumberOrderId === placed.PhoneNumberOrder!.PhoneNumberOrderId);
    expect(o.Status).toBe('Partial');
    expect(o.OrderedPhoneNumbers).toEqual([{ E164PhoneNumber: '+12065550100', Status: 'Failed' }, { E164PhoneNumber: '+12065550102', Status: 'Acquired' }]);
    expect(() => h.emu.takeNumbers(['+12065550102'])).toThrow(/this account holds it/);
  });

  test('a scripted race: right after the search answers, another customer takes half of what it found', async () => {
    h.emu.takeAfterSearch({ share: 0.5 });
    const empty = await h.voice.send(new SearchAvailablePhoneNumbersCommand({ AreaCode: '555' }));
    expect(empty.E164PhoneNumbers).toEqual([]);
    const page = await h.voice.send(new SearchAvailablePhoneNumbersCommand({ AreaCode: '303', MaxResults: 4 }));
    const found = page.E164PhoneNumbers!;
    expect(h.emu.takenNumbers()).toEqual(found.slice(0, 2).sort());
    const placed = await order(found);
    const statuses = h.emu.orders().find(o => o.PhoneNumberOrderId === placed.PhoneNumberOrder!.PhoneNumberOrderId)!.OrderedPhoneNumbers.map(n => n.Status);
    expect(statuses).toEqual(['Failed', 'Failed', 'Acquired', 'Acquired']);
    // Scripted once: the next search is left alone.
    await h.voice.send(new SearchAvailablePhoneNumbersCommand({ AreaCode: '303', MaxResults: 4 }));
    expect(h.emu.takenNumbers()).toHaveLength(2);
  });

  test('as a fault rate, seeded: every search that finds something loses at least one number at rate 1', async () => {
    h.emu.configure({ faults: { takenAfterSearchRate: 1 } });
    for (const area of ['206', '212', '312']) await h.voice.send(new SearchAvailablePhoneNumbersCommand({ AreaCode: area, MaxResults: 3 }));
    expect(h.emu.takenNumbers().map(n => n.slice(2, 5))).toEqual(['206', '206', '212', '212', '312', '312']);
    expect(() => h.emu.configure({ faults: { takenAfterSearchRate: 2 } })).toThrow(/takenAfterSearchRate must be within 0\.\.1/);
  });

  test('taken numbers outlive a restart with a state file', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'taken-')), 'state.json');
    const first = await startEmulator({ stateFile: file, seed: 1 });
    first.takeNumbers(['+12065550150']);
    await first.close();
    const again = await startEmulator({ stateFile: file, seed: 1 });
    try {
      expect(again.takenNumbers()).toEqual(['+12065550150']);
    } finally {
      await again.close();
    }
  });
});

describe('ListPhoneNumbers', () => {
  async function listAll(client: 'voice' | 'legacy', input: Record<string, unknown> = {}): Promise<{ number: string; status: string }[]> {
    const out: { number: string; status: string }[] = [];
    let token: string | undefined;
    do {
      const page = client === 'voice'
        ? await h.voice.send(new ListPhoneNumbersCommand({ ...input, NextToken: token }))
        : await h.legacy.send(new Legacy.ListPhoneNumbersCommand({ ...input, NextToken: token }));
      out.push(...(page.PhoneNumbers ?? []).map(p => ({ number: p.E164PhoneNumber!, status: p.Status! })));
      token = page.NextToken;
    } while (token);
    return out;
  }

  test('every record, failed acquisitions and the deletion queue included, in pages that skip nothing when numbers come and go', async () => {
    const numbers = Array.from({ length: 7 }, (_, i) => `+1212555010${i}`);
    h.emu.setUnavailable([numbers[6]]);
    await order(numbers);
    await h.voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: numbers[5] }));
    const first = await h.voice.send(new ListPhoneNumbersCommand({ MaxResults: 3 }));
    expect(first.PhoneNumbers!.map(p => p.E164PhoneNumber)).toEqual(numbers.slice(0, 3));
    // A number added before the cursor while paging does not shift the pages.
    await order(['+12065550100']);
    let rest: string[] = [];
    let token = first.NextToken;
    while (token) {
      const page = await h.voice.send(new ListPhoneNumbersCommand({ MaxResults: 3, NextToken: token }));
      rest = [...rest, ...page.PhoneNumbers!.map(p => p.E164PhoneNumber!)];
      token = page.NextToken;
    }
    expect(rest).toEqual(numbers.slice(3));
    const all = await listAll('voice');
    expect(all.map(n => n.status)).toEqual(['Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'DeleteInProgress', 'AcquireFailed']);
  });

  test('filters: status, product type, an association', async () => {
    await order(['+12065550100', '+12065550101']);
    await order(['+12065550102'], 'SipMediaApplicationDialIn');
    h.emu.associate('+12065550101', 'VoiceConnectorId', 'vc-1');
    expect((await listAll('voice', { ProductType: 'SipMediaApplicationDialIn' })).map(n => n.number)).toEqual(['+12065550102']);
    expect((await listAll('voice', { Status: 'Assigned' })).map(n => n.number)).toEqual(['+12065550101']);
    expect((await listAll('voice', { FilterName: 'VoiceConnectorId', FilterValue: 'vc-1' })).map(n => n.number)).toEqual(['+12065550101']);
    expect(await listAll('voice', { Status: 'NoSuchStatus' })).toEqual([]);
  });

  test('the legacy API: its own status names and enums; no Name or OrderId', async () => {
    await order(['+12065550100', '+12065550101']);
    await h.voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: '+12065550101' }));
    expect(await listAll('legacy', { Status: 'ReleaseInProgress' })).toEqual([{ number: '+12065550101', status: 'ReleaseInProgress' }]);
    const page = await h.legacy.send(new Legacy.ListPhoneNumbersCommand({}));
    expect(page.PhoneNumbers![0]).not.toHaveProperty('OrderId');
    const bad = await failure(h.legacy.send(new Legacy.ListPhoneNumbersCommand({ Status: 'Cancelled' as Legacy.PhoneNumberStatus })));
    expect(bad.name).toBe('BadRequestException');
    expect(h.emu.stats().malformed).toBe(1);
    h.emu.reset();
  });
});
