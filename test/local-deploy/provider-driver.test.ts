import type { InvokeOutcome } from '../../tools/local-deploy/lambda-runner';
import { CREATE_FAILED_MARKER, CfnRequest, DriverDeps, driveProvider } from '../../tools/local-deploy/provider-driver';
import type { JsonObject } from '../../tools/local-deploy/template';

const request = (over: Partial<CfnRequest> = {}): CfnRequest => ({
  RequestType: 'Create',
  ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:fw',
  ResponseURL: 'https://example.invalid/response',
  StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/S/1',
  RequestId: 'req-1',
  LogicalResourceId: 'Thing',
  ResourceType: 'Custom::Thing',
  ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:fw', Size: '2' },
  ...over,
});

type Answer = InvokeOutcome | ((payload: JsonObject) => InvokeOutcome);
const ok = (payload: unknown): InvokeOutcome => ({ ok: true, payload });
const fail = (errorMessage: string): InvokeOutcome => ({ ok: false, errorType: 'EventFailure', errorMessage, trace: ['EventFailure: x', '    at y'] });

/** A provider whose functions answer from scripts, recording every payload. */
function provider(onEvent: Answer[], isComplete: Answer[] = [], waiter = { intervalMs: 10, maxAttempts: 3, backoffRate: 1 }) {
  const calls: { fn: string; payload: JsonObject }[] = [];
  const sleeps: number[] = [];
  const deps: DriverDeps = {
    functionNames: { onEvent: 'user-on-event', isComplete: 'user-is-complete' },
    waiter,
    sleep: async ms => { sleeps.push(ms); },
    invoke: async (fn, payload) => {
      calls.push({ fn, payload: structuredClone(payload) });
      const script = fn === 'onEvent' ? onEvent : isComplete;
      const next = script.length > 1 ? script.shift()! : script[0];
      return typeof next === 'function' ? next(payload) : next;
    },
  };
  return { deps, calls, sleeps };
}

describe('the Provider framework, played locally', () => {
  test('isComplete is first called right after onEvent, with the event and what onEvent answered; Data are merged', async () => {
    const p = provider(
      [ok({ PhysicalResourceId: 'order-1', Data: { OrderId: 'order-1', OrderStatus: 'Processing' } })],
      [ok({ IsComplete: false }), ok({ IsComplete: true, Data: { OrderStatus: 'Successful', PhoneNumberCount: '2' } })],
    );
    const { response, polls } = await driveProvider(request(), p.deps);
    expect(p.calls.map(c => c.fn)).toEqual(['onEvent', 'isComplete', 'isComplete']);
    expect(p.calls[0].payload).toMatchObject({ RequestType: 'Create', ResponseURL: 'https://example.invalid/response', ResourceProperties: { Size: '2' } });
    expect(p.calls[1].payload).toMatchObject({ PhysicalResourceId: 'order-1', Data: { OrderId: 'order-1', OrderStatus: 'Processing' }, RequestId: 'req-1' });
    expect(p.sleeps).toEqual([10]);
    expect(polls).toBe(2);
    expect(response).toMatchObject({
      Status: 'SUCCESS', PhysicalResourceId: 'order-1', LogicalResourceId: 'Thing', RequestId: 'req-1',
      Data: { OrderId: 'order-1', OrderStatus: 'Successful', PhoneNumberCount: '2' },
    });
  });

  test('without a PhysicalResourceId a Create gets the RequestId, an Update keeps its ID', async () => {
    expect((await driveProvider(request(), provider([ok({})], [ok({ IsComplete: true })]).deps)).response.PhysicalResourceId).toBe('req-1');
    const update = request({ RequestType: 'Update', PhysicalResourceId: 'old-id', OldResourceProperties: {} });
    expect((await driveProvider(update, provider([ok(null)], [ok({ IsComplete: true })]).deps)).response.PhysicalResourceId).toBe('old-id');
  });

  test('onEvent throwing on Create answers FAILED with the placeholder ID; the Delete that follows is swallowed', async () => {
    const p = provider([fail('Invalid ResourceProperties: no numbers')]);
    const { response } = await driveProvider(request(), p.deps);
    expect(response.Status).toBe('FAILED');
    expect(response.PhysicalResourceId).toBe(CREATE_FAILED_MARKER);
    expect(response.Reason).toBe('Invalid ResourceProperties: no numbers\n\nLogs: /aws/lambda/user-on-event\n');

    const del = provider([ok({})]);
    const after = await driveProvider(request({ RequestType: 'Delete', PhysicalResourceId: CREATE_FAILED_MARKER }), del.deps);
    expect(after).toMatchObject({ swallowed: true, response: { Status: 'SUCCESS', PhysicalResourceId: CREATE_FAILED_MARKER } });
    expect(del.calls).toEqual([]);
  });

  test('isComplete throwing answers FAILED with the physical ID onEvent gave', async () => {
    const p = provider([ok({ PhysicalResourceId: 'order-9' })], [fail('Order order-9 ended Failed')]);
    const { response } = await driveProvider(request(), p.deps);
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'order-9' });
    expect(response.Reason).toMatch(/^Order order-9 ended Failed\n\nLogs: \/aws\/lambda\/user-is-complete/);
  });

  test('never complete: FAILED "Operation timed out" after the waiter\'s MaxAttempts retries, at its interval and backoff', async () => {
    const p = provider([ok({ PhysicalResourceId: 'slow' })], [ok({ IsComplete: false })], { intervalMs: 100, maxAttempts: 4, backoffRate: 2 });
    const { response, polls } = await driveProvider(request(), p.deps);
    expect(polls).toBe(5);
    expect(p.sleeps).toEqual([100, 200, 400, 800]);
    expect(response).toMatchObject({ Status: 'FAILED', Reason: 'Operation timed out', PhysicalResourceId: 'slow' });
  });

  test('Data with IsComplete false is an error, as in the framework', async () => {
    const p = provider([ok({ PhysicalResourceId: 'x' })], [ok({ IsComplete: false, Data: { A: '1' } })]);
    const { response } = await driveProvider(request(), p.deps);
    expect(response).toMatchObject({ Status: 'FAILED', Reason: 'Error: "Data" is not allowed if "IsComplete" is "False"' });
  });

  test('a Delete may not change the physical ID', async () => {
    const p = provider([ok({ PhysicalResourceId: 'other' })], [ok({ IsComplete: true })]);
    const { response } = await driveProvider(request({ RequestType: 'Delete', PhysicalResourceId: 'mine' }), p.deps);
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'mine' });
    expect(response.Reason).toMatch(/cannot change the physical resource ID from "mine" to "other"/);
  });

  test('without isComplete the answer follows onEvent at once', async () => {
    const p = provider([ok({ PhysicalResourceId: 'p', Data: { A: '1' } })]);
    const { response } = await driveProvider(request(), { ...p.deps, waiter: undefined });
    expect(p.calls.map(c => c.fn)).toEqual(['onEvent']);
    expect(response).toMatchObject({ Status: 'SUCCESS', Data: { A: '1' } });
  });
});
