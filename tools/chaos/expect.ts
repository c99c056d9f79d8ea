// Whether a step ended as the lifecycle contract (and, with a lost answer, the fault) says it must.
// A *_FAILED state is an expected stop only on the way of a no-answer fault (see delivery.ts);
// any other one, or one the recovery could not end, is a problem.
import type { DeployedStack } from './app/deployed';
import type { EventTarget } from './delivery';
import type { Expectation } from './scenarios/kind';
import type { StepPlay } from './step';
import type { Problem } from './types';

export interface StepJudgement {
  /** Per stack: "S1 UPDATE_ROLLBACK_FAILED → continue-update-rollback → UPDATE_ROLLBACK_COMPLETE". */
  readonly outcome: string[];
  readonly problems: Problem[];
}

export interface JudgeInput {
  readonly command: 'deploy' | 'destroy';
  /** Deploy: what each deployed stack must end in. */
  readonly expect: ReadonlyMap<string, Expectation>;
  readonly noAnswer?: EventTarget;
  /** Stacks deployed before the step. */
  readonly existedBefore: ReadonlySet<string>;
  readonly play: StepPlay;
  /** The stacks after the step and its recovery. */
  readonly after: readonly DeployedStack[];
}

interface End {
  readonly first: readonly string[];
  /** After the recovery, when a recovery is part of the expected way. */
  readonly final?: string;
  /** The local deploy's own verdict on the call. */
  readonly ok: boolean;
  readonly rehearsed?: boolean;
}

const ROLLED_BACK = ['ROLLBACK_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE'];

export function judgeStep(input: JudgeInput): StepJudgement {
  const problems: Problem[] = [];
  const outcome: string[] = [];
  const { play } = input;
  if (play.error) problems.push({ kind: 'unexpected-outcome', text: `the operation stopped: ${play.error}` });
  for (const r of play.results) {
    const recovery = play.recoveries.find(x => x.stack === r.stackName);
    outcome.push(`${r.stackName} ${r.noChanges ? 'no changes' : r.status}${recovery ? ` → ${recovery.action} → ${recovery.to}` : ''}`);
    const end = expectedEnd(input, r.stackName);
    const matches = end.first.includes(r.status) && r.ok === end.ok && (end.rehearsed === undefined || Boolean(r.rehearsed) === end.rehearsed);
    const noChange = r.noChanges && end.ok;
    if (!matches && !noChange) {
      problems.push({ kind: 'unexpected-outcome', text: `${r.stackName} ended ${r.status}${r.reason ? ` (${r.reason.slice(0, 300)})` : ''}; the contract says ${end.first.join(' or ')}` });
    }
    if (/_FAILED$/.test(r.status) && !end.first.includes(r.status)) problems.push({ kind: 'failed-stack', text: `${r.stackName} ${r.status} with no fault to explain it` });
    if (end.final && recovery && recovery.to !== end.final) {
      problems.push({ kind: 'unexpected-outcome', text: `${r.stackName}: after ${recovery.action} it is ${recovery.to}, expected ${end.final}` });
    }
  }
  for (const s of input.after.filter(x => /_FAILED$|_IN_PROGRESS$/.test(x.status))) {
    problems.push({ kind: 'failed-stack', text: `${s.stackName} is left ${s.status}` });
  }
  if (input.command === 'destroy' && input.after.length > 0) {
    problems.push({ kind: 'unexpected-outcome', text: `still deployed after the delete: ${input.after.map(s => s.stackName).join(', ')}` });
  }
  return { outcome, problems };
}

function expectedEnd(input: JudgeInput, stack: string): End {
  const lost = input.noAnswer?.stack === stack ? input.noAnswer : undefined;
  if (lost?.requestType === 'Delete') return { first: ['DELETE_FAILED'], final: 'gone', ok: false };
  if (lost?.requestType === 'Update') return { first: ['UPDATE_ROLLBACK_FAILED'], final: 'UPDATE_ROLLBACK_COMPLETE', ok: false };
  if (lost && !input.existedBefore.has(stack)) return { first: ['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED'], final: 'gone', ok: false };
  if (lost) return { first: ['UPDATE_ROLLBACK_COMPLETE', 'UPDATE_ROLLBACK_FAILED'], final: 'UPDATE_ROLLBACK_COMPLETE', ok: false };
  if (input.command === 'destroy') return { first: ['DELETE_COMPLETE'], ok: true };
  switch (input.expect.get(stack) ?? 'ok') {
    case 'ok': return { first: ['CREATE_COMPLETE', 'UPDATE_COMPLETE'], ok: true, rehearsed: false };
    case 'rehearsed': return { first: ROLLED_BACK, ok: true, rehearsed: true };
    case 'fail': return { first: ROLLED_BACK, ok: false };
  }
}
