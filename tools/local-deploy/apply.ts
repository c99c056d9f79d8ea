// The forward pass of a deploy: each resource in order is created, updated, or left alone when
// its resolved properties are unchanged; the first failure stops the pass.
import { handlerProperties } from './custom-resource';
import { IntrinsicError, resolve } from './intrinsics';
import type { Plan } from './plan';
import { CREATE_FAILED_MARKER } from './provider-driver';
import { Desired, createResource, recordOf, unchanged, updateResource } from './resources';
import type { ChangeLog } from './rollback';
import { scopeFor } from './scope';
import { resourceEvent, working } from './stack-events';
import type { StackRun } from './stack-run';
import { JsonObject, describeResource, isCustomResource } from './template';

export interface Failure {
  reason: string;
  logicalId?: string;
  /** CREATE_FAILED or UPDATE_FAILED */
  status?: string;
}

/** `start` is called before the first change, so that a deploy that changes nothing emits no event. */
export async function applyResources(run: StackRun, plan: Plan, start: () => void): Promise<{ changes: ChangeLog; failure?: Failure }> {
  const changes: ChangeLog = { created: [], updated: [], replaced: [] };
  const resources = run.template.Resources ?? {};
  for (const id of plan.order) {
    const r = resources[id];
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
      return { changes, failure: { reason: err.message, logicalId: id, status: `${verb}_FAILED` } };
    }
    const desired: Desired = { logicalId: id, resource: r, properties, dependsOn: plan.dependencies.get(id)! };
    if (old && canonical(old.properties) === canonical(properties)) {
      run.stack.resources[id] = unchanged(run, desired, old);
      continue;
    }
    start();
    resourceEvent(run, `${verb}_IN_PROGRESS`, id);
    const sentBefore = run.sent.length;
    const began = Date.now();
    const stop = working(run, id, `${verb}_IN_PROGRESS`);
    const outcome = await (old ? updateResource(run, desired, old) : createResource(run, desired)).finally(stop);
    const elapsed = isCustomResource(r.Type) ? Date.now() - began : undefined;
    const eventSent = run.sent.length > sentBefore;
    if (!outcome.ok) {
      resourceEvent(run, `${verb}_FAILED`, id, outcome.reason, elapsed);
      if (old && eventSent) changes.updated.push({ id, old, sent: properties });
      if (!old && eventSent) {
        // CloudFormation sends the failed resource a Delete too; the ID is whatever the FAILED answer carried.
        run.stack.resources[id] = recordOf(desired, outcome.physicalId ?? CREATE_FAILED_MARKER, {});
        changes.created.push(id);
      }
      run.store.save(run.stack);
      return { changes, failure: { reason: outcome.reason, logicalId: id, status: `${verb}_FAILED` } };
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
  }
  return { changes };
}

/** JSON with sorted keys, so equal properties compare equal whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map(k => [k, v[k]])) : v));
}
