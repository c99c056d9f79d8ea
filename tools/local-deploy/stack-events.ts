// Stack and resource events, and deleting a resource as its DeletionPolicy says: the steps
// deploy, rollback and destroy have in common.
import { deleteResource } from './resources';
import type { StackRun } from './stack-run';
import type { ResourceState } from './state';
import { cdkPath, isCustomResource } from './template';

export type Situation =
  /** Undoing the operation that created the resource. */
  | 'rollback'
  /** Stack delete, or the resource left the template. */
  | 'delete'
  /** The old physical resource after a replacement (UpdateReplacePolicy). */
  | 'replace';

export function retains(rs: ResourceState, situation: Situation): boolean {
  const policy = situation === 'replace' ? rs.updateReplacePolicy : rs.deletionPolicy;
  if (policy === 'Retain') return true;
  return policy === 'RetainExceptOnCreate' && situation !== 'rollback';
}

export function stackEvent(run: StackRun, status: string, reason?: string): void {
  run.progress.event({ status, type: 'AWS::CloudFormation::Stack', display: run.env.stackName, reason });
}

export function resourceEvent(run: StackRun, status: string, logicalId: string, reason?: string, elapsedMs?: number): void {
  run.progress.event({ status, type: typeOf(run, logicalId), display: displayOf(run, logicalId), logicalId, reason, elapsedMs });
}

/** The spinner, for resources that take time (custom resources); answers the function that stops it. */
export function working(run: StackRun, logicalId: string, status: string): () => void {
  return isCustomResource(typeOf(run, logicalId)) ? run.progress.busy(`${displayOf(run, logicalId)} ${status}`) : () => undefined;
}

/** The construct path without the stack's name, as the CDK CLI shows it. */
function displayOf(run: StackRun, logicalId: string): string {
  const path = run.stack.resources[logicalId]?.path ?? cdkPath(run.template.Resources?.[logicalId]);
  const prefix = `${run.env.stackName}/`;
  return path ? (path.startsWith(prefix) ? path.slice(prefix.length) : path) : logicalId;
}

function typeOf(run: StackRun, logicalId: string): string {
  return run.stack.resources[logicalId]?.type ?? run.template.Resources?.[logicalId]?.Type ?? '';
}

/** Deletes (or keeps) one resource; the caller drops it from the record unless it 'failed'. */
export async function removeResource(run: StackRun, logicalId: string, rs: ResourceState, situation: Situation): Promise<'deleted' | 'retained' | 'failed'> {
  if (retains(rs, situation)) {
    resourceEvent(run, 'DELETE_SKIPPED', logicalId);
    return 'retained';
  }
  resourceEvent(run, 'DELETE_IN_PROGRESS', logicalId);
  const started = Date.now();
  const stop = working(run, logicalId, 'DELETE_IN_PROGRESS');
  const out = await deleteResource(run, logicalId, rs).finally(stop);
  const elapsed = isCustomResource(rs.type) ? Date.now() - started : undefined;
  if (!out.ok) {
    resourceEvent(run, 'DELETE_FAILED', logicalId, out.reason, elapsed);
    return 'failed';
  }
  resourceEvent(run, 'DELETE_COMPLETE', logicalId, undefined, elapsed);
  return 'deleted';
}

/** The resource and everything it depends on, which must outlive it (a failed Delete is retried through them). */
export function withDependencies(resources: Record<string, ResourceState>, ids: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const visit = (id: string) => {
    if (out.has(id)) return;
    out.add(id);
    for (const d of resources[id]?.dependsOn ?? []) visit(d);
  };
  for (const id of ids) visit(id);
  return out;
}
