import { CreatePhoneNumberOrderCommand, DeletePhoneNumberCommand, GetPhoneNumberCommand } from '@aws-sdk/client-chime-sdk-voice';
import { failure, harness, Harness, N, raw } from './helpers';

describe('emulator: HTTP control endpoints', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({}, { maxAttempts: 1 });
  });
  afterEach(() => h.close());

  const post = async (path: string, body: unknown = {}) => {
    const res = await raw(h.emu.url, 'POST', `/_emulator/${path}`, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    return { status: res.status, body: JSON.parse(res.body) };
  };
  const state = async () => JSON.parse((await raw(h.emu.url, 'GET', '/_emulator/state')).body);

  test('steer the account and read it back without counting as API requests', async () => {
    expect((await post('configure', { orderDelayMs: 5000, maxPageSize: 2 })).status).toBe(200);
    expect((await post('unavailable', { numbers: [N.b] })).status).toBe(200);
    await h.voice.send(new CreatePhoneNumberOrderCommand({ ProductType: 'VoiceConnector', E164PhoneNumbers: [N.a, N.b] }));
    expect((await state()).orders[0].Status).toBe('Processing');
    expect((await post('advance-clock', { ms: 5000 })).status).toBe(200);
    const after = await state();
    expect(after.orders[0]).toMatchObject({ Status: 'Partial' });
    expect(after.phoneNumbers).toEqual([
      expect.objectContaining({ PhoneNumberId: N.a, Status: 'Unassigned' }),
      expect.objectContaining({ PhoneNumberId: N.b, Status: 'AcquireFailed' }),
    ]);

    expect((await post('associate', { number: N.a, name: 'VoiceConnectorId', value: 'vc-1' })).status).toBe(200);
    expect((await failure(h.voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: N.a })))).Code).toBe('PhoneNumberAssociationsExist');
    expect((await post('disassociate', { number: N.a })).status).toBe(200);
    await h.voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: N.a }));

    expect((await post('unrelated-orders', { count: 3, status: 'Failed' })).status).toBe(200);
    expect((await state()).orders).toHaveLength(4);

    expect((await post('inject', { operation: 'GetPhoneNumber', kind: 'throttle' })).status).toBe(200);
    expect((await failure(h.voice.send(new GetPhoneNumberCommand({ PhoneNumberId: N.a })))).name).toBe('ThrottledClientException');

    const stats = JSON.parse((await raw(h.emu.url, 'GET', '/_emulator/stats')).body);
    expect(stats).toMatchObject({ requests: 4, malformed: 0, faultsInjected: { throttle: 1, injected: 1 } });

    expect((await post('reset')).status).toBe(200);
    const empty = await state();
    expect(empty).toMatchObject({ orders: [], phoneNumbers: [], stats: { requests: 0 } });
  });

  test('bad control requests answer 400/404 with an error', async () => {
    expect((await post('inject', { operation: 'GetPhoneNumber', kind: 'meteor' })).status).toBe(400);
    expect((await post('configure', { faults: { throttleRate: 2 } })).status).toBe(400);
    expect((await post('associate', { number: N.d, name: 'VoiceConnectorId', value: 'vc' })).body.error).toMatch(/not an owned number/);
    const unknown = await raw(h.emu.url, 'GET', '/_emulator/nope');
    expect(unknown.status).toBe(404);
    expect(h.emu.stats().requests).toBe(0);
  });
});
