// `aws cloudformation continue-update-rollback [--resources-to-skip ...]` for a stack left in
// UPDATE_ROLLBACK_FAILED: the rollback is tried again from where it stopped; skipped resources are
// taken as rolled back (UPDATE_COMPLETE) without being sent anything.
import { LocalDeployError } from './errors';
import { rollbackUpdate } from './rollback';
import { partitionOf } from './simulated';
import { StackOperation, StackResult, startRun } from './stack-operation';
import { outputValues } from './outputs';

export async function continueUpdateRollback(stackName: string, op: StackOperation, resourcesToSkip: string[]): Promise<StackResult> {
  const stack = op.store.load(stackName);
  if (!stack) throw new LocalDeployError(`Stack with id ${stackName} does not exist`);
  const pending = stack.pendingRollback;
  if (stack.status !== 'UPDATE_ROLLBACK_FAILED' || !pending) {
    throw new LocalDeployError(`Stack:${stack.stackId} is in ${stack.status} state: --continue-update-rollback applies only to a stack in UPDATE_ROLLBACK_FAILED`);
  }
  const unknown = resourcesToSkip.filter(id => !pending.failed.includes(id));
  if (unknown.length > 0) {
    throw new LocalDeployError(`--resources-to-skip ${unknown.join(', ')}: only resources whose rollback failed (UPDATE_FAILED) can be skipped; `
      + `in ${stackName} that is ${pending.failed.join(', ')}`);
  }
  const env = { stackName, region: stack.region, account: stack.account, ...partitionOf(stack.region) };
  // No assembly: the rollback runs the code that is deployed, kept in the state directory.
  const run = startRun(op, env, stack, pending.previous.template, undefined);
  run.progress.restart(pending.changes.updated.length + pending.changes.created.length + pending.changes.replaced.length + 1);
  const status = await rollbackUpdate(run, { ...stack, ...pending.previous }, pending.changes, 'Continue rollback requested by user.', resourcesToSkip);
  const ok = status === 'UPDATE_ROLLBACK_COMPLETE';
  return {
    stackName, stackId: stack.stackId, status, ok, noChanges: false, outputs: outputValues(run.stack.outputs), failures: run.progress.failures,
    ...(ok ? {} : { reason: `The following resource(s) failed to update: [${run.stack.pendingRollback?.failed.join(', ') ?? ''}].` }),
  };
}
