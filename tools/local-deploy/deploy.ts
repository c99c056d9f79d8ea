// Create or update one stack, playing CloudFormation: the forward pass, then on failure the
// rollback, on success the cleanup of what the update replaced or dropped.
import { randomUUID } from 'crypto';
import { Failure, applyResources, canonical } from './apply';
import { LocalDeployError } from './errors';
import { IntrinsicError } from './intrinsics';
import { Outputs, evaluateOutputs, outputValues } from './outputs';
import { resolveParameters } from './parameters';
import { planDeploy } from './plan';
import { oneLine } from './progress';
import { ChangeLog, removeAll, rollbackCreate, rollbackUpdate } from './rollback';
import { partitionOf } from './simulated';
import { StackOperation, StackResult, StackTarget, startRun } from './stack-operation';
import { removeResource, stackEvent } from './stack-events';
import type { StackRun } from './stack-run';
import { StackState, newStackState } from './state';
import { validateTemplate } from './validate';

export interface DeployOptions extends StackOperation {
  parameters: Record<string, string>;
  rehearseRollback: boolean;
}

/** A stack in these states cannot be updated, as in CloudFormation; what gets it out of each. */
const BLOCKED: Record<string, string> = {
  ROLLBACK_FAILED: 'run with --destroy to delete it, then deploy again',
  ROLLBACK_IN_PROGRESS: 'run with --destroy to delete it, then deploy again',
  DELETE_FAILED: 'run with --destroy to delete it, then deploy again',
  DELETE_IN_PROGRESS: 'run with --destroy to delete it, then deploy again',
  UPDATE_ROLLBACK_FAILED: 'run with --continue-update-rollback to finish the rollback (with --resources-to-skip ID... for resources whose '
    + 'rollback cannot succeed), then deploy again; or --destroy',
};

export async function deployStack(target: StackTarget, options: DeployOptions): Promise<StackResult> {
  const { stackName, template } = target;
  const prev = options.store.load(stackName);
  if (prev && BLOCKED[prev.status]) {
    throw new LocalDeployError(`Stack:${prev.stackId} is in ${prev.status} state and can not be updated. (local deploy: ${BLOCKED[prev.status]})`);
  }
  validateTemplate(stackName, template, prev);
  const region = prev?.region ?? target.region ?? options.region;
  const account = prev?.account ?? target.account ?? options.account;
  const env = { stackName, region, account, ...partitionOf(region) };
  const params = resolveParameters(stackName, template, options.parameters, prev?.parameters);
  const stack = prev
    ? structuredClone(prev)
    : newStackState(stackName, `arn:${env.partition}:cloudformation:${region}:${account}:stack/${stackName}/${randomUUID()}`, region, account, template);
  stack.parameters = params.values;
  const run = startRun(options, env, stack, template, target.assemblyDir, params.unresolved);
  const plan = planDeploy(run, prev);
  const interrupted = prev?.status.endsWith('_IN_PROGRESS') ?? false;
  if (interrupted) options.out.write(`⚠️  ${stackName}: the previous run stopped during ${prev!.status}; carrying on from the resources it recorded\n`);
  run.progress.restart(plan.touched + 1);

  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    stack.status = prev ? 'UPDATE_IN_PROGRESS' : 'CREATE_IN_PROGRESS';
    stackEvent(run, stack.status, 'User Initiated');
    options.store.save(stack);
  };
  if (!prev) start();

  const applied = await applyResources(run, plan, start);
  const { changes } = applied;
  let failure: Failure | undefined = applied.failure;
  let outputs: Outputs = prev?.outputs ?? {};
  if (!failure) {
    try {
      outputs = evaluateOutputs(run, plan.conditions);
    } catch (err) {
      if (!(err instanceof IntrinsicError)) throw err;
      start();
      failure = { reason: err.message };
    }
  }
  const base = { stackName, stackId: stack.stackId, failures: run.progress.failures };
  if (failure) {
    const status = await rollBack(run, prev, changes, whatFailed(failure));
    const reason = failure.logicalId ? `${failure.logicalId} ${failure.status}: ${oneLine(failure.reason)}` : oneLine(failure.reason);
    return { ...base, status, ok: false, noChanges: false, outputs: prev ? outputValues(prev.outputs) : {}, reason };
  }

  const changed = changes.created.length + changes.updated.length + plan.removed.length > 0 || interrupted;
  if (options.rehearseRollback && changed) {
    options.out.write(`${stackName}: rehearsing a rollback (--rehearse-rollback), as CloudFormation would roll back if a later resource failed\n`);
    const status = await rollBack(run, prev, changes, 'Rollback rehearsal requested (--rehearse-rollback).');
    const ok = status === 'UPDATE_ROLLBACK_COMPLETE' || status === 'ROLLBACK_COMPLETE';
    return { ...base, status, ok, noChanges: false, rehearsed: true, outputs: prev ? outputValues(run.stack.outputs) : {} };
  }
  if (prev && !changed && canonical(prev.template) === canonical(template) && canonical(prev.parameters) === canonical(params.values)) {
    options.store.save(stack);
    return { ...base, status: prev.status, ok: true, noChanges: true, outputs: outputValues(prev.outputs) };
  }
  start();
  if (prev) await cleanUp(run, prev, changes, plan.removed);
  stack.status = prev ? 'UPDATE_COMPLETE' : 'CREATE_COMPLETE';
  stack.template = template;
  stack.outputs = outputs;
  options.store.save(stack);
  stackEvent(run, stack.status);
  return { ...base, status: stack.status, ok: true, noChanges: false, outputs: outputValues(outputs) };
}

function rollBack(run: StackRun, prev: StackState | undefined, changes: ChangeLog, reason: string): Promise<string> {
  return prev ? rollbackUpdate(run, prev, changes, reason) : rollbackCreate(run, changes.created, `${reason} Rollback requested by user.`);
}

function whatFailed(failure: Failure): string {
  if (!failure.logicalId) return oneLine(failure.reason);
  const failed = failure.failed?.length ? failure.failed : [failure.logicalId];
  return `The following resource(s) failed to ${failure.status === 'CREATE_FAILED' ? 'create' : 'update'}: [${failed.join(', ')}].`;
}

/** After a successful update: old physical resources of replacements, and dropped resources. Failures here do not fail the update. */
async function cleanUp(run: StackRun, prev: StackState, changes: ChangeLog, removed: string[]): Promise<void> {
  if (removed.length === 0 && changes.replaced.length === 0) return;
  stackEvent(run, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
  for (const id of removed) run.stack.resources[id] ??= prev.resources[id];
  await Promise.all([
    ...changes.replaced.map(r => removeResource(run, r.id, r.old, 'replace')),
    removeAll(run, removed, 'delete'),
  ]);
  // A failed cleanup delete does not keep the resource in the stack: CloudFormation lets it go.
  for (const id of removed) delete run.stack.resources[id];
  run.store.save(run.stack);
}
