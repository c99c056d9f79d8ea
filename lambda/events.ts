// The shapes the CDK Provider framework hands to onEvent and isComplete.

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

/** The attributes of Custom::ChimePhoneNumberOrder, all strings as CloudFormation keeps them. */
export interface OrderAttributes {
  readonly OrderId: string;
  readonly OrderStatus: string;
  readonly PhoneNumbers: string;
  readonly PhoneNumberCount: string;
  readonly FailedPhoneNumbers: string;
}

/** Not an attribute: onEvent's note to isComplete that a Delete still has numbers to release. */
interface DeleteProgress {
  readonly ReleasePending?: 'true';
}

export interface OnEventResult {
  readonly PhysicalResourceId?: string;
  readonly Data?: Partial<OrderAttributes> & DeleteProgress;
}

/** What isComplete receives: the event plus what onEvent answered. */
export interface CompletionEvent extends ResourceEvent {
  readonly Data?: Partial<OrderAttributes> & DeleteProgress;
}

export interface IsCompleteResult {
  readonly IsComplete: boolean;
  readonly Data?: Partial<OrderAttributes>;
}
