import {
  CreatePhoneNumberOrderCommand,
  GetPhoneNumberCommand,
  ListPhoneNumberOrdersCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { failure, harness, Harness, N } from './helpers';
import { EmulatorOptions } from '../../emulator';

describe('emulator: fault injection', () => {
  let h: Harness;
  afterEach(() => h.close());
  const start = async (options: EmulatorOptions = {}) => {
    h = await harness(options, { maxAttempts: 1 });
  };
  const order = (n: string) => h.voice.send(new CreatePhoneNumberOrderCommand({ ProductType: 'VoiceConnector', E164PhoneNumbers: [n] }));
  const list = () => h.voice.send(new ListPhoneNumberOrdersCommand({}));

  test('throttling surfaces as ThrottledClientException (429) before acting', async () => {
    await start({ faults: { throttleRate: 1 } });
    const e = await failure(order(N.a));
    expect(e.name).toBe('ThrottledClientException');
    expect(e.$metadata?.httpStatusCode).toBe(429);
    expect(h.emu.orders()).toEqual([]);
    expect(h.emu.stats()).toMatchObject({ malformed: 0, faultsInjected: { throttle: 1 } });
  });

  test('server errors surface as ServiceFailureException (500) or ServiceUnavailableException (503)', async () => {
    await start({ faults: { serverErrorRate: 1 } });
    const names = new Set<string>();
    for (let i = 0; i < 12; i++) names.add((await failure(list())).name);
    expect(names).toEqual(new Set(['ServiceFailureException', 'ServiceUnavailableException']));
    expect(h.emu.stats().faultsInjected.serverError).toBe(12);
  });

  test('the SDK retries a throttled call by itself and then succeeds', async () => {
    await start();
    const retrying = await harness({}, { maxAttempts: 3 });
    try {
      retrying.emu.injectOnce({ operation: 'ListPhoneNumberOrders', kind: 'throttle' });
      const out = await retrying.voice.send(new ListPhoneNumberOrdersCommand({}));
      expect(out.$metadata.attempts).toBe(2);
    } finally {
      await retrying.close();
    }
  });

  test('drop-after-act: the client sees a network error, yet the order is in the book', async () => {
    await start();
    h.emu.injectOnce({ operation: 'CreatePhoneNumberOrder', kind: 'drop-after-act' });
    const e = await failure(order(N.a));
    expect((e as Error & { code?: string }).code).toBe('ECONNRESET');
    expect(e.$metadata?.httpStatusCode).toBeUndefined();
    expect(h.emu.orders()).toHaveLength(1);
    expect(h.emu.orders()[0].OrderedPhoneNumbers[0].E164PhoneNumber).toBe(N.a);
    await order(N.b);
    expect(h.emu.orders()).toHaveLength(2);
    expect(h.emu.stats().faultsInjected).toMatchObject({ dropAfterAct: 1, injected: 1 });
  });

  test('drop-before-act: a network error and nothing done', async () => {
    await start();
    h.emu.injectOnce({ operation: 'CreatePhoneNumberOrder', kind: 'drop-before-act' });
    expect(((await failure(order(N.a))) as Error & { code?: string }).code).toBe('ECONNRESET');
    expect(h.emu.orders()).toEqual([]);
  });

  test('one-shot faults are consumed in order, per operation, count times', async () => {
    await start();
    h.emu.injectOnce({ operation: 'GetPhoneNumber', kind: 'access-denied' });
    h.emu.injectOnce({ operation: 'GetPhoneNumber', kind: 'bad-request', count: 2 });
    h.emu.injectOnce({ operation: 'ListPhoneNumberOrders', kind: 'server-error' });
    const get = () => h.voice.send(new GetPhoneNumberCommand({ PhoneNumberId: N.a }));
    expect((await failure(list())).name).toBe('ServiceFailureException');
    expect((await failure(get())).name).toBe('AccessDeniedException');
    expect((await failure(get())).name).toBe('BadRequestException');
    expect((await failure(get())).name).toBe('BadRequestException');
    expect((await failure(get())).name).toBe('NotFoundException');
    await list();
    expect(h.emu.stats()).toMatchObject({ malformed: 0, faultsInjected: { injected: 4, serverError: 1 } });
  });

  test('rate faults only hit the listed operations; dropAfterActRate only mutating ones', async () => {
    await start({ faults: { throttleRate: 1, operations: ['GetPhoneNumber'] } });
    await order(N.a);
    expect((await failure(h.voice.send(new GetPhoneNumberCommand({ PhoneNumberId: N.a })))).name).toBe('ThrottledClientException');
    h.emu.configure({ faults: { dropAfterActRate: 1 } });
    await list();
    await failure(order(N.b));
    expect(h.emu.orders()).toHaveLength(2);
  });

  test('the same seed replays the same faults; latency delays answers', async () => {
    const outcomes = async (seed: number) => {
      await start({ seed, faults: { throttleRate: 0.5, latencyMs: { min: 1, max: 5 } } });
      const out: string[] = [];
      for (let i = 0; i < 16; i++) out.push(await list().then(() => 'ok', (e: Error) => e.name));
      const stats = h.emu.stats();
      await h.close();
      return { out, stats };
    };
    const a = await outcomes(7);
    const b = await outcomes(7);
    expect(b.out).toEqual(a.out);
    expect(a.out).toContain('ok');
    expect(a.out).toContain('ThrottledClientException');
    expect(a.stats.faultsInjected.latency).toBe(16);
    const c = await outcomes(8);
    expect(c.out).not.toEqual(a.out);
    await start(); // for afterEach
  });
});
