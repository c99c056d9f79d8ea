// Scenarios the chaos suite found, replayed deterministically (one-shot faults, no randomness),
// through the same Provider-framework driver, so that each stays fixed.
import { DEFAULT_CREDENTIALS, startEmulator, type Emulator } from '../../emulator';
import { isComplete, onEvent } from '../../lambda';
import { deliver, type EventRequest } from '../../tools/chaos/provider';
import { DEFAULT_TIMING } from '../../tools/chaos';
import { hasFullNumber } from '../../tools/chaos/log-scan';

const [A, B, U] = ['+12145550100', '+12145550101', '+12145550107'];
const props = (numbers: string[], extra: Record<string, unknown> = {}) => ({
  ProductType: 'VoiceConnector', E164PhoneNumbers: numbers, Api: 'chime-sdk-voice', AllowPartial: 'false', ...extra,
});
const send = (req: EventRequest) => deliver({ onEvent, isComplete }, req, { ...DEFAULT_TIMING, queryIntervalMs: 20 });
const held = (n: string) => emulator.phoneNumbers().find(p => p.E164PhoneNumber === n)?.Status;

let emulator: Emulator;
const saved = { ...process.env };
// The handlers' JSON log lines: kept off the test output, and scanned like the chaos suite does.
const logs: string[] = [];
const write = process.stdout.write.bind(process.stdout);

beforeAll(async () => {
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    if (typeof chunk === 'string' && chunk.startsWith('{"timestamp"')) return logs.push(chunk) > 0;
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
  emulator = await startEmulator({ seed: 11 });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_CHIME: emulator.url, AWS_ENDPOINT_URL_CHIME_SDK_VOICE: emulator.url,
    AWS_ACCESS_KEY_ID: DEFAULT_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: DEFAULT_CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1', INLINE_WAIT_SECONDS: '0',
  });
});
afterAll(async () => {
  await emulator.close();
  process.env = saved;
  process.stdout.write = write;
});
beforeEach(() => emulator.reset());
afterEach(() => {
  expect(emulator.stats().malformedDetails).toEqual([]);
  expect(logs.length).toBeGreaterThan(0);
  expect(logs.filter(hasFullNumber)).toEqual([]);
});

test('a Delete whose BatchDeletePhoneNumber answer is lost, retried by the SDK, succeeds', async () => {
  const created = await send({ requestType: 'Create', props: props([A, B]) });
  emulator.injectOnce({ operation: 'BatchDeletePhoneNumber', kind: 'drop-after-act' });
  const deleted = await send({ requestType: 'Delete', props: props([A, B]), physicalId: created.physicalId });
  expect(deleted).toMatchObject({ status: 'SUCCESS' });
  expect([held(A), held(B)]).toEqual(['DeleteInProgress', 'DeleteInProgress']);
});

test('an UPDATE_ROLLBACK whose RestorePhoneNumber answer is lost, retried by the SDK, succeeds', async () => {
  const created = await send({ requestType: 'Create', props: props([A, B]) });
  expect((await send({ requestType: 'Update', props: props([A]), oldProps: props([A, B]), physicalId: created.physicalId })).status).toBe('SUCCESS');
  emulator.injectOnce({ operation: 'RestorePhoneNumber', kind: 'drop-after-act' });
  const back = await send({ requestType: 'Update', props: props([A, B]), oldProps: props([A]), physicalId: created.physicalId });
  expect(back).toMatchObject({ status: 'SUCCESS', data: { PhoneNumbers: [A, B] } });
  expect(held(B)).toBe('Unassigned');
});

describe('an allowPartial resource with a number its order never got', () => {
  const partial = (numbers: string[]) => props(numbers, { AllowPartial: 'true' });
  let physicalId: string | undefined;

  beforeEach(async () => {
    emulator.setUnavailable([U]);
    const created = await send({ requestType: 'Create', props: partial([A, U]) });
    expect(created).toMatchObject({ status: 'SUCCESS', data: { PhoneNumbers: [A], FailedPhoneNumbers: [U] } });
    physicalId = created.physicalId;
  });

  test('a no-op update orders nothing', async () => {
    const updated = await send({ requestType: 'Update', props: partial([A, U]), oldProps: { ...partial([A, U]), Name: 'x' }, physicalId });
    expect(updated).toMatchObject({ status: 'SUCCESS', data: { PhoneNumbers: [A], FailedPhoneNumbers: [U] } });
    expect(emulator.orders().filter(o => !o.Unrelated)).toHaveLength(1);
  });

  test('dropping that number, then rolling the update back, leaves the stack as it was', async () => {
    expect((await send({ requestType: 'Update', props: partial([A]), oldProps: partial([A, U]), physicalId })).status).toBe('SUCCESS');
    const back = await send({ requestType: 'Update', props: partial([A, U]), oldProps: partial([A]), physicalId });
    expect(back).toMatchObject({ status: 'SUCCESS', data: { PhoneNumbers: [A], FailedPhoneNumbers: [U] } });
    expect(held(A)).toBe('Unassigned');
  });
});
