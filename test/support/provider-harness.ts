// Drives the handlers the way aws-cdk-lib's Provider framework does (onEvent, then isComplete
// right away and every interval until complete), against a real emulator over HTTP.
import { randomUUID } from 'crypto';
import { DEFAULT_CREDENTIALS, startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';
import { isComplete, onEvent } from '../../lambda';
import type { RequestType } from '../../lambda/events';
import { IS_COMPLETE_ACTIONS, ON_EVENT_ACTIONS } from '../../lib/handler-actions';

export interface Answer {
  readonly status: 'SUCCESS' | 'FAILED';
  readonly physicalId?: string;
  readonly data: Record<string, unknown>;
  readonly reason?: string;
  readonly isCompleteCalls: number;
}

export interface EventInput {
  readonly requestType: RequestType;
  readonly props: Record<string, unknown>;
  readonly oldProps?: Record<string, unknown>;
  readonly physicalId?: string;
  /** Which resource sends it; default 'Numbers'. Resources are told apart by stack and logical ID. */
  readonly logicalId?: string;
  readonly stackId?: string;
  /** Default: a new one, as for every CloudFormation request; the same one is a repeated delivery. */
  readonly requestId?: string;
}

export const CREATE_FAILED = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';
export const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/Test/00000000-0000-0000-0000-000000000000';

/** The resource's attributes in an answer, without onEvent's progress notes. */
export function attributesOf(answer: Answer): Record<string, unknown> {
  const { OrderId, OrderStatus, PhoneNumbers, PhoneNumberCount, FailedPhoneNumbers } = answer.data;
  return { OrderId, OrderStatus, PhoneNumbers, PhoneNumberCount, FailedPhoneNumbers };
}

/** Every structured log line the handlers wrote since the emulator started; kept off the test output. */
export const handlerLogs: string[] = [];

let capturing = false;

function captureHandlerLogs(): void {
  if (capturing) return;
  capturing = true;
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    if (typeof chunk === 'string' && chunk.startsWith('{"timestamp"')) {
      handlerLogs.push(chunk);
      return true;
    }
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
}

/** A whole E.164 number anywhere in the text: what the logs must never show. */
export const FULL_NUMBER = /(?<![\w-])\+?[1-9]\d{9,14}(?![\w-])/;

export async function withEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  captureHandlerLogs();
  const emulator = await startEmulator({ seed: 7, ...options });
  process.env.AWS_ENDPOINT_URL_CHIME = emulator.url;
  process.env.AWS_ENDPOINT_URL_CHIME_SDK_VOICE = emulator.url;
  process.env.AWS_ACCESS_KEY_ID = DEFAULT_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = DEFAULT_CREDENTIALS.secretAccessKey;
  process.env.AWS_REGION = 'us-east-1';
  return emulator;
}

export function eventFor(input: EventInput) {
  return {
    RequestType: input.requestType,
    RequestId: input.requestId ?? randomUUID(),
    StackId: input.stackId ?? STACK_ID,
    LogicalResourceId: input.logicalId ?? 'Numbers',
    ResourceType: 'Custom::ChimePhoneNumberOrder',
    PhysicalResourceId: input.physicalId,
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:framework', ...input.props },
    OldResourceProperties: input.oldProps,
  };
}

/** The emulator of the running test file (useEmulator), whose request counts tell which operations a call sent. */
let active: Emulator | undefined;
/** Handler calls in flight: operations can be told to belong to one only when it runs alone. */
const inFlight = new Set<{ overlapped: boolean }>();

/**
 * Runs one handler call as its function would, and fails it when it sent a Chime operation the
 * function's role is not granted (the IAM the construct writes; the emulator checks no IAM).
 */
