// Shapes shared by the chaos runner, its worker processes and the report. Plain data only:
// run specs and results cross the IPC channel between the runner and its workers.

export type DeletionPolicy = 'Delete' | 'Retain' | 'RetainExceptOnCreate';
/** ResourceProperties as CloudFormation sends them: scalars as strings. */
export type Props = Record<string, unknown>;

export interface FaultMix {
  /** 0..1: share of requests answered 429 ThrottledClientException. */
  readonly throttleRate: number;
  /** 0..1: share answered 500 ServiceFailure / 503 ServiceUnavailable. */
  readonly serverErrorRate: number;
  /** 0..1: share of mutating requests whose connection is dropped after the service acted. */
  readonly dropAfterActRate: number;
  readonly latencyMs: { readonly min: number; readonly max: number };
}

/** The Provider framework's clocks, scaled down so that a run takes seconds, not hours. */
export interface ProviderTiming {
  readonly queryIntervalMs: number;
  /** The waiter's totalTimeout: past it the framework answers FAILED "Operation timed out". */
  readonly totalTimeoutMs: number;
  /** The Lambda timeouts of onEvent and isComplete: an invocation still running then is a hang. */
  readonly onEventTimeoutMs: number;
  readonly isCompleteTimeoutMs: number;
}

/** Everything a worker needs to play one run. */
export interface RunSpec {
  readonly index: number;
  readonly seed: number;
  readonly faults: FaultMix;
  readonly timing: ProviderTiming;
  /** Unrelated orders in the account's order book (ListPhoneNumberOrders must page through them). */
  readonly unrelatedOrders: number;
  /** ListPhoneNumberOrders page size is drawn per run from this range. */
  readonly pageSizes: readonly [number, number];
  /** Orders stay Processing for up to this long; drawn per run. */
  readonly maxOrderDelayMs: number;
}

export type Phase = 'deploy' | 'rollback' | 'rehearsed-rollback' | 'destroy';

export interface EventRecord {
  readonly requestType: 'Create' | 'Update' | 'Delete';
  readonly phase: Phase;
  /** What the scenario meant by it, e.g. `update:add+remove`. */
  readonly label: string;
  readonly status: 'SUCCESS' | 'FAILED';
  readonly reason?: string;
  readonly ms: number;
  readonly isCompleteCalls: number;
  /** A Delete after a failed Create that the Provider framework answers itself. */
  readonly swallowed?: boolean;
  /** Why the handlers gave no proper answer (hang, non-error rejection, protocol breach). */
  readonly unanswered?: string;
  /** A handler invocation outlived its Lambda timeout and may still be calling Chime. */
  readonly hung?: boolean;
}

/** How the simulated stack ended. */
export type StackEnd = 'destroyed' | 'retained' | 'create-rolled-back' | 'half-done';

export interface DuplicateFinding {
  /** Masked to the last four digits. */
  readonly number: string;
  /** IDs of the orders that claimed the number, oldest first. */
  readonly orders: string[];
}

export interface AuditResult {
  readonly duplicates: DuplicateFinding[];
  /** Held at the end but listed by no output the stack kept (masked). */
  readonly orphans: string[];
  /** Listed by the outputs the stack kept but not held at the end (masked). */
  readonly lost: string[];
  /** Why the holdings audit was skipped (a half-done stack has no settled expectation). */
  readonly holdingsSkipped?: string;
  /** Orders of ours still Processing when the audit gave up waiting. */
  readonly unsettledOrders: number;
  readonly ordersByStatus: Record<string, number>;
  /** Routed runs: what still routes a number once the stack is gone (masked). */
  readonly routingLeftovers: string[];
  /** Routed runs: targets Chime would not delete once the stack is gone. */
  readonly stuckTargets: string[];
}

export interface FaultFigures {
  throttle: number;
  serverError: number;
  dropAfterAct: number;
  dropBeforeAct: number;
  latency: number;
}

export interface RunResult {
  readonly index: number;
  readonly seed: number;
  readonly policy: DeletionPolicy;
  readonly createKind: string;
  /** The order routed its numbers (see routing.ts). */
  readonly routed: boolean;
  readonly orderDelayMs: number;
  readonly pageSize: number;
  readonly inlineWaitSeconds?: number;
  readonly events: EventRecord[];
  readonly end: StackEnd;
  readonly halfDone?: string;
  readonly lifecycleMs: number;
  readonly audit: AuditResult;
  readonly requests: number;
  readonly faults: FaultFigures;
  readonly malformed: number;
  readonly malformedDetails: string[];
  /** Things that went wrong outside any event (unhandled rejections while the run was going). */
  readonly crashes: string[];
}
