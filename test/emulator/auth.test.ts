// The AWS front end in the emulator: SigV4 verified for real against known keys, clock skew,
// credential scope, and the regions where Chime SDK Voice has an endpoint at all.
import * as Legacy from '@aws-sdk/client-chime';
import { ChimeSDKVoiceClient, ListPhoneNumberOrdersCommand } from '@aws-sdk/client-chime-sdk-voice';
import { DEFAULT_CREDENTIALS, type EmulatorCredentials, VOICE_REGIONS } from '../../emulator';
import facts from '../fixtures/chime-model-facts.json';
import { failure, harness, Harness, N, signedRaw } from './helpers';

const BAD_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. ' +
  'Consult the service documentation for details.';
const MINUTE = 60_000;

describe('emulator: request signing', () => {
  let h: Harness;
  let skewMs = 0;
  beforeEach(async () => {
    skewMs = 0;
    h = await harness({ signingClock: () => Date.now() + skewMs });
  });
  afterEach(() => h.close());

  const voice = (config: Record<string, unknown>) => new ChimeSDKVoiceClient({ endpoint: h.emu.url, region: 'us-east-1', maxAttempts: 1, ...config });
  const list = async (config: Record<string, unknown>) => {
    const client = voice(config);
    try {
      return await client.send(new ListPhoneNumberOrdersCommand({}));
    } finally {
      client.destroy();
    }
  };
  const body = (r: { body: string }) => JSON.parse(r.body) as Record<string, unknown>;

  test('a request signed with the default key passes, with or without a session token', async () => {
    await list({ credentials: DEFAULT_CREDENTIALS });
    await list({ credentials: { ...DEFAULT_CREDENTIALS, sessionToken: 'local-deploy-dummy-session' } });
    expect(h.emu.stats()).toMatchObject({ requests: 2, malformed: 0 });
  });

  test('an unknown access key is UnrecognizedClientException', async () => {
    const e = await failure(list({ credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: DEFAULT_CREDENTIALS.secretAccessKey } }));
    expect(e.name).toBe('UnrecognizedClientException');
    expect(e.$metadata?.httpStatusCode).toBe(403);
    expect(e.message).toBe('The security token included in the request is invalid.');
  });

  test('a wrong secret is InvalidSignatureException with the message AWS gives', async () => {
    const e = await failure(list({ credentials: { ...DEFAULT_CREDENTIALS, secretAccessKey: 'not-the-secret' } }));
    expect(e.name).toBe('InvalidSignatureException');
    expect(e.$metadata?.httpStatusCode).toBe(403);
    expect(e.message).toBe(BAD_SIGNATURE);
    expect(h.emu.stats().malformedDetails).toEqual([`ListPhoneNumberOrders (chime-sdk-voice): ${BAD_SIGNATURE}`]);
  });

  test('other accepted keys are an option, and a key may require its session token', async () => {
    const other = { accessKeyId: 'AKIAOTHERKEY00000000', secretAccessKey: 'other-secret', sessionToken: 'token-1' };
    const emu = await harness({ credentials: [other] });
    const client = (credentials: EmulatorCredentials) => new ChimeSDKVoiceClient({ endpoint: emu.emu.url, region: 'us-east-1', maxAttempts: 1, credentials });
    try {
      await client(other).send(new ListPhoneNumberOrdersCommand({}));
      const wrongToken = await failure(client({ ...other, sessionToken: 'token-2' }).send(new ListPhoneNumberOrdersCommand({})));
      expect(wrongToken.name).toBe('UnrecognizedClientException');
      const defaultKey = await failure(client(DEFAULT_CREDENTIALS).send(new ListPhoneNumberOrdersCommand({})));
      expect(defaultKey.name).toBe('UnrecognizedClientException');
    } finally {
      await emu.close();
    }
  });

  test.each([
    ['the body', (r: { body?: string }) => (r.body = r.body?.replace(N.a, N.b))],
    ['the path', (r: { path: string }) => (r.path = r.path.replace('phone-number-orders', 'phone-number-orders/'))],
    ['a signed header', (r: { headers: Record<string, string> }) => (r.headers['content-type'] = 'application/x-amz-json-1.1')],
  ])('changing %s after signing breaks the signature', async (_, tamper) => {
    const order = { path: '/phone-number-orders', body: JSON.stringify({ ProductType: 'VoiceConnector', E164PhoneNumbers: [N.a] }) };
    expect((await signedRaw(h.emu.url, 'POST', order)).status).toBe(201);
    const res = await signedRaw(h.emu.url, 'POST', { ...order, after: tamper as (r: object) => void });
    expect(res.status).toBe(403);
    expect(res.headers['x-amzn-errortype']).toBe('InvalidSignatureException');
    expect(body(res)).toEqual({ message: BAD_SIGNATURE });
    expect(h.emu.orders()).toHaveLength(1);
  });

  test('query parameters and encoded path labels are signed as the SDK signs them', async () => {
    await signedRaw(h.emu.url, 'POST', { path: '/phone-number-orders', body: JSON.stringify({ ProductType: 'VoiceConnector', E164PhoneNumbers: [N.a] }) });
    const restore = { path: `/phone-numbers/${encodeURIComponent(N.a)}`, query: { operation: 'restore' } };
    expect((await signedRaw(h.emu.url, 'POST', restore)).status).toBe(400); // well signed; the number is not in the deletion queue
    const search = { path: '/search', query: { type: 'phone-numbers', 'area-code': '206', 'max-results': '3' } };
    expect(body(await signedRaw(h.emu.url, 'GET', search)).E164PhoneNumbers).toHaveLength(3);
    const changed = await signedRaw(h.emu.url, 'GET', { ...search, after: (r) => (r.path = r.path.replace('max-results=3', 'max-results=4')) });
    expect(changed.status).toBe(403);
  });

  test.each([
    ['no Authorization header', { after: (r: { headers: Record<string, string> }) => delete r.headers.authorization }, 'MissingAuthenticationTokenException', 'Missing Authentication Token'],
    ['a non-SigV4 Authorization', { after: (r: { headers: Record<string, string> }) => (r.headers.authorization = 'Bearer abc') }, 'IncompleteSignatureException',
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter."],
    ['another service', { service: 's3' }, 'InvalidSignatureException', "Credential should be scoped to correct service: 'chime'. "],
  ])('%s is refused by the front end', async (_, opts, type, message) => {
    const res = await signedRaw(h.emu.url, 'GET', { path: '/phone-number-orders', ...(opts as object) });
    expect(res.status).toBe(403);
    expect(res.headers['x-amzn-errortype']).toBe(type);
    expect(body(res)).toEqual({ message });
    expect(h.emu.stats().malformed).toBe(1);
  });

  test('the Date header shows the emulator clock the signatures are checked against', async () => {
    skewMs = 42 * MINUTE;
    const res = await signedRaw(h.emu.url, 'GET', { path: '/phone-number-orders', signingDate: new Date(Date.now() + skewMs) });
    expect(res.status).toBe(200);
    expect(Math.abs(Date.parse(res.headers.date as string) - (Date.now() + skewMs))).toBeLessThan(2000);
  });

  test.each([
    ['behind', 10 * MINUTE, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/],
    ['ahead', -10 * MINUTE, /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)$/],
  ])('a client clock 10 minutes %s is refused; the SDK corrects it from the Date header and retries', async (_, skew, message) => {
    skewMs = skew;
    const once = await failure(list({ credentials: DEFAULT_CREDENTIALS }));
    expect(once.name).toBe('InvalidSignatureException');
    expect(once.$metadata?.httpStatusCode).toBe(403);
    expect(once.message).toMatch(message);
    const client = voice({ credentials: DEFAULT_CREDENTIALS, maxAttempts: 3 });
    try {
      await client.send(new ListPhoneNumberOrdersCommand({}));
      expect(Math.abs(client.config.systemClockOffset - skew)).toBeLessThan(2000);
    } finally {
      client.destroy();
    }
    expect(h.emu.stats()).toMatchObject({ requests: 3, malformed: 2 });
  });

  test('four minutes of skew are within what AWS allows', async () => {
    skewMs = 4 * MINUTE;
    await list({ credentials: DEFAULT_CREDENTIALS });
    expect(h.emu.stats().malformed).toBe(0);
  });
});

