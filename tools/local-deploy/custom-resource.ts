// CloudFormation's side of a custom resource: the request it sends (every field, properties as
// strings) by invoking the ServiceToken asynchronously, the answer it reads from the ResponseURL
// (the first one; at most 4,096 bytes), and the failures it reports: a FAILED answer, no answer
// within the resource's ServiceTimeout, or the operation cancelled because another resource failed.
import { randomUUID } from 'crypto';
import { serviceFunction } from './deployed-functions';
import { LocalDeployError } from './errors';
import { FAULT_KINDS, RequestType, faultsFor } from './faults';
import type { Answer } from './response-endpoint';
import type { StackRun } from './stack-run';
import type { Json, JsonObject } from './template';

/** CloudFormation refuses a larger custom resource response. */
const RESPONSE_LIMIT_BYTES = 4096;
/** CloudFormation's default, and its maximum, ServiceTimeout. */
const DEFAULT_SERVICE_TIMEOUT_SECONDS = 3600;

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
  | { ok: false; reason: string; physicalId?: string; cancelled?: boolean };

/** CloudFormation hands custom resources every scalar as a string: true → "true", 5 → "5". */
export function handlerProperties(value: Json): Json {
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(handlerProperties);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, handlerProperties(v)]));
  }
  return value;
}

export function noResponseReason(requestId: string): string {
  return `CloudFormation did not receive a response from your Custom Resource. Please check your logs for requestId [${requestId}]. `
    + 'If you are using the Python cfn-response module, you may need to update your Lambda function code so that CloudFormation can attach the updated version.';
}

type Ending = { answer: Answer } | { timedOut: true } | { silent: string } | { cancelled: true };

/** Sends one request and waits for its answer; `signal` cancels the wait (the work goes on, unheard). */
export async function sendEvent(run: StackRun, input: EventInput, signal?: AbortSignal): Promise<EventOutcome> {
  const requestId = randomUUID();
  const serviceToken = input.properties.ServiceToken;
  if (typeof serviceToken !== 'string') return { ok: false, reason: 'ServiceToken is missing or not a string', physicalId: input.physicalId };
  let framework;
  try {
    framework = serviceFunction(run, serviceToken);
  } catch (err) {
    if (err instanceof LocalDeployError) return { ok: false, reason: err.message, physicalId: input.physicalId };
    throw err;
  }
  const { cloud } = run;
  const request: JsonObject = {
    RequestType: input.requestType,
    ServiceToken: serviceToken,
    ResponseURL: cloud.responses.url(run.env.region, run.stack.stackId, input.logicalId, requestId),
    StackId: run.stack.stackId,
    RequestId: requestId,
    LogicalResourceId: input.logicalId,
    ResourceType: input.resourceType,
    ResourceProperties: input.properties,
    ...(input.physicalId !== undefined ? { PhysicalResourceId: input.physicalId } : {}),
    ...(input.oldProperties !== undefined ? { OldResourceProperties: input.oldProperties } : {}),
  };
  const faults = faultsFor(run.faults, input.logicalId, input.requestType);
  const tracked = cloud.track(requestId, faults);
  const timeoutSeconds = serviceTimeout(run, input.properties);
  const note = (type: string, record: Record<string, unknown>) => cloud.runner.note(type, { requestId, ...record });
  note('request', {
    stackName: run.env.stackName, requestType: input.requestType, logicalResourceId: input.logicalId, physicalResourceId: input.physicalId,
    faults: faults.map(f => f.kind),
  });
  const deliver = (why: string) => {
    note('delivery', { to: framework.name, why });
    void cloud.invokeAsync(framework, request, requestId);
  };
  const has = (kind: keyof typeof FAULT_KINDS) => faults.some(f => f.kind === kind);

  const ending = await new Promise<Ending>(resolve => {
    let ended = false;
    const finish = (e: Ending) => {
      if (ended) {
        if ('answer' in e) note('response.ignored', { status: e.answer.body?.Status, why: 'CloudFormation had its answer already' });
        return;
      }
      ended = true;
      clearTimeout(timer);
      tracked.record.idle.delete(onIdle);
      signal?.removeEventListener('abort', onAbort);
      resolve(e);
    };
    const timer = setTimeout(() => finish({ timedOut: true }), timeoutSeconds * 1000);
    // Nothing left that could answer, and nothing answered: waiting out ServiceTimeout would only hang the run.
    const onIdle = () => { if (cloud.answersArrived(requestId) === 0) finish({ silent: tracked.record.lastError ?? 'the request was handled and no answer was sent' }); };
    const onAbort = () => finish({ cancelled: true });
    tracked.record.idle.add(onIdle);
    signal?.addEventListener('abort', onAbort);
    const stopListening = cloud.responses.onAnswer(requestId, answer => finish({ answer }));
    tracked.record.idle.add(stopListening);
    deliver('CloudFormation invokes the ServiceToken asynchronously');
    if (has('duplicate-at-once')) deliver('fault duplicate-at-once: Lambda delivered the event twice');
  });
  if ('answer' in ending && has('duplicate-after-answer')) deliver('fault duplicate-after-answer: Lambda delivered the event again');
  tracked.forget();

  const outcome = judge(ending, requestId, timeoutSeconds);
  const swallowed = 'answer' in ending && tracked.record.userInvokes === 0;
  note('response', { status: outcome.ok ? 'SUCCESS' : 'FAILED', physicalResourceId: outcome.physicalId, reason: outcome.ok ? undefined : outcome.reason, swallowed });
  run.sent.push({
    stackName: run.env.stackName, requestType: input.requestType, logicalResourceId: input.logicalId, resourceType: input.resourceType,
    physicalResourceId: input.physicalId, requestId, status: outcome.ok ? 'SUCCESS' : 'FAILED',
    ...(outcome.ok ? {} : { reason: outcome.reason }), ...(swallowed ? { swallowed } : {}), ...('cancelled' in ending ? { cancelled: true } : {}),
    ...('answer' in ending ? { responseBytes: ending.answer.bytes } : {}),
  });
  return outcome;
}

