// Deleting a stack: every resource, dependents first, as its DeletionPolicy says
// (Delete → a Delete event; Retain and RetainExceptOnCreate → kept, DELETE_SKIPPED).
import { removeAll } from './rollback';
import { partitionOf } from './simulated';
import { StackOperation, StackResult, startRun } from './stack-operation';
import { stackEvent } from './stack-events';
import { topologicalOrder } from './template';

export async function destroyStack(stackName: string, options: StackOperation): Promise<StackResult> {
  const stack = options.store.load(stackName);
  if (!stack) return { stackName, status: 'DELETE_COMPLETE', ok: true, noChanges: true, outputs: {}, failures: [] };
  const env = { stackName, region: stack.region, account: stack.account, ...partitionOf(stack.region) };
  // No assembly: a delete runs the code that was deployed, kept in the state directory.
  const run = startRun(options, env, stack, stack.template, undefined);
  const ids = Object.keys(stack.resources);
  run.progress.restart(ids.length + 1);
  stack.status = 'DELETE_IN_PROGRESS';
  stackEvent(run, stack.status, 'User Initiated');
  options.store.save(stack);
  const order = topologicalOrder(ids, id => stack.resources[id].dependsOn.filter(d => d in stack.resources)).reverse();
  const failed = await removeAll(run, order, 'delete');
  const base = { stackName, stackId: stack.stackId, noChanges: false, outputs: {}, failures: run.progress.failures };
  if (failed.length > 0) {
    stack.status = 'DELETE_FAILED';
    options.store.save(stack);
    const reason = `The following resource(s) failed to delete: [${failed.join(', ')}].`;
    stackEvent(run, stack.status, reason);
    return { ...base, status: stack.status, ok: false, reason };
  }
  stackEvent(run, 'DELETE_COMPLETE');
  options.store.remove(stackName);
  return { ...base, status: 'DELETE_COMPLETE', ok: true };
}
