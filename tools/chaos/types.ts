// Shapes shared by the chaos runner, its worker processes and the report. Plain data only:
// run specs and results cross the IPC channel between the runner and its workers.
import type { DeliveryMix } from './delivery';
import type { LogFigures } from './log-scan';
import type { OrderFigures } from './audit/orders';

export interface FaultMix {
  /** 0..1: share of requests answered 429 ThrottledClientException. */
  readonly throttleRate: number;
  /** 0..1: share answered 500 ServiceFailure / 503 ServiceUnavailable. */
  readonly serverErrorRate: number;
  /** 0..1: share of mutating requests whose connection is dropped after the service acted. */
  readonly dropAfterActRate: number;
  readonly latencyMs: { readonly min: number; readonly max: number };
}

/** A synthesised app shape: where its assembly is, and its orders' logical IDs as synthesised. */
export interface ShapeSpec {
  readonly name: string;
  readonly assembly: string;
  /** In deploy order. */
  readonly stacks: readonly string[];
  /** `search`: an order by search (the shape's S), the others list their numbers; `route`: routed to a Voice Connector (R). */
  readonly orders: readonly { readonly stack: string; readonly construct: string; readonly logicalId: string; readonly search?: boolean; readonly route?: boolean }[];
}

/** Everything a worker needs to play one run. */
export interface RunSpec {
  readonly index: number;
  readonly seed: number;
  readonly shapes: readonly ShapeSpec[];
  readonly faults: FaultMix;
  readonly delivery: DeliveryMix;
  /** Steps between the first deploy and the stack delete: [min, max], drawn per run. */
  readonly steps: readonly [number, number];
  /** How often isComplete is asked (the waiter keeps its total time). */
  readonly queryIntervalMs: number;
  /** Unrelated orders in the account's order book (ListPhoneNumberOrders must page through them). */
  readonly unrelatedOrders: number;
  /** ListPhoneNumberOrders page size is drawn per run from this range. */
  readonly pageSizes: readonly [number, number];
  /** Orders stay Processing for up to this long; drawn per run. */
  readonly maxOrderDelayMs: number;
  /** Where the run keeps its state directory and template variants (removed afterwards unless `keep`). */
  readonly workDir: string;
  /** Keep the run's directory (state, handler log) for a look afterwards. */
  readonly keep: boolean;
}

export interface EventRecord {
  readonly requestType: 'Create' | 'Update' | 'Delete';
  /** "Stack/LogicalId" */
  readonly resource: string;
  readonly status: 'SUCCESS' | 'FAILED';
  readonly reason?: string;
  /** Answered by the Provider framework itself (the Delete after a Create whose onEvent failed). */
  readonly swallowed?: boolean;
  /** CloudFormation stopped waiting: another resource of the stack failed first. */
  readonly cancelled?: boolean;
}

export interface StepRecord {
  readonly index: number;
  /** The scenario kind and variant, e.g. "takeover: same stack", "destroy". */
  readonly label: string;
  readonly expect: string;
  /** Per stack: the status the step's call reached, then what a recovery reached ("S1 UPDATE_ROLLBACK_FAILED → UPDATE_ROLLBACK_COMPLETE"). */
  readonly outcome: string[];
  /** Delivery faults drawn, e.g. "no-answer:ACCC8ACD5:Update". */
  readonly faults: string[];
  readonly recoveries: string[];
  readonly events: EventRecord[];
  readonly ordersPlaced: number;
  readonly ms: number;
  /** What went against the contract in this step (numbers masked). */
  readonly problems: Problem[];
  /** With problems: the last lines the local deploy printed for its calls that failed (numbers masked). */
  readonly output?: string[];
}

export type ProblemKind =
  | 'unexpected-outcome'
  | 'failed-stack'
  | 'listed-twice'
  | 'listed-not-held'
  | 'listed-not-marked'
  | 'held-by-nobody'
  | 'acted-after-cancel'
  | 'acquired-twice'
  | 'ordered-held-number'
  | 'ordered-when-refused'
  | 'unanswered'
  | 'physical-id-changed'
  | 'missing-attribute'
  | 'routed-not-listed';

export interface Problem {
  readonly kind: ProblemKind;
  readonly text: string;
  /** The number it is about, when it is about one (whole: bookkeeping only, never printed). */
  readonly number?: string;
}

export interface RunResult {
  readonly index: number;
  readonly seed: number;
  readonly shape: string;
  readonly resources: number;
  readonly stacks: number;
  /** Each resource as first deployed: "Stack/Construct DeletionPolicy api productType". */
  readonly described: string[];
  readonly policies: Record<string, number>;
  readonly orderDelayMs: number;
  readonly pageSize: number;
  readonly steps: StepRecord[];
  readonly lifecycleMs: number;
  readonly orders: OrderFigures;
  /** Problems found after the run rather than in a step (order book, handler log). */
  readonly problems: Problem[];
  readonly requests: number;
  readonly faults: { throttle: number; serverError: number; dropAfterAct: number; dropBeforeAct: number; latency: number };
  readonly deliveryFaults: Record<string, number>;
  readonly maxConcurrentEvents: number;
  readonly malformed: number;
  readonly malformedDetails: string[];
  readonly logs: LogFigures;
  /** Runtime crashes in the functions, and unhandled rejections in the worker while the run went on. */
  readonly crashes: string[];
  /** The run's directory, when kept. */
  readonly kept?: string;
}