function judge(ending: Ending, requestId: string, timeoutSeconds: number): EventOutcome {
  if ('cancelled' in ending) return { ok: false, reason: 'cancelled', cancelled: true };
  if ('timedOut' in ending) return { ok: false, reason: noResponseReason(requestId) };
  if ('silent' in ending) {
    return {
      ok: false,
      reason: `${noResponseReason(requestId)} (local deploy: ${ending.silent}; CloudFormation would report this after the ServiceTimeout of ${timeoutSeconds} seconds)`,
    };
  }
  const { body, bytes } = ending.answer;
  if (bytes > RESPONSE_LIMIT_BYTES) return { ok: false, reason: 'Response object is too long.', physicalId: body?.PhysicalResourceId };
  if (!body || (body.Status !== 'SUCCESS' && body.Status !== 'FAILED')) return { ok: false, reason: 'Invalid response object: no Status of SUCCESS or FAILED' };
  if (body.Status === 'FAILED') {
    return { ok: false, reason: `Received response status [FAILED] from custom resource. Message returned: ${body.Reason ?? ''} (RequestId: ${requestId})`, physicalId: body.PhysicalResourceId };
  }
  if (typeof body.PhysicalResourceId !== 'string' || body.PhysicalResourceId === '') return { ok: false, reason: 'Invalid PhysicalResourceId' };
  const data = typeof body.Data === 'object' && body.Data !== null && !Array.isArray(body.Data) ? body.Data as JsonObject : {};
  return { ok: true, physicalId: body.PhysicalResourceId, data };
}

/** The resource's ServiceTimeout (seconds, 1 to 3600), unless the local deploy was told another. */
function serviceTimeout(run: StackRun, properties: JsonObject): number {
  if (run.serviceTimeoutSeconds !== undefined) return run.serviceTimeoutSeconds;
  const given = Number(properties.ServiceTimeout);
  return Number.isFinite(given) && given > 0 ? Math.min(given, DEFAULT_SERVICE_TIMEOUT_SECONDS) : DEFAULT_SERVICE_TIMEOUT_SECONDS;
}
