// How a step's outcome is judged: what the contract says each step must end in, the defined end
// of each delivery fault, and which answers count as unanswered.
import type { DeployedStack } from '../../tools/chaos/app/deployed';
import { unanswered } from '../../tools/chaos/audit/events';
import { drawDelivery } from '../../tools/chaos/delivery';
import { judgeStep, type JudgeInput } from '../../tools/chaos/expect';
import { Rng } from '../../tools/chaos/random';
import type { StepPlay } from '../../tools/chaos/step';
import type { StackResult } from '../../tools/local-deploy/stack-operation';
import type { SentEvent } from '../../tools/local-deploy/stack-run';

const result = (status: string, ok: boolean, extra: Partial<StackResult> = {}): StackResult =>
  ({ stackName: 'S1', status, ok, noChanges: false, outputs: {}, failures: [], ...extra });
const play = (results: StackResult[], recoveries: StepPlay['recoveries'] = []): StepPlay => ({ results, recoveries, events: [], output: [] });
const failedRollback = play([result('UPDATE_ROLLBACK_FAILED', false)], [{ stack: 'S1', from: 'UPDATE_ROLLBACK_FAILED', action: 'continue-update-rollback', to: 'UPDATE_ROLLBACK_COMPLETE' }]);
const lostUpdate = { stack: 'S1', logicalId: 'A', requestType: 'Update' as const };
const stack = (status: string): DeployedStack => ({ stackName: 'S1', stackId: 'id', status, region: 'us-east-1', account: '123456789012', orders: [] });
const judge = (input: Partial<JudgeInput>) => judgeStep({
  command: 'deploy', expect: new Map([['S1', 'ok']]), existedBefore: new Set(['S1']), play: play([]), after: [], ...input,
}).problems.map(p => p.kind);

test('ok, fail and a rehearsed rollback end as the contract says, or are problems', () => {
  expect(judge({ play: play([result('UPDATE_COMPLETE', true)]), after: [stack('UPDATE_COMPLETE')] })).toEqual([]);
  expect(judge({ play: play([result('UPDATE_ROLLBACK_COMPLETE', false)]), after: [stack('UPDATE_ROLLBACK_COMPLETE')] })).toEqual(['unexpected-outcome']);
  expect(judge({ expect: new Map([['S1', 'fail']]), play: play([result('UPDATE_ROLLBACK_COMPLETE', false)]), after: [stack('UPDATE_ROLLBACK_COMPLETE')] })).toEqual([]);
  expect(judge({ expect: new Map([['S1', 'fail']]), play: play([result('UPDATE_COMPLETE', true)]), after: [stack('UPDATE_COMPLETE')] })).toEqual(['unexpected-outcome']);
  expect(judge({ expect: new Map([['S1', 'rehearsed']]), play: play([result('UPDATE_ROLLBACK_COMPLETE', true, { rehearsed: true })]), after: [stack('UPDATE_ROLLBACK_COMPLETE')] })).toEqual([]);
});

test('a *_FAILED state is expected only on the way of a lost answer, and must be recovered', () => {
  expect(judge({ play: failedRollback, noAnswer: lostUpdate, after: [stack('UPDATE_ROLLBACK_COMPLETE')] })).toEqual([]);
  expect(judge({ play: failedRollback, after: [stack('UPDATE_ROLLBACK_COMPLETE')] })).toEqual(['unexpected-outcome', 'failed-stack']);
  const stuck = play([result('UPDATE_ROLLBACK_FAILED', false)], [{ stack: 'S1', from: 'UPDATE_ROLLBACK_FAILED', action: 'continue-update-rollback', to: 'UPDATE_ROLLBACK_FAILED' }]);
  expect(judge({ play: stuck, noAnswer: lostUpdate, after: [stack('UPDATE_ROLLBACK_FAILED')] })).toEqual(['unexpected-outcome', 'failed-stack']);
  // a lost answer to a Create rolls the new stack back; to a Delete, the stack delete fails and is deleted again
  expect(judge({ existedBefore: new Set(), play: play([result('ROLLBACK_COMPLETE', false)]), noAnswer: { ...lostUpdate, requestType: 'Create' } })).toEqual([]);
  const lostDelete = play([result('DELETE_FAILED', false)], [{ stack: 'S1', from: 'DELETE_FAILED', action: 'destroy', to: 'gone' }]);
  expect(judge({ command: 'destroy', play: lostDelete, noAnswer: { ...lostUpdate, requestType: 'Delete' } })).toEqual([]);
  expect(judge({ command: 'destroy', play: play([result('DELETE_COMPLETE', true)]), after: [stack('UPDATE_COMPLETE')] })).toEqual(['unexpected-outcome']);
  // the short ServiceTimeout of a step that loses an answer applies to every stack it deploys
  const second = { ...result('ROLLBACK_COMPLETE', false), stackName: 'S2' };
  expect(judge({ existedBefore: new Set(['S1']), play: play([result('UPDATE_ROLLBACK_FAILED', false), second], failedRollback.recoveries), noAnswer: lostUpdate })).toEqual([]);
});