describe('emulator: regions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.emu.reset());

  const listIn = async (region: string, maxAttempts = 1) => {
    const client = new ChimeSDKVoiceClient({ endpoint: h.emu.url, region, credentials: DEFAULT_CREDENTIALS, maxAttempts });
    try {
      return await client.send(new ListPhoneNumberOrdersCommand({}));
    } finally {
      client.destroy();
    }
  };

  test('the emulator serves exactly the regions the endpoint data gives Chime SDK Voice', () => {
    expect([...VOICE_REGIONS]).toEqual(facts.voiceEndpoints.regions);
  });

  test.each(facts.voiceEndpoints.regions)('Chime SDK Voice answers in %s', async (region) => {
    expect((await listIn(region)).PhoneNumberOrders).toEqual([]);
  });

  test('elsewhere the request gets no answer, like a host that does not resolve, and the SDK retries it as a network error', async () => {
    for (const region of facts.voiceEndpoints.awsRegionsWithout) {
      // What the SDK's endpoint rules would have the client call outside the emulator.
      expect((facts.voiceEndpoints.sdkHosts as Record<string, string>)[region]).toBe(`voice-chime.${region}.amazonaws.com`);
      const e = await failure(listIn(region));
      expect(e.$metadata?.httpStatusCode).toBeUndefined();
      expect((e as { code?: string }).code).toBe('ECONNRESET');
    }
    const { awsRegionsWithout } = facts.voiceEndpoints;
    expect(h.emu.stats()).toMatchObject({ requests: awsRegionsWithout.length, malformed: awsRegionsWithout.length });
    expect(h.emu.stats().malformedDetails[0]).toBe(`ListPhoneNumberOrders (chime-sdk-voice): signed for ${awsRegionsWithout[0]}, where Chime SDK Voice has no endpoint`);
    h.emu.reset();
    await failure(listIn('eu-west-3', 3));
    expect(h.emu.stats().requests).toBe(3);
  });

  test('the legacy API answers for any client region, signed for us-east-1 as its global endpoint is', async () => {
    const legacy = new Legacy.ChimeClient({ endpoint: h.emu.url, region: 'us-east-1', credentials: DEFAULT_CREDENTIALS, maxAttempts: 1 });
    try {
      expect((await legacy.send(new Legacy.ListPhoneNumberOrdersCommand({}))).PhoneNumberOrders).toEqual([]);
    } finally {
      legacy.destroy();
    }
  });
});
