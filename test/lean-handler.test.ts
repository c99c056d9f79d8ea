// The bundled handler as Lambda loads it (a plain node process, outside jest's module sandbox),
// against the emulator: which files a cold start loads for each API, which region each API is
// called in, and the log group its FAILED reasons name.
import { execFile } from 'child_process';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { promisify } from 'util';
import { statusOf, useEmulator, voiceProps } from './support/provider-harness';

const HANDLER_DIR = path.join(__dirname, '..', 'dist', 'handler');
const LOG_GROUP = 'Telephony-PhoneNumberOrderProviderLogs2A9B2C3D-Vx1yZ2aB3cD4';
const emulator = useEmulator();

/**
 * Passes every request on to the emulator unchanged (Host header included, so signatures still
 * verify) and notes the region each was signed for: the SigV4 credential scope.
 */
let proxyUrl: string;
let signedFor: string[] = [];
let proxy: http.Server;
beforeAll(async () => {
  proxy = http.createServer((req, res) => {
    signedFor.push(/Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? '(unsigned)');
    const target = new URL(emulator.url);
    const forward = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, answer => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forward);
  });
  await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(() => new Promise(resolve => proxy.close(resolve)));
beforeEach(() => { signedFor = []; });

interface Outcome {
  result?: Record<string, any>;
  error?: string;
  /** The handler's files in require.cache before the event and after it, by base name. */
  loadedBefore: string[];
  loadedAfter: string[];
}

// Runs one event in a fresh process, then reports what it answered and which bundle files it loaded.
const SCRIPT = `const dir = process.argv[1];
const loaded = () => Object.keys(require.cache).filter(f => f.startsWith(dir)).map(f => require('path').basename(f)).sort();
const handler = require(dir + '/index.js');
const loadedBefore = loaded();
const report = o => process.stderr.write('OUTCOME' + JSON.stringify({ ...o, loadedBefore, loadedAfter: loaded() }));
handler[process.argv[2]](JSON.parse(process.argv[3])).then(result => report({ result }), e => report({ error: e.message }));`;

async function handle(event: object, env: Record<string, string> = {}, step: 'onEvent' | 'isComplete' = 'onEvent'): Promise<Outcome> {
  const { stderr } = await promisify(execFile)(process.execPath, ['-e', SCRIPT, HANDLER_DIR, step, JSON.stringify(event)], {
    env: {
      ...process.env, AWS_ENDPOINT_URL_CHIME: proxyUrl, AWS_ENDPOINT_URL_CHIME_SDK_VOICE: proxyUrl,
      AWS_LAMBDA_LOG_GROUP_NAME: LOG_GROUP, AWS_REGION: 'us-east-1', ...env,
    },
  });
  return JSON.parse(stderr.slice(stderr.indexOf('OUTCOME') + 'OUTCOME'.length));
}

const create = (props: Record<string, unknown>) => ({ RequestType: 'Create', LogicalResourceId: 'Numbers', ResourceProperties: { ServiceToken: 'x', ...props } });

describe('a cold start loads one API\'s client', () => {
  test.each([
    ['Chime SDK Voice', voiceProps(['+12065550100']), 'chime-sdk-voice.js'],
    ['the legacy API', voiceProps(['+12065550100'], { Api: 'chime', ProductType: 'BusinessCalling' }), 'chime.js'],
  ])('an event for %s loads index.js and that adapter only', async (_api, props, adapter) => {
    const outcome = await handle(create(props));
    expect(outcome.error).toBeUndefined();
    expect(outcome.result?.PhysicalResourceId).toBe(emulator.orders()[0].PhoneNumberOrderId);
    expect(outcome.loadedBefore).toEqual(['index.js']);
    expect(outcome.loadedAfter).toEqual(['index.js', adapter].sort());
    expect(emulator.orders()[0].Api).toBe(props.Api);
  });
});

describe('the region each API is called in', () => {
  test('Chime SDK Voice: the resource\'s ApiRegion, not the Lambda\'s region', async () => {
    const outcome = await handle(create(voiceProps(['+12065550100'], { ApiRegion: 'us-west-2' })), { AWS_REGION: 'eu-west-1' });
    expect(outcome.error).toBeUndefined();
    expect(statusOf(emulator, '+12065550100')).toBe('Unassigned');
    expect(new Set(signedFor)).toEqual(new Set(['us-west-2']));
  });

  test('the legacy API from a Lambda in any region of the aws partition: its global endpoint, signed for us-east-1', async () => {
    const outcome = await handle(create(voiceProps(['+12065550100'], { Api: 'chime', ProductType: 'BusinessCalling' })), { AWS_REGION: 'eu-north-1' });
    expect(outcome.error).toBeUndefined();
    expect(statusOf(emulator, '+12065550100')).toBe('Unassigned');
    expect(new Set(signedFor)).toEqual(new Set(['us-east-1']));
  });

  test.each([
    ['an ApiRegion without phone numbers', voiceProps(['+12065550100'], { ApiRegion: 'ap-southeast-2' }), {},
      /^ApiRegion "ap-southeast-2" \(the PhoneNumberOrder's apiRegion, or the stack's region when apiRegion is not set\) has a Chime SDK Voice endpoint .* but not for phone numbers: .*only in us-east-1 or us-west-2/],
    ['no ApiRegion (a resource from before it existed) in a Lambda region without phone numbers', voiceProps(['+12065550100']), { AWS_REGION: 'eu-north-1' },
      /^ApiRegion "eu-north-1" .* has no Chime SDK Voice phone number API/],
    ['the legacy API outside the aws partition', voiceProps(['+12065550100'], { Api: 'chime' }), { AWS_REGION: 'cn-north-1' },
      /^The legacy Amazon Chime API has one global endpoint, in the aws partition only, and this stack is in cn-north-1 \(partition aws-cn\)/],
    ['Chime SDK Voice outside the aws partition', voiceProps(['+12065550100'], { ApiRegion: 'us-east-1' }), { AWS_REGION: 'us-gov-west-1' },
      /^Chime SDK Voice phone numbers exist only in the aws partition .* this stack is in us-gov-west-1 \(partition aws-us-gov\)/],
  ])('%s: FAILED before any call, naming the region and the choices', async (_what, props, env, reason) => {
    const outcome = await handle(create(props), env);
    expect(outcome.error).toMatch(reason);
    expect(emulator.stats().requests).toBe(0);
  });
});

describe('FAILED reasons name the log group the handler really logs to', () => {
  test('the reason ends with it (Lambda sets AWS_LAMBDA_LOG_GROUP_NAME to the configured group)', async () => {
    const outcome = await handle(create(voiceProps(['+1206'])));
    expect(outcome.error).toMatch(/^Nothing was changed: \*\*\*1206 is not a valid phone number/);
    expect(outcome.error?.endsWith(`. Logs: ${LOG_GROUP}`)).toBe(true);
  });

  test('a long reason is shortened, never the log group: the whole stays within 1,500 characters', async () => {
    // 555 is no area code: every number is a problem of its own.
    const numbers = Array.from({ length: 200 }, (_, i) => `+1555555${String(1000 + i)}`);
    const outcome = await handle(create(voiceProps(numbers)));
    expect(outcome.error?.length).toBeLessThanOrEqual(1500);
    expect(outcome.error).toMatch(new RegExp(`\\.\\.\\.\\. Logs: ${LOG_GROUP}$`));
  });

  test('isComplete\'s reasons too', async () => {
    const orderId = '00000000-0000-4000-8000-000000000000';
    const outcome = await handle({ ...create(voiceProps(['+12065550100'])), PhysicalResourceId: orderId, Data: { OrderId: orderId } }, {}, 'isComplete');
    expect(outcome.error).toMatch(new RegExp(`^Order ${orderId} acquired no number \\(the order no longer exists in Chime; .*\\. Logs: ${LOG_GROUP}$`));
  });
});
