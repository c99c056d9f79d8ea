// Rolling back a failed (or rehearsed) stack operation the way CloudFormation does: dependents
// first, independent resources at once. A rollback that fails leaves what remains to undo in the
// stack record, for --continue-update-rollback.
import { isChimeResource, updateChimeResource } from './chime-resources';
import { sendEvent } from './custom-resource';
import { runGraph } from './graph';
import type { StackRun } from './stack-run';
import { removeResource, resourceEvent, stackEvent, working } from './stack-events';
import type { ResourceState, StackState } from './state';
import { JsonObject, isCustomResource } from './template';

/** What an operation changed, so that it can be undone. */
export interface ChangeLog {
  /** Resources this operation created (a failed create included: it gets its Delete too). */
  created: string[];
  /** Resources sent an Update (a failed one included), with the record before and the properties sent. */
  updated: { id: string; old: ResourceState; sent: JsonObject }[];
  /** Updates that answered a new physical ID: the old record, and the new one to delete. */
  replaced: { id: string; old: ResourceState; current: ResourceState }[];
}

/**
 * A failed first deploy: every resource it created is deleted, dependents first, as its
 * DeletionPolicy allows (RetainExceptOnCreate and Delete delete, Retain keeps). The stack is then gone.
 */
export async function rollbackCreate(run: StackRun, created: string[], reason: string): Promise<string> {
  stackEvent(run, 'ROLLBACK_IN_PROGRESS', reason);
  run.stack.status = 'ROLLBACK_IN_PROGRESS';
  const failed = await removeAll(run, created, 'rollback');
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
 * included, OldResourceProperties = what it was sent), dependents first; then the cleanup deletes
 * what the update created, and the new physical resources of replacements. The record returns to `prev`.
 * `skipped` (--resources-to-skip) are taken as rolled back without being sent anything.
 */
export async function rollbackUpdate(run: StackRun, prev: StackState, changes: ChangeLog, reason: string, skipped: string[] = []): Promise<string> {
  stackEvent(run, 'UPDATE_ROLLBACK_IN_PROGRESS', reason);
  run.stack.status = 'UPDATE_ROLLBACK_IN_PROGRESS';
  run.stack.pendingRollback = undefined;
  run.template = prev.template;
  for (const id of skipped) resourceEvent(run, 'UPDATE_COMPLETE', id, 'Resource skipped during rollback (--resources-to-skip)');
  const toUndo = changes.updated.filter(u => !skipped.includes(u.id));
  const ids = toUndo.map(u => u.id);
  const undo = await runGraph(ids, id => ids.filter(other => prev.resources[other]?.dependsOn.includes(id)),
    id => undoUpdate(run, toUndo.find(u => u.id === id)!), { stopOnFailure: true });
  if (undo.failed.length === 0) {
    const hasCleanup = changes.created.length > 0 || changes.replaced.length > 0;
    if (hasCleanup) stackEvent(run, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
    await Promise.all([
      removeAll(run, changes.created, 'rollback'),
      // A replacement never became the resource: its new physical resource goes unless the template retains it.
      ...changes.replaced.map(r => removeResource(run, r.id, r.current, 'rollback')),
    ]);
  }
  // Resources the update left alone, or that were skipped, go back to their old records too (policies, code).
  for (const [id, rs] of Object.entries(prev.resources)) {
    if (!toUndo.some(u => u.id === id)) run.stack.resources[id] = rs;
  }
  const failed = undo.failed.length > 0;
  const status = failed ? 'UPDATE_ROLLBACK_FAILED' : 'UPDATE_ROLLBACK_COMPLETE';
  run.stack = {
    ...run.stack, status, template: prev.template, parameters: prev.parameters, outputs: prev.outputs,
    ...(failed ? {
      pendingRollback: {
        reason, failed: undo.failed,
        previous: { template: prev.template, parameters: prev.parameters, outputs: prev.outputs, resources: prev.resources },
        changes: { ...changes, updated: toUndo.filter(u => !undo.done.includes(u.id)) },
      },
    } : {}),
  };
  run.store.save(run.stack);
  stackEvent(run, status, failed ? `The following resource(s) failed to update: [${undo.failed.join(', ')}].` : undefined);
  return status;
}

async function undoUpdate(run: StackRun, u: ChangeLog['updated'][number]): Promise<boolean> {
  if (isChimeResource(u.old.type)) {
    // Put back as it was: the resource lives in the Chime endpoint.
    const current = run.stack.resources[u.id] ?? u.old;
    const out = await updateChimeResource(run, { logicalId: u.id, resource: { Type: u.old.type }, properties: u.old.properties, dependsOn: u.old.dependsOn }, current);
    run.stack.resources[u.id] = u.old;
    resourceEvent(run, out.ok ? 'UPDATE_COMPLETE' : 'UPDATE_FAILED', u.id, out.ok ? undefined : out.reason);
    return out.ok;
  }
  if (!isCustomResource(u.old.type)) {
    // Nothing to send: the old physical resource was never touched.
    run.stack.resources[u.id] = u.old;
    resourceEvent(run, 'UPDATE_COMPLETE', u.id);
    return true;
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
    return false;
  }
  resourceEvent(run, 'UPDATE_COMPLETE', u.id, undefined, Date.now() - started);
  return true;
}

/**
 * Deletes these resources, each once everything among them that depends on it is gone, independent
 * ones at once; one that fails keeps itself and what it depends on. Returns the failed ones.
 */
export async function removeAll(run: StackRun, ids: string[], situation: 'rollback' | 'delete'): Promise<string[]> {
  const present = ids.filter(id => run.stack.resources[id]);
  const { failed } = await runGraph(present, id => present.filter(other => run.stack.resources[other]?.dependsOn.includes(id)), async id => {
    const outcome = await removeResource(run, id, run.stack.resources[id], situation);
    if (outcome !== 'failed') delete run.stack.resources[id];
    run.store.save(run.stack);
    return outcome !== 'failed';
  }, { stopOnFailure: false });
  return failed;
}
