// Rolling back a failed (or rehearsed) stack operation the way CloudFormation does.
import { isChimeResource, updateChimeResource } from './chime-resources';
import { sendEvent } from './custom-resource';
import type { StackRun } from './stack-run';
import { removeResource, resourceEvent, stackEvent, withDependencies, working } from './stack-events';
import type { ResourceState, StackState } from './state';
import { JsonObject, isCustomResource } from './template';

/** What an operation changed, in order, so that it can be undone. */
export interface ChangeLog {
  /** Resources this operation created (a failed create included: it gets its Delete too). */
  created: string[];
  /** Resources sent an Update (a failed one included), with the record before and the properties sent. */
  updated: { id: string; old: ResourceState; sent: JsonObject }[];
  /** Updates that answered a new physical ID: the old record, and the new one to delete. */
  replaced: { id: string; old: ResourceState; current: ResourceState }[];
}

/**
 * A failed first deploy: every resource it created is deleted, last first, as its DeletionPolicy
 * allows (RetainExceptOnCreate and Delete delete, Retain keeps). The stack is then gone.
 */
export async function rollbackCreate(run: StackRun, created: string[], reason: string): Promise<string> {
  stackEvent(run, 'ROLLBACK_IN_PROGRESS', reason);
  run.stack.status = 'ROLLBACK_IN_PROGRESS';
  const failed = await removeAll(run, [...created].reverse(), 'rollback');
  if (failed.length === 0) {
    stackEvent(run, 'ROLLBACK_COMPLETE');
    run.stack.status = 'ROLLBACK_COMPLETE';
    run.store.remove(run.env.stackName);
    return 'ROLLBACK_COMPLETE';
  }
  stackEvent(run, 'ROLLBACK_FAILED', `The following resource(s) failed to delete: [${failed.join(', ')}].`);
  run.stack.status = 'ROLLBACK_FAILED';
  run.store.save(run.stack);
  return 'ROLLBACK_FAILED';
}

/**
 * A failed update: each updated resource gets an Update back to its old properties (the failed one
 * included, OldResourceProperties = what it was sent), last first; then the cleanup deletes what
 * the update created, and the new physical resources of replacements. The record returns to `prev`.
 */
export async function rollbackUpdate(run: StackRun, prev: StackState, changes: ChangeLog, reason: string): Promise<string> {
  stackEvent(run, 'UPDATE_ROLLBACK_IN_PROGRESS', reason);
  run.stack.status = 'UPDATE_ROLLBACK_IN_PROGRESS';
  run.template = prev.template;
  let failed: string | undefined;
  for (const u of [...changes.updated].reverse()) {
    if (isChimeResource(u.old.type)) {
      // Put back as it was: the resource lives in the Chime endpoint.
      const current = run.stack.resources[u.id] ?? u.old;
      const out = await updateChimeResource(run, { logicalId: u.id, resource: { Type: u.old.type }, properties: u.old.properties, dependsOn: u.old.dependsOn }, current);
      run.stack.resources[u.id] = u.old;
      resourceEvent(run, out.ok ? 'UPDATE_COMPLETE' : 'UPDATE_FAILED', u.id, out.ok ? undefined : out.reason);
      if (!out.ok) {
        failed = u.id;
        break;
      }
      continue;
    }
    if (changes.replaced.some(r => r.id === u.id) || !isCustomResource(u.old.type)) {
      // Nothing to send: the old physical resource was never touched.
      run.stack.resources[u.id] = u.old;
      resourceEvent(run, 'UPDATE_COMPLETE', u.id);
      continue;
    }
    resourceEvent(run, 'UPDATE_IN_PROGRESS', u.id);
    const started = Date.now();
    const stop = working(run, u.id, 'UPDATE_IN_PROGRESS');
    const out = await sendEvent(run, {
      requestType: 'Update', logicalId: u.id, resourceType: u.old.type, properties: u.old.properties,
      oldProperties: u.sent, physicalId: u.old.physicalId,
    }).finally(stop);
    run.stack.resources[u.id] = out.ok ? { ...u.old, attributes: out.data } : u.old;
    run.store.save(run.stack);
    if (!out.ok) {
      resourceEvent(run, 'UPDATE_FAILED', u.id, out.reason, Date.now() - started);
      failed = u.id;
      break;
    }
    resourceEvent(run, 'UPDATE_COMPLETE', u.id, undefined, Date.now() - started);
  }
  if (!failed) {
    const hasCleanup = changes.created.length > 0 || changes.replaced.length > 0;
    if (hasCleanup) stackEvent(run, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
    await removeAll(run, [...changes.created].reverse(), 'rollback');
    for (const r of changes.replaced) {
      // The replacement never became the resource: delete it unless the template retains it.
      await removeResource(run, r.id, r.current, 'rollback');
    }
  }
  // Resources the update left alone go back to their old records too (policies, code).
  for (const [id, rs] of Object.entries(prev.resources)) {
    if (!changes.updated.some(u => u.id === id)) run.stack.resources[id] = rs;
  }
  const status = failed ? 'UPDATE_ROLLBACK_FAILED' : 'UPDATE_ROLLBACK_COMPLETE';
  run.stack = { ...run.stack, status, template: prev.template, parameters: prev.parameters, outputs: prev.outputs };
  run.store.save(run.stack);
  stackEvent(run, status, failed ? `The following resource(s) failed to update: [${failed}].` : undefined);
  return status;
}

/** Deletes these resources in this order; one that fails keeps itself and what it depends on. Returns the failed ones. */
export async function removeAll(run: StackRun, ids: string[], situation: 'rollback' | 'delete'): Promise<string[]> {
  const failed: string[] = [];
  for (const id of ids) {
    const rs = run.stack.resources[id];
    if (!rs || withDependencies(run.stack.resources, failed).has(id)) continue;
    const outcome = await removeResource(run, id, rs, situation);
    if (outcome === 'failed') failed.push(id);
    else delete run.stack.resources[id];
    run.store.save(run.stack);
  }
  return failed;
}
