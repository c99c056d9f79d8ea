// Whether a step ended as the lifecycle contract (and, with a lost answer, the fault) says it must.
// A *_FAILED state is an expected stop only on the way of a no-answer fault (see delivery.ts);
// one that comes from a rollback that a cancelled operation of the same resource undercut is told
// apart (acted-after-cancel); any other one, or one the recovery could not end, is a problem.
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
  /** The event whose answer the step loses; every event of the step then has a short ServiceTimeout. */
  readonly noAnswer?: EventTarget;
  /** Stacks deployed before the step. */
  readonly existedBefore: ReadonlySet<string>;
  readonly play: StepPlay;
  /** The stacks after the step and its recovery. */
  readonly after: readonly DeployedStack[];
  /** "Stack/LogicalId" of resources whose Create or Update CloudFormation stopped waiting for in this step. */
  readonly abandoned?: ReadonlySet<string>;
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
    const ends = expectedEnds(input, r.stackName);
    const end = ends.find(e => e.first.includes(r.status) && r.ok === e.ok && (e.rehearsed === undefined || Boolean(r.rehearsed) === e.rehearsed));
    if (!end && r.noChanges && ends.some(e => e.ok)) continue;
    const undercut = !end && recovery && recovery.to === 'UPDATE_ROLLBACK_COMPLETE' ? undercutRollback(input, r.stackName) : undefined;
    if (undercut) {
      problems.push({ kind: 'acted-after-cancel', text: `${r.stackName} ${r.status}: the rollback of ${undercut} failed, its cancelled operation having acted after the rollback looked (${recovery!.action} ended it)` });
      continue;
    }
    if (!end) {
      const said = [...new Set(ends.flatMap(e => e.first))].join(' or ');
      problems.push({ kind: 'unexpected-outcome', text: `${r.stackName} ended ${r.status}${r.reason ? ` (${r.reason.slice(0, 300)})` : ''}; the contract says ${said}` });
      if (/_FAILED$/.test(r.status)) problems.push({ kind: 'failed-stack', text: `${r.stackName} ${r.status} with no fault to explain it` });
    } else if (end.final && recovery && recovery.to !== end.final) {
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

/** The ends the contract allows this stack; with a short ServiceTimeout, a stack's events may also go unanswered. */
function expectedEnds(input: JudgeInput, stack: string): End[] {
  const planned = plannedEnd(input, stack);
  if (!input.noAnswer) return [planned];
  const lost = input.noAnswer.stack === stack ? input.noAnswer : undefined;
  if (lost?.requestType === 'Delete') return [{ first: ['DELETE_FAILED'], final: 'gone', ok: false }];
  if (lost?.requestType === 'Update') return [{ first: ['UPDATE_ROLLBACK_FAILED'], final: 'UPDATE_ROLLBACK_COMPLETE', ok: false }];
  const timedOut: End = input.existedBefore.has(stack)
    ? { first: ['UPDATE_ROLLBACK_COMPLETE', 'UPDATE_ROLLBACK_FAILED'], final: 'UPDATE_ROLLBACK_COMPLETE', ok: false }
    : { first: ['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED'], final: 'gone', ok: false };
  return lost ? [timedOut] : [planned, timedOut];
}

function plannedEnd(input: JudgeInput, stack: string): End {
  if (input.command === 'destroy') return { first: ['DELETE_COMPLETE'], ok: true };
  switch (input.expect.get(stack) ?? 'ok') {
    case 'ok': return { first: ['CREATE_COMPLETE', 'UPDATE_COMPLETE'], ok: true, rehearsed: false };
    case 'rehearsed': return { first: ROLLED_BACK, ok: true, rehearsed: true };
    case 'fail': return { first: ROLLED_BACK, ok: false };
  }
}

/** A resource of the stack whose operation CloudFormation stopped waiting for, and whose rollback then failed. */
function undercutRollback(input: JudgeInput, stack: string): string | undefined {
  const failed = input.play.events.filter(e => e.stackName === stack && e.status === 'FAILED' && !e.cancelled && e.requestType === 'Update');
  return failed.map(e => `${e.stackName}/${e.logicalResourceId}`).find(id => input.abandoned?.has(id));
}
