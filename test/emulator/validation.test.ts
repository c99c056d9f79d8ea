import {
  CreatePhoneNumberOrderCommand,
  GetPhoneNumberCommand,
  ListPhoneNumberOrdersCommand,
  SearchAvailablePhoneNumbersCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import * as Legacy from '@aws-sdk/client-chime';
import { credentials, failure, harness, Harness, N, signedRaw } from './helpers';

describe('emulator: API detection and validation', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(() => h.close());

  const voiceOrder = (input: { ProductType: string; E164PhoneNumbers: string[]; Name?: string }) =>
    h.voice.send(new CreatePhoneNumberOrderCommand(input as never));
  const legacyOrder = (input: { ProductType: string; E164PhoneNumbers: string[] }) =>
    h.legacy.send(new Legacy.CreatePhoneNumberOrderCommand(input as never));

  test('BusinessCalling is refused on chime-sdk-voice and accepted on chime', async () => {
    const e = await failure(voiceOrder({ ProductType: 'BusinessCalling', E164PhoneNumbers: [N.a] }));
    expect(e.name).toBe('BadRequestException');
    expect(e.message).toMatch(/enum value set: \[VoiceConnector, SipMediaApplicationDialIn\]/);
    expect(e.$metadata?.httpStatusCode).toBe(400);
    const ok = await legacyOrder({ ProductType: 'BusinessCalling', E164PhoneNumbers: [N.a] });
    expect(ok.PhoneNumberOrder?.ProductType).toBe('BusinessCalling');
    expect(h.emu.stats()).toMatchObject({ malformed: 1, byOperation: { CreatePhoneNumberOrder: 2 } });
    expect(h.emu.stats().malformedDetails[0]).toMatch(/^CreatePhoneNumberOrder \(chime-sdk-voice\): .*BusinessCalling/);
  });

  test('Name is validated on chime-sdk-voice; the legacy model has no Name, so it is ignored there', async () => {
    await voiceOrder({ ProductType: 'VoiceConnector', E164PhoneNumbers: [N.a], Name: 'main line' });
    h.clock.advance(1);
    expect((await h.voice.send(new GetPhoneNumberCommand({ PhoneNumberId: N.a }))).PhoneNumber?.Name).toBe('main line');
    const bad = await failure(voiceOrder({ ProductType: 'VoiceConnector', E164PhoneNumbers: [N.b], Name: ' leading space' }));
    expect(bad.name).toBe('BadRequestException');
    const tooLong = await failure(voiceOrder({ ProductType: 'VoiceConnector', E164PhoneNumbers: [N.b], Name: 'x'.repeat(257) }));
    expect(tooLong.name).toBe('BadRequestException');
    // Raw, because the legacy SDK drops the unknown member itself.
    const legacyRaw = await signedRaw(h.emu.url, 'POST', {
      api: 'chime',
      path: '/phone-number-orders',
      body: JSON.stringify({ ProductType: 'VoiceConnector', E164PhoneNumbers: [N.c], Name: 'ignored' }),
    });
    expect(legacyRaw.status).toBe(201);
    expect(h.emu.phoneNumbers().find((n) => n.PhoneNumberId === N.c)?.Name).toBeUndefined();
    expect(h.emu.stats().malformed).toBe(2);
  });

  test.each([
    ['a non-E.164 number', { ProductType: 'VoiceConnector', E164PhoneNumbers: ['206-555-0100'] }, /'e164PhoneNumbers\.1\.member' failed to satisfy constraint/],
    ['a +1 number of the wrong length', { ProductType: 'VoiceConnector', E164PhoneNumbers: ['+1206555010'] }, /10 digits/],
    ['an empty number list', { ProductType: 'VoiceConnector', E164PhoneNumbers: [] }, /lists no phone number/],
    ['a duplicate number', { ProductType: 'VoiceConnector', E164PhoneNumbers: [N.a, N.a.slice(1)] }, /more than once/],
    ['an unknown product type', { ProductType: 'Fax', E164PhoneNumbers: [N.a] }, /enum/],
    ['a Canadian number as VoiceConnector', { ProductType: 'VoiceConnector', E164PhoneNumbers: [N.canada] }, /outside the U\.S\. \(CA\)/],
    ['a UK number as VoiceConnector', { ProductType: 'VoiceConnector', E164PhoneNumbers: ['+442079460100'] }, /outside the U\.S\. \(GB\)/],
  ])('%s is a BadRequestException with a message, counted as malformed', async (_, input, message) => {
    const e = await failure(voiceOrder(input));
    expect(e.name).toBe('BadRequestException');
    expect(e.message).toMatch(message);
    expect(e.message).not.toContain('2065550100');
    const stats = h.emu.stats();
    expect(stats.malformed).toBe(1);
    expect(stats.malformedDetails.join(' ')).not.toMatch(/\d{5}/);
    expect(h.emu.orders()).toEqual([]);
  });

  test('toll-free cannot be BusinessCalling; numbers outside the U.S. may be SipMediaApplicationDialIn', async () => {
    const e = await failure(legacyOrder({ ProductType: 'BusinessCalling', E164PhoneNumbers: [N.tollFree] }));
    expect(e.message).toMatch(/toll-free/i);
    await voiceOrder({ ProductType: 'SipMediaApplicationDialIn', E164PhoneNumbers: [N.canada, N.tollFree] });
    h.clock.advance(1);
    expect(h.emu.phoneNumbers().map((n) => [n.Country, n.Type])).toEqual([
      ['CA', 'Local'],
      ['US', 'TollFree'],
    ]);
    expect(h.emu.stats().malformed).toBe(1);
  });

  test('ListPhoneNumberOrders max-results: 100 on voice, 99 on legacy', async () => {
    await h.voice.send(new ListPhoneNumberOrdersCommand({ MaxResults: 100 }));
    const legacy = await failure(h.legacy.send(new Legacy.ListPhoneNumberOrdersCommand({ MaxResults: 100 })));
    expect(legacy.name).toBe('BadRequestException');
    await h.legacy.send(new Legacy.ListPhoneNumberOrdersCommand({ MaxResults: 99 }));
    expect((await failure(h.voice.send(new ListPhoneNumberOrdersCommand({ MaxResults: 0 })))).name).toBe('BadRequestException');
    const badToken = await failure(h.voice.send(new ListPhoneNumberOrdersCommand({ NextToken: 'garbage' })));
    expect(badToken.name).toBe('BadRequestException');
    expect(h.emu.stats().malformed).toBe(3);
  });

  test('a well-formed lookup of an unknown number is NotFound and not malformed', async () => {
    const e = await failure(h.voice.send(new GetPhoneNumberCommand({ PhoneNumberId: N.d })));
    expect(e.name).toBe('NotFoundException');
    expect(e.message).not.toContain(N.d);
    expect(h.emu.stats()).toMatchObject({ requests: 1, malformed: 0 });
  });

  test('the legacy API must be signed for us-east-1', async () => {
    const legacy = new Legacy.ChimeClient({ endpoint: h.emu.url, region: 'eu-west-2', credentials, maxAttempts: 1 });
    try {
      const e = await failure(legacy.send(new Legacy.ListPhoneNumberOrdersCommand({})));
      expect(e.name).toBe('InvalidSignatureException');
      expect(e.$metadata?.httpStatusCode).toBe(403);
      expect(e.message).toBe("Credential should be scoped to a valid region, not 'eu-west-2'. ");
      expect(h.emu.stats().malformed).toBe(1);
    } finally {
      legacy.destroy();
    }
  });

  test('unknown routes and bad JSON are refused and counted as malformed', async () => {
    const unknown = await signedRaw(h.emu.url, 'GET', { path: '/voice-connectors' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers['x-amzn-errortype']).toBe('NotFoundException');
    const badJson = await signedRaw(h.emu.url, 'POST', { path: '/phone-number-orders', body: '{"ProductType":' });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body).Message).toMatch(/not valid JSON/);
    expect(h.emu.stats()).toMatchObject({ malformed: 2, byOperation: { Unknown: 1, CreatePhoneNumberOrder: 1 } });
  });

  test('without an SDK user agent the defaultApi decides', async () => {
    const anonymous = { path: '/phone-number-orders', body: JSON.stringify({ ProductType: 'BusinessCalling', E164PhoneNumbers: [N.a] }) };
    const withoutAgent = (r: { headers: Record<string, string> }) => delete r.headers['user-agent'];
    expect((await signedRaw(h.emu.url, 'POST', { ...anonymous, after: withoutAgent })).status).toBe(400);
    const legacyDefault = await harness({ defaultApi: 'chime' });
    try {
      expect((await signedRaw(legacyDefault.emu.url, 'POST', { ...anonymous, after: withoutAgent })).status).toBe(201);
    } finally {
      await legacyDefault.close();
    }
  });

  test('SearchAvailablePhoneNumbers returns fictional numbers the account does not hold', async () => {
    await voiceOrder({ ProductType: 'VoiceConnector', E164PhoneNumbers: [N.a] });
    const found = await h.voice.send(new SearchAvailablePhoneNumbersCommand({ AreaCode: '206', MaxResults: 100 }));
    expect(found.E164PhoneNumbers).toHaveLength(99);
    expect(found.E164PhoneNumbers).not.toContain(N.a);
    expect(found.E164PhoneNumbers?.every((n) => /^\+120655501\d\d$/.test(n))).toBe(true);
    const page = await h.legacy.send(new Legacy.SearchAvailablePhoneNumbersCommand({ TollFreePrefix: '888', MaxResults: 10 }));
    expect(page.E164PhoneNumbers).toHaveLength(10);
    expect(page.NextToken).toBeDefined();
    const noFilter = await failure(h.voice.send(new SearchAvailablePhoneNumbersCommand({ Country: 'US' })));
    expect(noFilter.name).toBe('BadRequestException');
  });
});
