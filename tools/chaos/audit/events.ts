// Events without a proper answer, from what CloudFormation got: every event must get exactly one
// answer, SUCCESS or FAILED with a reason, within its ServiceTimeout and the waiter's totalTimeout.
import type { SentEvent } from '../../local-deploy/stack-run';

export const NO_RESPONSE = 'CloudFormation did not receive a response';
const RESPONSE_LIMIT_BYTES = 4096;

/** What broke the framework's protocol, by the reason CloudFormation shows. */
const BREACHES: [RegExp, string][] = [
  [/Response object is too long/, 'the answer is over 4,096 bytes'],
  [/Invalid response object|Invalid PhysicalResourceId/, 'the answer is malformed'],
  [/"Data" is not allowed if "IsComplete" is "False"/, 'isComplete answered Data while not complete'],
  [/Operation timed out/, 'the waiter ran out of totalTimeout instead of the handler failing before it'],
  [/Task timed out after/, 'a handler ran past its Lambda timeout'],
  [/cannot change the physical resource ID/, 'the handler changed the physical ID'],
];

/**
 * `answersMayBeLost`: the step lost an answer on purpose (a no-answer fault, with a short
 * ServiceTimeout that other events of the step may outlast too), so "did not receive a response" is explained.
 */
export function unanswered(events: readonly SentEvent[], answersMayBeLost: boolean): string[] {
  const out: string[] = [];
  for (const e of events) {
    const what = `${e.requestType} ${e.stackName}/${e.logicalResourceId}`;
    const reason = e.reason ?? '';
    if ((e.responseBytes ?? 0) > RESPONSE_LIMIT_BYTES) out.push(`${what}: the answer is ${e.responseBytes} bytes, over CloudFormation's 4,096`);
    if (e.status !== 'FAILED') continue;
    if (reason.includes('(local deploy:')) out.push(`${what}: the framework ended without answering: ${reason.split('(local deploy:')[1].replace(/\)[^)]*$/, '').trim()}`);
    else if (reason.startsWith(NO_RESPONSE) && !answersMayBeLost) out.push(`${what}: no answer within its ServiceTimeout`);
    for (const [pattern, why] of BREACHES) if (pattern.test(reason)) out.push(`${what}: ${why}`);
  }
  return out;
}
