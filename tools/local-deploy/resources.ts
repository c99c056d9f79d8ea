// Create, update and delete of one resource: custom resources through their Provider,
// everything else simulated (and Lambda functions given their code from the cloud assembly).
import * as fs from 'fs';
import * as path from 'path';
import { createChimeResource, deleteChimeResource, isChimeResource, updateChimeResource } from './chime-resources';
import { sendEvent } from './custom-resource';
import { simulate } from './simulated';
import type { StackRun } from './stack-run';
import type { ResourceState } from './state';
import { JsonObject, TemplateResource, cdkPath, isCustomResource } from './template';

export interface Desired {
  logicalId: string;
  resource: TemplateResource;
  /** Resolved; for custom resources already as the handler sees them. */
  properties: JsonObject;
  dependsOn: string[];
}

export type ResourceOutcome =
  | { ok: true; state: ResourceState; replaced: boolean }
  | { ok: false; reason: string; physicalId?: string; cancelled?: boolean };

export async function createResource(run: StackRun, d: Desired, signal?: AbortSignal): Promise<ResourceOutcome> {
  const type = d.resource.Type;
  if (isCustomResource(type)) {
    const out = await sendEvent(run, { requestType: 'Create', logicalId: d.logicalId, resourceType: type, properties: d.properties }, signal);
    if (!out.ok) return out;
    return { ok: true, state: recordOf(d, out.physicalId, out.data), replaced: false };
  }
  if (isChimeResource(type)) return createChimeResource(run, d);
  const sim = simulate(type, d.logicalId, d.properties, run.env);
  return { ok: true, state: { ...recordOf(d, sim.physicalId, sim.attributes), ...codeOf(run, d) }, replaced: false };
}

export async function updateResource(run: StackRun, d: Desired, old: ResourceState, signal?: AbortSignal): Promise<ResourceOutcome> {
  const type = d.resource.Type;
  if (isCustomResource(type)) {
    if (old.properties.ServiceToken !== d.properties.ServiceToken) return { ok: false, reason: 'Modifying service token is not allowed.' };
    const out = await sendEvent(run, {
      requestType: 'Update', logicalId: d.logicalId, resourceType: type, properties: d.properties,
      oldProperties: old.properties, physicalId: old.physicalId,
    }, signal);
    if (!out.ok) return { ok: false, reason: out.reason, physicalId: old.physicalId, cancelled: out.cancelled };
    return { ok: true, state: recordOf(d, out.physicalId, out.data), replaced: out.physicalId !== old.physicalId };
  }
  if (isChimeResource(type)) return updateChimeResource(run, d, old);
  return { ok: true, state: unchanged(run, d, old), replaced: false };
}

/** Sends the Delete (custom resources) for this physical resource; DeletionPolicy is the caller's business. */
export async function deleteResource(run: StackRun, logicalId: string, rs: ResourceState): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (isChimeResource(rs.type)) return deleteChimeResource(run, rs);
  if (!isCustomResource(rs.type)) return { ok: true };
  const out = await sendEvent(run, {
    requestType: 'Delete', logicalId, resourceType: rs.type, properties: rs.properties, physicalId: rs.physicalId,
  });
  return out.ok ? { ok: true } : { ok: false, reason: out.reason };
}

/** A resource whose resolved properties did not change: no event; policies and metadata follow the template. */
export function unchanged(run: StackRun, d: Desired, old: ResourceState): ResourceState {
  return { ...recordOf(d, old.physicalId, old.attributes), ...(old.codeDir ? { codeDir: old.codeDir } : {}), ...codeOf(run, d) };
}

/** A Lambda function's code: its directory asset, copied into the state directory as "deployed". */
export function codeOf(run: StackRun, d: Desired): { codeDir?: string } {
  const asset = d.resource.Metadata?.['aws:asset:path'];
  if (d.resource.Type !== 'AWS::Lambda::Function' || typeof asset !== 'string' || !run.assemblyDir) return {};
  const source = path.resolve(run.assemblyDir, asset);
  if (!fs.existsSync(source) || !fs.statSync(source).isDirectory()) return {};
  // Asset directories are named by content hash: one copy serves every deploy of that code.
  const target = run.store.codeDir(path.basename(source));
  if (!fs.existsSync(target)) {
    const tmp = `${target}.${process.pid}.tmp`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.cpSync(source, tmp, { recursive: true });
    fs.renameSync(tmp, target);
  }
  return { codeDir: path.relative(run.store.dir, target) };
}

export function recordOf(d: Desired, physicalId: string, attributes: JsonObject): ResourceState {
  const r = d.resource;
  return {
    type: r.Type,
    physicalId,
    properties: d.properties,
    attributes,
    ...(r.DeletionPolicy ? { deletionPolicy: r.DeletionPolicy } : {}),
    ...(r.UpdateReplacePolicy ? { updateReplacePolicy: r.UpdateReplacePolicy } : {}),
    ...(cdkPath(r) ? { path: cdkPath(r) } : {}),
    dependsOn: d.dependsOn,
  };
}
