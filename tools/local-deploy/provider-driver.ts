// What aws-cdk-lib's custom_resources.Provider does between CloudFormation and the user's
// onEvent and isComplete functions (framework.js, cfn-response.js and the waiter state machine),
// reproduced so the handlers see exactly the payloads they would see in AWS.
import type { InvokeOutcome } from './lambda-runner';
import type { JsonObject } from './template';

/** The framework answers a failed Create with this ID, and swallows the Delete that follows. */
export const CREATE_FAILED_MARKER = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';
export const MISSING_PHYSICAL_ID_MARKER = 'AWSCDK::CustomResourceProviderFramework::MISSING_PHYSICAL_ID';
export const TIMEOUT_REASON = 'Operation timed out';

export type RequestType = 'Create' | 'Update' | 'Delete';

export interface CfnRequest {
  RequestType: RequestType;
  ServiceToken: string;
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  ResourceType: string;
  ResourceProperties: JsonObject;
  PhysicalResourceId?: string;
  OldResourceProperties?: JsonObject;
}

export interface CfnResponse {
  Status: 'SUCCESS' | 'FAILED';
  Reason: string;
  PhysicalResourceId: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  NoEcho?: boolean;
  Data?: JsonObject;
}

/** The waiter state machine's Retry: IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds. */
export interface WaiterSettings {
  intervalMs: number;
  maxAttempts: number;
  backoffRate: number;
  maxDelayMs?: number;
}

export interface DriverDeps {
  invoke(fn: 'onEvent' | 'isComplete', payload: JsonObject): Promise<InvokeOutcome>;
  /** Physical names, for the "Logs: /aws/lambda/<name>" line the framework adds to a failure. */
  functionNames: { onEvent: string; isComplete?: string };
  /** Absent when the Provider has no isComplete handler: success right after onEvent. */
  waiter?: WaiterSettings;
  sleep?: (ms: number) => Promise<void>;
}

export interface DriverResult {
  response: CfnResponse;
  /** The Delete that follows a failed Create, answered without calling the handler. */
  swallowed: boolean;
  /** isComplete calls made. */
  polls: number;
}

type Event = JsonObject & { PhysicalResourceId?: string; RequestType: RequestType; Data?: JsonObject; NoEcho?: boolean };

export async function driveProvider(request: CfnRequest, deps: DriverDeps): Promise<DriverResult> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>(r => setTimeout(r, ms)));
  const base = request as unknown as Event;
  let polls = 0;
  if (request.RequestType === 'Delete' && request.PhysicalResourceId === CREATE_FAILED_MARKER) {
    return { response: respond('SUCCESS', base), swallowed: true, polls };
  }
  // The event the failure answer is built from: the request until onEvent answers, then its result.
  let current: Event = { ...base, ResourceProperties: request.ResourceProperties ?? {} };
  try {
    const onEventResult = objectOrEmpty(await callUser(deps, 'onEvent', current));
    current = responseEvent(current, onEventResult);
    if (!deps.waiter) return { response: respond('SUCCESS', current), swallowed: false, polls };
    const { intervalMs, maxAttempts, backoffRate, maxDelayMs } = deps.waiter;
    for (let attempt = 0; attempt <= maxAttempts; attempt++) {
      if (attempt > 0) {
        const delay = intervalMs * backoffRate ** (attempt - 1);
        await sleep(maxDelayMs === undefined ? delay : Math.min(delay, maxDelayMs));
      }
      polls++;
      const result = await callUser(deps, 'isComplete', current);
      if (result === null || typeof result !== 'object') {
        throw new FrameworkError(`Cannot read properties of ${result === null ? 'null' : typeof result} (reading 'IsComplete')`);
      }
      const r = result as JsonObject;
      if (!r.IsComplete) {
        if (isObject(r.Data) && Object.keys(r.Data).length > 0) throw new FrameworkError('"Data" is not allowed if "IsComplete" is "False"');
        continue;
      }
      const done = { ...current, ...r, Data: { ...(current.Data ?? {}), ...(isObject(r.Data) ? r.Data : {}) } } as Event;
      return { response: respond('SUCCESS', done), swallowed: false, polls };
    }
    return { response: respond('FAILED', current, TIMEOUT_REASON), swallowed: false, polls };
  } catch (err) {
    const failed = { ...current };
    if (!failed.PhysicalResourceId && request.RequestType === 'Create') failed.PhysicalResourceId = CREATE_FAILED_MARKER;
    return { response: respond('FAILED', failed, (err as Error).message), swallowed: false, polls };
  }
}

class FrameworkError extends Error {
  constructor(message: string) {
    // The framework answers with e.stack, which starts "Error: <message>".
    super(`Error: ${message}`);
  }
}

async function callUser(deps: DriverDeps, fn: 'onEvent' | 'isComplete', event: Event): Promise<unknown> {
  const outcome = await deps.invoke(fn, event);
  if (outcome.ok) return outcome.payload;
  const name = (fn === 'onEvent' ? deps.functionNames.onEvent : deps.functionNames.isComplete) ?? fn;
  // Stack trace lines stay in the log file; the reason keeps the message and where the logs are.
  throw new Error([outcome.errorMessage || 'error', '', `Logs: /aws/lambda/${name}`, ''].join('\n'));
}

function responseEvent(request: Event, onEventResult: JsonObject): Event {
  const given = typeof onEventResult.PhysicalResourceId === 'string' && onEventResult.PhysicalResourceId !== ''
    ? onEventResult.PhysicalResourceId : undefined;
  const physicalId = given ?? (request.RequestType === 'Create' ? String(request.RequestId) : request.PhysicalResourceId);
  if (request.RequestType === 'Delete' && physicalId !== request.PhysicalResourceId) {
    throw new FrameworkError(`DELETE: cannot change the physical resource ID from "${request.PhysicalResourceId}" to "${given}" during deletion`);
  }
  return { ...request, ...onEventResult, PhysicalResourceId: physicalId } as Event;
}

function respond(status: 'SUCCESS' | 'FAILED', event: Event, reason?: string): CfnResponse {
  return {
    Status: status,
    Reason: reason ?? status,
    StackId: String(event.StackId),
    RequestId: String(event.RequestId),
    PhysicalResourceId: event.PhysicalResourceId || MISSING_PHYSICAL_ID_MARKER,
    LogicalResourceId: String(event.LogicalResourceId),
    ...(event.NoEcho ? { NoEcho: true } : {}),
    ...(isObject(event.Data) ? { Data: event.Data } : {}),
  };
}

function objectOrEmpty(v: unknown): JsonObject {
  return isObject(v) ? v : {};
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