async function asFunction<T>(fn: 'onEvent' | 'isComplete', call: () => Promise<T>): Promise<T> {
  const me = { overlapped: inFlight.size > 0 };
  inFlight.forEach(other => { other.overlapped = true; });
  inFlight.add(me);
  const before = { ...active?.stats().byOperation };
  let outcome: { value: T } | { error: unknown };
  try {
    outcome = { value: await call() };
  } catch (error) {
    outcome = { error };
  }
  inFlight.delete(me);
  const after = active?.stats().byOperation ?? {};
  const granted = fn === 'onEvent' ? ON_EVENT_ACTIONS : IS_COMPLETE_ACTIONS;
  const denied = Object.keys(after).filter(op => after[op] !== (before[op] ?? 0) && !granted.includes(`chime:${op}`));
  // Checked whether the call succeeded or not: a failing event may still have sent what its role forbids.
  if (!me.overlapped && denied.length > 0) throw new Error(`${fn} called ${denied.map(op => `chime:${op}`).join(', ')}, which its role is not granted`);
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}

export async function sendEvent(input: EventInput, opts: { intervalMs?: number; maxAttempts?: number } = {}): Promise<Answer> {
  const event = eventFor(input);
  let first;
  try {
    first = await asFunction('onEvent', () => onEvent(event));
  } catch (err) {
    // The framework answers a Create whose onEvent failed with a placeholder, and swallows the Delete that follows.
    const physicalId = input.requestType === 'Create' ? CREATE_FAILED : input.physicalId;
    return { status: 'FAILED', reason: (err as Error).message, data: {}, isCompleteCalls: 0, physicalId };
  }
  const merged = { ...event, ...first };
  const physicalId = first.PhysicalResourceId ?? input.physicalId;
  for (let calls = 1; calls <= (opts.maxAttempts ?? 50); calls++) {
    try {
      const result = await asFunction('isComplete', () => isComplete(merged));
      if (result.IsComplete) {
        return { status: 'SUCCESS', physicalId, data: { ...first.Data, ...result.Data }, isCompleteCalls: calls };
      }
    } catch (err) {
      return { status: 'FAILED', physicalId, reason: (err as Error).message, data: {}, isCompleteCalls: calls };
    }
    await new Promise(r => setTimeout(r, opts.intervalMs ?? 20));
  }
  return { status: 'FAILED', physicalId, reason: 'Operation timed out', data: {}, isCompleteCalls: opts.maxAttempts ?? 50 };
}

export const voiceProps = (numbers: string[], extra: Record<string, unknown> = {}) => ({
  ProductType: 'VoiceConnector', E164PhoneNumbers: numbers, Api: 'chime-sdk-voice', AllowPartial: 'false', ...extra,
});

/** A search order's properties, as the construct renders them (CloudFormation hands over the quantity as a string). */
export const searchProps = (search: Record<string, string>, quantity: number, extra: Record<string, unknown> = {}) => ({
  ProductType: 'VoiceConnector', Search: search, Quantity: String(quantity), Api: 'chime-sdk-voice', AllowPartial: 'false', ...extra,
});

/** The emulator's view of one number, or undefined when the account does not hold it. */
export const statusOf = (emulator: Emulator, n: string) => emulator.phoneNumbers().find(p => p.E164PhoneNumber === n)?.Status;

/**
 * One emulator for the whole test file, emptied before each test; after each test, asserts
 * that the handlers sent no malformed request and logged no whole phone number.
 */
export function useEmulator(options: EmulatorOptions = {}): Emulator {
  let current: Emulator | undefined;
  beforeAll(async () => { current = active = await withEmulator(options); });
  afterAll(() => { active = undefined; return current?.close(); });
  beforeEach(() => current?.reset());
  afterEach(() => {
    expect(current?.stats().malformedDetails).toEqual([]);
    expect(handlerLogs.filter(line => FULL_NUMBER.test(line))).toEqual([]);
  });
  return new Proxy({} as Emulator, {
    get: (_target, key) => {
      if (!current) throw new Error('the emulator starts in beforeAll');
      const value = current[key as keyof Emulator];
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
