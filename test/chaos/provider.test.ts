// The chaos suite's Provider-framework driver, against fake handlers: what it must call a hang,
// a non-answer or a protocol breach, and how it answers like the framework.
import { CREATE_FAILED_MARKER, deliver, type Handlers } from '../../tools/chaos/provider';

const timing = { queryIntervalMs: 5, totalTimeoutMs: 100, onEventTimeoutMs: 100, isCompleteTimeoutMs: 100 };
const never = () => new Promise<never>(() => undefined);
const props = { ProductType: 'VoiceConnector', E164PhoneNumbers: ['+12055550100'] };

function handlers(h: Partial<Handlers>): Handlers {
  return {
    onEvent: h.onEvent ?? (async () => ({ PhysicalResourceId: 'order-1' })),
    isComplete: h.isComplete ?? (async () => ({ IsComplete: true, Data: { PhoneNumbers: ['+12055550100'] } })),
  };
}

test('onEvent, then isComplete until complete; Data merged; the Lambda context counts down', async () => {
  let calls = 0;
  let remaining = 0;
  const answer = await deliver(handlers({
    onEvent: async (_e, ctx) => { remaining = ctx.getRemainingTimeInMillis(); return { PhysicalResourceId: 'order-1', Data: { OrderId: 'order-1' } }; },
    isComplete: async () => (++calls < 3 ? { IsComplete: false } : { IsComplete: true, Data: { PhoneNumbers: ['x'] } }),
  }), { requestType: 'Create', props }, timing);
  expect(answer).toMatchObject({ status: 'SUCCESS', physicalId: 'order-1', data: { OrderId: 'order-1', PhoneNumbers: ['x'] }, isCompleteCalls: 3 });
  expect(remaining).toBeGreaterThan(0);
  expect(remaining).toBeLessThanOrEqual(timing.onEventTimeoutMs);
});

test('onEvent failing on Create answers the placeholder, and the Delete that follows is swallowed', async () => {
  const failed = await deliver(handlers({ onEvent: async () => { throw new Error('Invalid ResourceProperties'); } }), { requestType: 'Create', props }, timing);
  expect(failed).toMatchObject({ status: 'FAILED', physicalId: CREATE_FAILED_MARKER, reason: 'Invalid ResourceProperties' });
  expect(failed.unanswered).toBeUndefined();
  const onEvent = jest.fn();
  const del = await deliver(handlers({ onEvent }), { requestType: 'Delete', props, physicalId: failed.physicalId }, timing);
  expect(del).toMatchObject({ status: 'SUCCESS', swallowed: true });
  expect(onEvent).not.toHaveBeenCalled();
});

test.each([
  ['an onEvent past its Lambda timeout', handlers({ onEvent: never }), /onEvent still running/, true],
  ['an isComplete past its Lambda timeout', handlers({ isComplete: never }), /isComplete still running/, true],
  ['a waiter past totalTimeout', handlers({ isComplete: async () => ({ IsComplete: false }) }), /totalTimeout/, undefined],
  ['a rejection that is not an Error', handlers({ onEvent: () => Promise.reject('boom') }), /rejected with string/, undefined],
  ['Data while not complete', handlers({ isComplete: async () => ({ IsComplete: false, Data: { OrderId: 'x' } }) }), /Data with IsComplete false/, undefined],
])('%s is FAILED and unanswered', async (_what, h, why, hung) => {
  const answer = await deliver(h, { requestType: 'Create', props }, timing);
  expect(answer.status).toBe('FAILED');
  expect(answer.unanswered).toMatch(why);
  expect(answer.hung).toBe(hung);
});

test('an Update or Delete must keep the physical ID', async () => {
  const h = handlers({ onEvent: async () => ({ PhysicalResourceId: 'other' }) });
  for (const requestType of ['Update', 'Delete'] as const) {
    const answer = await deliver(h, { requestType, props, oldProps: props, physicalId: 'order-1' }, timing);
    expect(answer).toMatchObject({ status: 'FAILED', unanswered: `${requestType} onEvent changed the physical ID` });
  }
});
