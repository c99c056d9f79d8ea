// The forward pass of a deploy: each resource is created, updated, or left alone when its resolved
// properties are unchanged, as soon as what it depends on is in place; independent resources at
// once. The first failure stops the pass: nothing new starts, and custom resources still at work
// are cancelled (CloudFormation stops waiting for their answer; the work itself goes on).
import { handlerProperties } from './custom-resource';
import { runGraph } from './graph';
import { IntrinsicError, resolve } from './intrinsics';
import type { Plan } from './plan';
import { Desired, createResource, recordOf, unchanged, updateResource } from './resources';
import type { ChangeLog } from './rollback';
import { scopeFor } from './scope';
import { generatedPhysicalId } from './simulated';
import { resourceEvent, working } from './stack-events';
import type { StackRun } from './stack-run';
import { JsonObject, describeResource, isCustomResource } from './template';

export interface Failure {
  reason: string;
  logicalId?: string;
  /** CREATE_FAILED or UPDATE_FAILED */
  status?: string;
  /** Every resource that failed, cancelled ones included, in the order they failed. */
  failed?: string[];
}

/** `start` is called before the first change, so that a deploy that changes nothing emits no event. */
export async function applyResources(run: StackRun, plan: Plan, start: () => void): Promise<{ changes: ChangeLog; failure?: Failure }> {
  const changes: ChangeLog = { created: [], updated: [], replaced: [] };
  const cancel = new AbortController();
  let failure: Failure | undefined;
  const failed: string[] = [];
  const fail = (id: string, status: string, reason: string) => {
    failed.push(id);
    failure ??= { reason, logicalId: id, status };
    cancel.abort();
  };
  await runGraph(plan.order, id => plan.dependencies.get(id)!, id => applyOne(run, plan, id, changes, start, fail, cancel.signal), { stopOnFailure: true });
  return { changes, failure: failure && { ...failure, failed } };
}

async function applyOne(run: StackRun, plan: Plan, id: string, changes: ChangeLog, start: () => void,
  fail: (id: string, status: string, reason: string) => void, signal: AbortSignal): Promise<boolean> {
  const r = run.template.Resources![id];
  const old = run.stack.resources[id];
  const verb = old ? 'UPDATE' : 'CREATE';
  let properties: JsonObject;
  try {
    const resolved = resolve(r.Properties ?? {}, scopeFor(run, describeResource(id, r), plan.conditions));
    properties = (isCustomResource(r.Type) ? handlerProperties(resolved as JsonObject) : resolved) as JsonObject;
  } catch (err) {
    if (!(err instanceof IntrinsicError)) throw err;
    start();
    resourceEvent(run, `${verb}_FAILED`, id, err.message);
    fail(id, `${verb}_FAILED`, err.message);
    return false;
  }
  const desired: Desired = { logicalId: id, resource: r, properties, dependsOn: plan.dependencies.get(id)! };
  if (old && canonical(old.properties) === canonical(properties)) {
    run.stack.resources[id] = unchanged(run, desired, old);
    return true;
  }
  start();
  resourceEvent(run, `${verb}_IN_PROGRESS`, id);
  const sentBefore = run.sent.length;
  const began = Date.now();
  const stop = working(run, id, `${verb}_IN_PROGRESS`);
  const outcome = await (old ? updateResource(run, desired, old, signal) : createResource(run, desired, signal)).finally(stop);
  const elapsed = isCustomResource(r.Type) ? Date.now() - began : undefined;
  const eventSent = run.sent.length > sentBefore;
  if (!outcome.ok) {
    const reason = outcome.cancelled ? `Resource ${old ? 'update' : 'creation'} cancelled` : outcome.reason;
    resourceEvent(run, `${verb}_FAILED`, id, reason, elapsed);
    if (old && eventSent) changes.updated.push({ id, old, sent: properties });
    if (!old && eventSent) {
      // CloudFormation sends the failed resource a Delete too, with the ID its FAILED answer carried,
      // or one it makes up when no answer came.
      run.stack.resources[id] = recordOf(desired, outcome.physicalId ?? generatedPhysicalId(run.env.stackName, id), {});
      changes.created.push(id);
    }
    run.store.save(run.stack);
    fail(id, `${verb}_FAILED`, reason);
    return false;
  }
  if (outcome.replaced) resourceEvent(run, 'UPDATE_IN_PROGRESS', id, 'Requested update required the provider to create a new physical resource');
  resourceEvent(run, `${verb}_COMPLETE`, id, undefined, elapsed);
  run.stack.resources[id] = outcome.state;
  if (old) {
    changes.updated.push({ id, old, sent: properties });
    if (outcome.replaced) changes.replaced.push({ id, old, current: outcome.state });
  } else {
    changes.created.push(id);
  }
  run.store.save(run.stack);
  return true;
}

/** JSON with sorted keys, so equal properties compare equal whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map(k => [k, v[k]])) : v));
}
