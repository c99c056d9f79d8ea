// Delivers one CloudFormation event to the handlers the way aws-cdk-lib's Provider framework
// does (custom-resources/lib/provider-framework/runtime/framework.js and cfn-response.js):
// onEvent; then isComplete at once and every queryInterval until complete; FAILED when a
// handler throws or the waiter passes totalTimeout; the Delete that follows a Create whose
// onEvent failed is answered by the framework itself. In-process, so the real handler code
// runs with the real SDK against the emulator.
import { randomUUID } from 'crypto';
import type { CompletionEvent, IsCompleteResult, OnEventResult, ResourceEvent } from '../../lambda/events';
import type { Props, ProviderTiming } from './types';

/** The physical ID the framework answers when onEvent fails on Create. */
export const CREATE_FAILED_MARKER = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';
const RESPONSE_LIMIT_BYTES = 4096;
const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/Chaos/00000000-0000-0000-0000-000000000000';
const SERVICE_TOKEN = 'arn:aws:lambda:us-east-1:123456789012:function:chaos-framework-onEvent';

/** What the Lambda runtime hands a handler besides the event; the handlers budget their time by it. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
}

export interface Handlers {
  onEvent(event: ResourceEvent, context: InvocationContext): Promise<OnEventResult>;
  isComplete(event: CompletionEvent, context: InvocationContext): Promise<IsCompleteResult>;
}

export interface EventRequest {
  readonly requestType: 'Create' | 'Update' | 'Delete';
  /** Default the order: 'Numbers', Custom::ChimePhoneNumberOrder. */
  readonly logicalId?: string;
  readonly resourceType?: string;
  readonly props: Props;
  readonly oldProps?: Props;
  readonly physicalId?: string;
}

export interface ProviderAnswer {
  readonly status: 'SUCCESS' | 'FAILED';
  readonly physicalId?: string;
  readonly data: Record<string, unknown>;
  readonly reason?: string;
  readonly isCompleteCalls: number;
  readonly swallowed?: boolean;
  /** Set when the handlers did not answer as the framework needs (see EventRecord.unanswered). */
  readonly unanswered?: string;
  /** An invocation outlived its Lambda timeout and still runs in the background. */
  readonly hung?: boolean;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string; unanswered?: string; hung?: boolean };

export async function deliver(handlers: Handlers, req: EventRequest, timing: ProviderTiming): Promise<ProviderAnswer> {
  if (req.requestType === 'Delete' && req.physicalId === CREATE_FAILED_MARKER) {
    return { status: 'SUCCESS', physicalId: req.physicalId, data: {}, isCompleteCalls: 0, swallowed: true };
  }
  const event: ResourceEvent = {
    RequestType: req.requestType,
    RequestId: randomUUID(),
    StackId: STACK_ID,
    LogicalResourceId: req.logicalId ?? 'Numbers',
    ResourceType: req.resourceType ?? 'Custom::ChimePhoneNumberOrder',
    PhysicalResourceId: req.physicalId,
    ResourceProperties: { ServiceToken: SERVICE_TOKEN, ...req.props },
    ...(req.oldProps ? { OldResourceProperties: { ServiceToken: SERVICE_TOKEN, ...req.oldProps } } : {}),
  };
  const first = await invoke('onEvent', ctx => handlers.onEvent(event, ctx), timing.onEventTimeoutMs);
  if (!first.ok) {
    // cfn-response's safeHandler: a Create without a physical ID gets the marker, so its Delete is ignored.
    const physicalId = req.physicalId ?? (req.requestType === 'Create' ? CREATE_FAILED_MARKER : undefined);
    return { ...failed(physicalId, first.reason, 0, first.unanswered), hung: first.hung };
  }
  const result = first.value ?? {};
  const physicalId = result.PhysicalResourceId || (req.requestType === 'Create' ? event.RequestId : req.physicalId);
  if (req.requestType !== 'Create' && physicalId !== req.physicalId) {
    // The framework refuses this on Delete; on Update CloudFormation would replace the resource, which the contract rules out.
    return failed(req.physicalId, `${req.requestType}: cannot change the physical resource ID`, 0, `${req.requestType} onEvent changed the physical ID`);
  }
  const resourceEvent: CompletionEvent = { ...event, ...result, PhysicalResourceId: physicalId };
  const started = Date.now();
  for (let calls = 1; ; calls++) {
    const step = await invoke('isComplete', ctx => handlers.isComplete(resourceEvent, ctx), timing.isCompleteTimeoutMs);
    if (!step.ok) return { ...failed(physicalId, step.reason, calls, step.unanswered), hung: step.hung };
    if (step.value?.IsComplete) {
      const data: Record<string, unknown> = { ...resourceEvent.Data, ...step.value.Data };
      return { status: 'SUCCESS', physicalId, data, isCompleteCalls: calls, unanswered: oversized(resourceEvent, physicalId, data) };
    }
    if (step.value?.Data && Object.keys(step.value.Data).length > 0) {
      return failed(physicalId, '"Data" is not allowed if "IsComplete" is "False"', calls, 'isComplete answered Data with IsComplete false');
    }
    if (Date.now() - started + timing.queryIntervalMs > timing.totalTimeoutMs) {
      return failed(physicalId, 'Operation timed out', calls, `still not complete after totalTimeout (${timing.totalTimeoutMs} ms, ${calls} isComplete calls)`);
    }
    await sleep(timing.queryIntervalMs);
  }
}

/** One Lambda invocation: it must settle within its timeout and fail only with an Error that says why. */
async function invoke<T>(step: string, call: (context: InvocationContext) => Promise<T>, timeoutMs: number): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = Date.now() + timeoutMs;
  const running = call({ getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) }).then(
    (value): Outcome<T> => ({ ok: true, value }),
    (err: unknown): Outcome<T> => (err instanceof Error && err.message
      ? { ok: false, reason: err.message }
      : { ok: false, reason: 'error', unanswered: `${step} rejected with ${err instanceof Error ? 'an empty message' : typeof err}` }),
  );
  const hung = new Promise<Outcome<T>>(resolve => {
    timer = setTimeout(() => resolve({
      ok: false, reason: `Task timed out after ${timeoutMs / 1000} seconds`, unanswered: `${step} still running after its ${timeoutMs} ms Lambda timeout`, hung: true,
    }), timeoutMs);
  });
  try {
    return await Promise.race([running, hung]);
  } finally {
    clearTimeout(timer);
  }
}

function failed(physicalId: string | undefined, reason: string, isCompleteCalls: number, unanswered?: string): ProviderAnswer {
  return { status: 'FAILED', physicalId, data: {}, reason, isCompleteCalls, unanswered };
}

/** CloudFormation refuses a response over 4,096 bytes; the same body cfn-response would send. */
function oversized(event: CompletionEvent, physicalId: string | undefined, data: Record<string, unknown>): string | undefined {
  const body = JSON.stringify({
    Status: 'SUCCESS', Reason: 'SUCCESS', StackId: event.StackId, RequestId: event.RequestId,
    PhysicalResourceId: physicalId, LogicalResourceId: event.LogicalResourceId, Data: data,
  });
  const bytes = Buffer.byteLength(body);
  return bytes > RESPONSE_LIMIT_BYTES ? `response of ${bytes} bytes exceeds CloudFormation's ${RESPONSE_LIMIT_BYTES}` : undefined;
}

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));
