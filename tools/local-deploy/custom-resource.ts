// CloudFormation's side of a custom resource: the request it sends (every field, properties
// as strings), the response it accepts, and the reason it shows when the answer is FAILED.
import { randomUUID } from 'crypto';
import { LocalDeployError } from './errors';
import { providerFor } from './provider-lookup';
import { CfnRequest, RequestType, driveProvider } from './provider-driver';
import type { StackRun } from './stack-run';
import type { Json, JsonObject } from './template';

/** CloudFormation refuses a larger custom resource response. */
const RESPONSE_LIMIT_BYTES = 4096;

export interface EventInput {
  requestType: RequestType;
  logicalId: string;
  resourceType: string;
  /** As the handler is to see them (see handlerProperties). */
  properties: JsonObject;
  oldProperties?: JsonObject;
  physicalId?: string;
}

export type EventOutcome =
  | { ok: true; physicalId: string; data: JsonObject }
  | { ok: false; reason: string; physicalId?: string };

/** CloudFormation hands custom resources every scalar as a string: true → "true", 5 → "5". */
export function handlerProperties(value: Json): Json {
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(handlerProperties);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, handlerProperties(v)]));
  }
  return value;
}

export async function sendEvent(run: StackRun, input: EventInput): Promise<EventOutcome> {
  const requestId = randomUUID();
  const serviceToken = input.properties.ServiceToken;
  if (typeof serviceToken !== 'string') return { ok: false, reason: 'ServiceToken is missing or not a string', physicalId: input.physicalId };
  let provider;
  try {
    provider = providerFor(run, serviceToken);
  } catch (err) {
    if (err instanceof LocalDeployError) return { ok: false, reason: err.message, physicalId: input.physicalId };
    throw err;
  }
  const request: CfnRequest = {
    RequestType: input.requestType,
    ServiceToken: serviceToken,
    ResponseURL: `https://cloudformation-custom-resource-response-${run.env.region.replace(/-/g, '')}.s3.${run.env.urlSuffix}/`
      + `${encodeURIComponent(`${run.stack.stackId}|${input.logicalId}|${requestId}`)}?local-deploy=1`,
    StackId: run.stack.stackId,
    RequestId: requestId,
    LogicalResourceId: input.logicalId,
    ResourceType: input.resourceType,
    ResourceProperties: input.properties,
    ...(input.physicalId !== undefined ? { PhysicalResourceId: input.physicalId } : {}),
    ...(input.oldProperties !== undefined ? { OldResourceProperties: input.oldProperties } : {}),
  };
  run.runner.note('request', { stackName: run.env.stackName, requestType: input.requestType, logicalResourceId: input.logicalId, physicalResourceId: input.physicalId, requestId });
  const { response, swallowed } = await driveProvider(request, {
    invoke: (fn, payload) => run.runner.invoke(fn === 'onEvent' ? provider.onEvent : provider.isComplete!, payload),
    functionNames: { onEvent: provider.onEvent.name, isComplete: provider.isComplete?.name },
    waiter: provider.waiter,
  });
  const tooLong = Buffer.byteLength(JSON.stringify(response)) > RESPONSE_LIMIT_BYTES;
  const ok = response.Status === 'SUCCESS' && !tooLong;
  const reason = tooLong
    ? 'Response object is too long.'
    : `Received response status [FAILED] from custom resource. Message returned: ${response.Reason} (RequestId: ${requestId})`;
  run.runner.note('response', { requestId, status: ok ? 'SUCCESS' : 'FAILED', physicalResourceId: response.PhysicalResourceId, reason: ok ? undefined : reason, swallowed });
  run.sent.push({
    stackName: run.env.stackName, requestType: input.requestType, logicalResourceId: input.logicalId, resourceType: input.resourceType,
    physicalResourceId: input.physicalId, requestId, status: ok ? 'SUCCESS' : 'FAILED', ...(ok ? {} : { reason }), ...(swallowed ? { swallowed } : {}),
  });
  if (!ok) return { ok: false, reason, physicalId: response.PhysicalResourceId };
  return { ok: true, physicalId: response.PhysicalResourceId, data: response.Data ?? {} };
}