test('a rollback that failed because the resource\'s cancelled operation acted after it looked is told apart', () => {
  const event = (requestType: 'Update', status: 'SUCCESS' | 'FAILED', cancelled?: boolean): SentEvent => ({
    stackName: 'S1', requestType, logicalResourceId: 'A', resourceType: 'Custom::ChimePhoneNumberOrder', requestId: 'r', status, ...(cancelled ? { cancelled } : {}),
  });
  const recovered = { ...play([result('UPDATE_ROLLBACK_FAILED', false)], [{ stack: 'S1', from: 'UPDATE_ROLLBACK_FAILED', action: 'continue-update-rollback' as const, to: 'UPDATE_ROLLBACK_COMPLETE' }]), events: [event('Update', 'FAILED', true), event('Update', 'FAILED')] };
  const expectFail = new Map([['S1', 'fail' as const]]);
  expect(judge({ expect: expectFail, play: recovered, abandoned: new Set(['S1/A']), after: [stack('UPDATE_ROLLBACK_COMPLETE')] })).toEqual(['acted-after-cancel']);
  expect(judge({ expect: expectFail, play: recovered, abandoned: new Set(), after: [stack('UPDATE_ROLLBACK_COMPLETE')] })).toEqual(['unexpected-outcome', 'failed-stack']);
});

test('unanswered: no answer within ServiceTimeout unless the step lost one on purpose; a framework that ends without answering; protocol breaches', () => {
  const event = (reason: string, extra: Partial<SentEvent> = {}): SentEvent => ({
    stackName: 'S1', requestType: 'Update', logicalResourceId: 'A', resourceType: 'Custom::ChimePhoneNumberOrder', requestId: 'r', status: 'FAILED', reason, ...extra,
  });
  const noResponse = event('CloudFormation did not receive a response from your Custom Resource. Please check your logs for requestId [r]. ');
  expect(unanswered([noResponse], false)).toEqual(['Update S1/A: no answer within its ServiceTimeout']);
  expect(unanswered([noResponse], true)).toEqual([]);
  expect(unanswered([event(`${noResponse.reason} (local deploy: the request was handled and no answer was sent; CloudFormation would report this after the ServiceTimeout of 3600 seconds)`)], true))
    .toEqual(['Update S1/A: the framework ended without answering: the request was handled and no answer was sent; CloudFormation would report this after the ServiceTimeout of 3600 seconds']);
  expect(unanswered([event('Operation timed out')], false)).toEqual(['Update S1/A: the waiter ran out of totalTimeout instead of the handler failing before it']);
  expect(unanswered([event('', { status: 'SUCCESS', responseBytes: 5000 })], false)).toEqual(['Update S1/A: the answer is 5000 bytes, over CloudFormation\'s 4,096']);
  expect(unanswered([event('Received response status [FAILED] from custom resource. Message returned: refused')], false)).toEqual([]);
});

test('delivery faults: a lost answer only where the step is sure to send that event and the contract says it succeeds', () => {
  const rng = new Rng(3);
  const mix = { rate: 1, noAnswerTimeoutSeconds: 15 };
  const drawn = Array.from({ length: 200 }, () => drawDelivery(rng, mix, []));
  expect(drawn.every(d => d.faults.length === 1 && d.faults[0].kind !== 'no-answer' && d.serviceTimeoutSeconds === undefined)).toBe(true);
  const target = { stack: 'S1', logicalId: 'A', requestType: 'Update' as const };
  const lost = Array.from({ length: 200 }, () => drawDelivery(rng, mix, [target])).filter(d => d.noAnswer);
  expect(lost.length).toBeGreaterThan(0);
  expect(lost[0]).toEqual({ faults: [{ kind: 'no-answer', logicalId: 'A', requestType: 'Update' }], serviceTimeoutSeconds: 15, noAnswer: target });
  expect(Array.from({ length: 50 }, () => drawDelivery(rng, { ...mix, rate: 0 }, [target])).every(d => d.faults.length === 0)).toBe(true);
  // a step that deletes a stack draws no duplicate (see delivery.ts), the other kinds still
  const deleting = Array.from({ length: 300 }, () => drawDelivery(rng, mix, [target], true).faults[0].kind);
  expect(new Set(deleting)).toEqual(new Set(['invoke-answer-lost', 'no-answer']));
});
