// The shapes the CDK Provider framework hands to onEvent and isComplete.
import type { Attributes } from './plan-settle';

export type RequestType = 'Create' | 'Update' | 'Delete';

export interface ResourceEvent {
  readonly RequestType: RequestType;
  readonly RequestId?: string;
  readonly StackId?: string;
  readonly LogicalResourceId?: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceType?: string;
  readonly ResourceProperties?: Record<string, unknown>;
  readonly OldResourceProperties?: Record<string, unknown>;
}

/**
 * onEvent's notes to isComplete. The framework merges them into the final answer's Data, so they
 * also appear as attributes: kept few and short.
 */
export interface Progress {
  /** When onEvent answered (epoch ms), i.e. when the waiter started. */
  readonly StartedAt?: string;
  /** The order this event placed or took (the legacy API cannot find it from the numbers). */
  readonly OrderId?: string;
  /** A failure onEvent met after changing something, answered by isComplete once that is undone. */
  readonly Failure?: string;
  /** A Delete that still has numbers to release once their order ends. */
  readonly ReleasePending?: 'true';
  /** Custom::ChimePhoneNumberRouting: a Delete whose unrouting Chime could not finish this time. */
  readonly UnroutePending?: 'true';
}

export interface OnEventResult {
  readonly PhysicalResourceId?: string;
  readonly Data?: Progress;
}

/** What isComplete receives: the event plus what onEvent answered. */
export interface CompletionEvent extends ResourceEvent {
  readonly Data?: Progress & Partial<Attributes>;
}

export interface IsCompleteResult {
  readonly IsComplete: boolean;
  readonly Data?: Partial<Attributes>;
}
