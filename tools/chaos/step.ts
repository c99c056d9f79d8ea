// Plays one step through the local deploy (the Provider framework's own code, the bundled
// handler, independent resources at once) and then what an operator does about a stack left in
// a *_FAILED state: continue-update-rollback for UPDATE_ROLLBACK_FAILED, delete the stack for
// ROLLBACK_FAILED and DELETE_FAILED. The recovery runs without delivery faults.
import { type LocalDeployOptions, type LocalSession, localDeployCaptured } from '../local-deploy';
import type { StackResult } from '../local-deploy/stack-operation';
import type { SentEvent } from '../local-deploy/stack-run';
import { readDeployed } from './app/deployed';
import type { DrawnDelivery } from './delivery';
import { redactDigits } from './numbers';

export interface StepContext {
  readonly stateDir: string;
  /** Open for the whole run (the state directory, the emulator's endpoint, the waiter's interval): functions stay warm from step to step. */
  readonly session: LocalSession;
}

export type StepCommand =
  | { readonly command: 'deploy'; readonly app: string; readonly stacks: readonly string[]; readonly rehearse: boolean }
  | { readonly command: 'destroy' };

export interface Recovery {
  readonly stack: string;
  /** The *_FAILED status the step left. */
  readonly from: string;
  readonly action: 'continue-update-rollback' | 'destroy';
  /** The status reached, or "gone". */
  readonly to: string;
}

export interface StepPlay {
  /** The stacks the step's own call worked on, in order (a failed stack stops the ones after it). */
  readonly results: StackResult[];
  readonly recoveries: Recovery[];
  /** Every event sent, the recovery's included. */
  readonly events: SentEvent[];
  /** The last lines of output of calls that failed, numbers masked, for the report. */
  readonly output: string[];
  /** Why the step's own call stopped before or between stacks (a refused operation), if it did. */
  readonly error?: string;
}

const FAILED = /_FAILED$/;

export async function playStep(ctx: StepContext, step: StepCommand, delivery: DrawnDelivery): Promise<StepPlay> {
  const events: SentEvent[] = [];
  const output: string[] = [];
  const call = async (options: LocalDeployOptions) => {
    const r = await localDeployCaptured({ session: ctx.session, ...options });
    events.push(...r.result.events);
    if (r.result.exitCode !== 0) output.push(tail(`${r.out}\n${r.err}`));
    return r.result;
  };
  const faults = { faults: delivery.faults, serviceTimeoutSeconds: delivery.serviceTimeoutSeconds };
  const main = step.command === 'deploy'
    ? await call({ app: step.app, stacks: [...step.stacks], rehearseRollback: step.rehearse, ...faults })
    : await call({ destroy: true, ...faults });

  const recoveries: Recovery[] = [];
  for (const stack of readDeployed(ctx.stateDir).filter(s => FAILED.test(s.status))) {
    const action = stack.status === 'UPDATE_ROLLBACK_FAILED' ? 'continue-update-rollback' : 'destroy';
    await call(action === 'destroy' ? { destroy: true, stacks: [stack.stackName] } : { continueUpdateRollback: true, stacks: [stack.stackName] });
    const after = readDeployed(ctx.stateDir).find(s => s.stackName === stack.stackName);
    recoveries.push({ stack: stack.stackName, from: stack.status, action, to: after?.status ?? 'gone' });
  }
  // A destroy stops at the first stack that fails: the ones after it are still there.
  if (step.command === 'destroy' && readDeployed(ctx.stateDir).length > 0 && recoveries.length > 0) await call({ destroy: true });
  return { results: main.stacks, recoveries, events, output, error: main.error && redactDigits(main.error) };
}

function tail(text: string, lines = 12): string {
  return redactDigits(text.trim().split('\n').slice(-lines).join('\n'));
}
