// The waiter interpreter against the Amazon States Language rules it plays: Retry (interval,
// backoff, cap, attempts), Catch with the error output, and definitions it refuses.
import type { InvokeOutcome } from '../../tools/local-deploy/lambda-runner';
import { parseDefinition, retryDelayMs, runExecution, withInterval } from '../../tools/local-deploy/state-machine';

const IS_COMPLETE = 'arn:aws:lambda:us-east-1:123456789012:function:isComplete';
const ON_TIMEOUT = 'arn:aws:lambda:us-east-1:123456789012:function:onTimeout';

function waiter(retry: Record<string, unknown>) {
  return parseDefinition(JSON.stringify({
    StartAt: 'poll',
    States: {
      poll: { Type: 'Task', Resource: IS_COMPLETE, End: true, Retry: [{ ErrorEquals: ['States.ALL'], ...retry }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'timeout' }] },
      timeout: { Type: 'Task', Resource: ON_TIMEOUT, End: true },
    },
  }));
}

function lambda(failures: number) {
  const calls: { arn: string; input: unknown }[] = [];
  const delays: number[] = [];
  return {
    calls, delays,
    deps: {
      invoke: async (arn: string, input: unknown): Promise<InvokeOutcome> => {
        calls.push({ arn, input });
        if (arn === ON_TIMEOUT) return { ok: true, payload: 'timed out' };
        return calls.length <= failures ? { ok: false, errorType: 'Error', errorMessage: `{"RequestId":"r-${calls.length}"}`, trace: ['Error: retry'] } : { ok: true, payload: { done: true } };
      },
      sleep: async (ms: number) => { delays.push(ms); },
    },
  };
}

test('Retry: IntervalSeconds × BackoffRate^n, capped by MaxDelaySeconds, until it succeeds', async () => {
  const l = lambda(3);
  const result = await runExecution(waiter({ IntervalSeconds: 2, MaxAttempts: 5, BackoffRate: 3, MaxDelaySeconds: 10 }), { RequestId: 'r' }, l.deps);
  expect(result).toEqual({ status: 'SUCCEEDED', output: { done: true } });
  expect(l.delays).toEqual([2000, 6000, 10000]);
  expect(l.calls.every(c => c.arn === IS_COMPLETE)).toBe(true);
});

test('after MaxAttempts retries the Catch runs the next state with {Error, Cause}, as the framework\'s onTimeout reads it', async () => {
  const l = lambda(Infinity);
  const result = await runExecution(waiter({ IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 1 }), { RequestId: 'r' }, l.deps);
  expect(result).toEqual({ status: 'SUCCEEDED', output: 'timed out' });
  expect(l.calls.filter(c => c.arn === IS_COMPLETE)).toHaveLength(3);
  const timeoutInput = l.calls[3].input as { Error: string; Cause: string };
  expect(timeoutInput.Error).toBe('Error');
  expect(JSON.parse(JSON.parse(timeoutInput.Cause).errorMessage)).toEqual({ RequestId: 'r-3' });
});

test('a shorter interval keeps the total wait: more attempts, same sum', () => {
  const r = withInterval({ ErrorEquals: ['States.ALL'], IntervalSeconds: 10, MaxAttempts: 180, BackoffRate: 1 }, 50);
  expect(r).toMatchObject({ IntervalSeconds: 0.05, MaxAttempts: 36_000 });
  let total = 0;
  for (let k = 0; k < r.MaxAttempts!; k++) total += retryDelayMs(r, k);
  expect(total).toBeCloseTo(1_800_000, -1);
});

test('definitions beyond the waiter\'s are refused, naming the state', () => {
  expect(() => parseDefinition({ StartAt: 'w', States: { w: { Type: 'Wait', Seconds: 1, End: true } } })).toThrow(/state w is a Wait state: local deploy runs Task states only/);
  expect(() => parseDefinition({ StartAt: 't', States: { t: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } } }))
    .toThrow(/state t: Resource "arn:aws:states:::sqs:sendMessage" is not a Lambda function ARN/);
  expect(() => parseDefinition({ StartAt: 't', States: { t: { Type: 'Task', Resource: IS_COMPLETE, End: true, Parameters: {} } } }))
    .toThrow(/state t: Parameters not supported by local deploy/);
});

test('a state machine deleted while an execution runs ends it at its next transition (a retry is one), as Step Functions does', async () => {
  const l = lambda(Infinity);
  let exists = true;
  const deps = { ...l.deps, exists: () => exists, sleep: async (ms: number) => { l.delays.push(ms); if (l.delays.length === 2) exists = false; } };
  const result = await runExecution(waiter({ IntervalSeconds: 1, MaxAttempts: 10, BackoffRate: 1 }), { RequestId: 'r' }, deps);
  expect(result).toEqual({ status: 'ABORTED' });
  // two polls, then the machine was gone before the third: no third poll, no onTimeout
  expect(l.calls.map(c => c.arn)).toEqual([IS_COMPLETE, IS_COMPLETE]);
});
