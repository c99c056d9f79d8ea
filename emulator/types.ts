/** Public types of the Chime phone-number emulator. */
import type { EmulatorCredentials } from './credentials';

/** Which Chime API a request is for; both share one account inventory. */
export type ApiName = 'chime' | 'chime-sdk-voice';

export type ProductType = 'BusinessCalling' | 'VoiceConnector' | 'SipMediaApplicationDialIn';
/** Chime SDK Voice's PhoneNumberOrderStatus; the legacy API knows only the first four. */
export type OrderStatus =
  | 'Processing'
  | 'Successful'
  | 'Partial'
  | 'Failed'
  | 'PendingDocuments'
  | 'Submitted'
  | 'FOC'
  | 'ChangeRequested'
  | 'Exception'
  | 'CancelRequested'
  | 'Cancelled';
/** What an order may be shown as while it is still processing. */
export type InProgressOrderStatus = 'Processing' | 'PendingDocuments' | 'Submitted' | 'FOC' | 'ChangeRequested' | 'CancelRequested';
/** How a scripted order may end besides what its numbers' availability decides. */
export type ScriptedOrderEnd = 'Failed' | 'Exception' | 'Cancelled';
export type OrderedNumberStatus = 'Processing' | 'Acquired' | 'Failed';
/**
 * Chime SDK Voice's PhoneNumberStatus. The legacy `chime` API shows `DeleteInProgress` as
 * `ReleaseInProgress` and has no `Cancelled` or port-in statuses (see wire.ts).
 */
export type PhoneNumberStatus =
  | 'AcquireInProgress'
  | 'AcquireFailed'
  | 'Unassigned'
  | 'Assigned'
  | 'ReleaseInProgress'
  | 'DeleteInProgress'
  | 'ReleaseFailed'
  | 'DeleteFailed'
  | 'Cancelled'
  | 'PortinInProgress'
  | 'PortinCancelRequested';
export type AssociationName = 'VoiceConnectorId' | 'SipRuleId' | 'UserId' | 'VoiceConnectorGroupId';

export type OperationName =
  | 'CreatePhoneNumberOrder'
  | 'GetPhoneNumberOrder'
  | 'ListPhoneNumberOrders'
  | 'GetPhoneNumber'
  | 'ListPhoneNumbers'
  | 'UpdatePhoneNumber'
  | 'DeletePhoneNumber'
  | 'BatchDeletePhoneNumber'
  | 'RestorePhoneNumber'
  | 'SearchAvailablePhoneNumbers'
  | RoutingOperationName;

/** Chime SDK Voice's routing operations (see routing-operations.ts). */
export type RoutingOperationName =
  | 'CreateVoiceConnector'
  | 'GetVoiceConnector'
  | 'UpdateVoiceConnector'
  | 'DeleteVoiceConnector'
  | 'AssociatePhoneNumbersWithVoiceConnector'
  | 'DisassociatePhoneNumbersFromVoiceConnector'
  | 'CreateVoiceConnectorGroup'
  | 'GetVoiceConnectorGroup'
  | 'DeleteVoiceConnectorGroup'
  | 'AssociatePhoneNumbersWithVoiceConnectorGroup'
  | 'DisassociatePhoneNumbersFromVoiceConnectorGroup'
  | 'CreateSipMediaApplication'
  | 'GetSipMediaApplication'
  | 'UpdateSipMediaApplication'
  | 'DeleteSipMediaApplication'
  | 'CreateSipRule'
  | 'GetSipRule'
  | 'UpdateSipRule'
  | 'DeleteSipRule';

export interface FaultSettings {
  /** 0..1, answer 429 ThrottledClientException before acting. */
  throttleRate?: number;
  /** 0..1, answer 500 ServiceFailureException or 503 ServiceUnavailableException before acting. */
  serverErrorRate?: number;
  /** 0..1, mutating operations only: perform the action, then destroy the socket without a response. */
  dropAfterActRate?: number;
  /** Random delay before answering. */
  latencyMs?: { min: number; max: number };
  /** Restrict faults to these operation names (default: all). */
  operations?: string[];
  /**
   * 0..1: after a SearchAvailablePhoneNumbers answers, another customer takes half of the numbers it
   * found (at least one), so an order of them fails for those: the race between a search and an order.
   */
  takenAfterSearchRate?: number;
}

export interface EmulatorOptions {
  /** Default 0 (a random free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seeds the PRNGs used for faults, ids and search results; default: random. */
  seed?: number;
  /** How long a new order stays Processing; default 0. */
  orderDelayMs?: number;
  /** How long a released number stays in the deletion queue; default 7 days. */
  deletionQueueMs?: number;
  /** API assumed when the user agent names neither; default 'chime-sdk-voice'. */
  defaultApi?: ApiName;
  faults?: FaultSettings;
  /** Caps ListPhoneNumberOrders and ListPhoneNumbers pages below what the client asks for. */
  maxPageSize?: number;
  /** Load state from this JSON file at start if it exists, save it after every mutation. */
  stateFile?: string;
  /** The model's clock (order timing, the deletion queue), in ms since the epoch; default Date.now. */
  clock?: () => number;
  /**
   * The clock request signatures are checked against (5 minutes of skew allowed, as in AWS) and
   * the `Date` response header shows, from which the SDK corrects its own; default Date.now.
   * Apart from `clock`, so that moving the model in time does not expire every signature.
   */
  signingClock?: () => number;
  /** The access keys whose SigV4 signatures are accepted; default [DEFAULT_CREDENTIALS]. */
  credentials?: EmulatorCredentials[];
  logRequests?: boolean;
}

export type ConfigurablePatch = Partial<Pick<EmulatorOptions, 'orderDelayMs' | 'faults' | 'maxPageSize' | 'deletionQueueMs'>>;

export type InjectedFaultKind =
  | 'throttle'
  | 'server-error'
  | 'service-unavailable'
  | 'drop-after-act'
  | 'drop-before-act'
  | 'bad-request'
  | 'access-denied'
  | 'resource-limit-exceeded';

export interface InjectedFault {
  /** An operation name, or '*' for the next request of any operation. */
  operation: string;
  kind: InjectedFaultKind;
  /** How many consecutive matching requests get this fault; default 1. */
  count?: number;
}

export interface UnrelatedOrderOptions {
  /** Terminal status of every generated order; default 'Successful'. */
  status?: 'Successful' | 'Partial' | 'Failed';
  /** Default 'VoiceConnector'. */
  productType?: ProductType;
  /** Ordered numbers; default two fictional numbers per order, different for each order. */
  e164PhoneNumbers?: string[];
  /** Age of the newest generated order; default one day (older than any adoption window). */
  ageMs?: number;
  /** API the orders appear to have been placed with; default 'chime-sdk-voice'. */
  api?: ApiName;
}

export interface EmulatorOrder {
  PhoneNumberOrderId: string;
  ProductType: ProductType;
  Status: OrderStatus;
  OrderType: 'New';
  OrderedPhoneNumbers: { E164PhoneNumber: string; Status: OrderedNumberStatus }[];
  CreatedTimestamp: string;
  UpdatedTimestamp: string;
  Name?: string;
  /** The API the order was placed with. */
  Api: ApiName;
  /** True for orders made by addUnrelatedOrders. */
  Unrelated: boolean;
  /**
   * Inspection only (never on the wire): numbers this order failed because the account already
   * held them when it was placed, with the holding record's status, Name and OrderId at that moment.
   */
  HeldAtPlacement?: Record<string, { Status: PhoneNumberStatus; Name?: string; OrderId?: string }>;
}

export interface EmulatorAssociation {
  Value: string;
  Name: AssociationName;
  AssociatedTimestamp: string;
}

export interface EmulatorPhoneNumber {
  PhoneNumberId: string;
  E164PhoneNumber: string;
  Country: string;
  Type: 'Local' | 'TollFree';
  ProductType: ProductType;
  Status: PhoneNumberStatus;
  Associations: EmulatorAssociation[];
  CallingName?: string;
  Name?: string;
  OrderId?: string;
  CreatedTimestamp: string;
  UpdatedTimestamp: string;
  DeletionTimestamp?: string;
}

export interface FaultCounters {
  throttle: number;
  serverError: number;
  dropAfterAct: number;
  dropBeforeAct: number;
  latency: number;
  /** Faults that came from injectOnce (also counted under their kind where one exists). */
  injected: number;
}

export interface EmulatorStats {
  requests: number;
  byOperation: Record<string, number>;
  malformed: number;
  malformedDetails: string[];
  faultsInjected: FaultCounters;
}

export interface EmulatorSnapshot {
  orders: EmulatorOrder[];
  phoneNumbers: EmulatorPhoneNumber[];
  stats: EmulatorStats;
}

export interface Emulator {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
  configure(patch: ConfigurablePatch): void;
  /** These numbers fail when ordered (decided when the order is placed). */
  setUnavailable(numbers: string[]): void;
  associate(number: string, name: AssociationName, value: string): void;
  disassociate(number: string): void;
  addUnrelatedOrders(count: number, opts?: UnrelatedOrderOptions): void;
  /** Deterministic one-shot faults, consumed in order. */
  injectOnce(fault: InjectedFault): void;
  /** How the next orders end or show while processing (see OrderScript). */
  scriptOrder(script: OrderScript): void;
  /** The next releases of these numbers fail for each number, as BatchDeletePhoneNumber reports it. */
  failReleases(failure: ReleaseFailureScript): void;
  /** Puts a number in the account as if it came from elsewhere (console, port-in, another tool). */
  putNumber(number: SeededNumber): void;
  /** Another customer takes these numbers: no search offers them, and an order of them fails for them. */
  takeNumbers(numbers: string[]): void;
  /** The next searches that find numbers are each followed by another customer taking some of what they found. */
  takeAfterSearch(script?: TakeAfterSearchScript): void;
  /** Numbers other customers took, sorted. */
  takenNumbers(): string[];
  /** Moves the emulator's clock forward (on top of options.clock), e.g. to expire the deletion queue. */
  advanceClock(ms: number): void;
  /** Back to the state and settings the emulator started with (empty account, zero stats). */
  reset(): void;
  orders(): EmulatorOrder[];
  phoneNumbers(): EmulatorPhoneNumber[];
  /** Voice Connectors, groups, SIP media applications and SIP rules, as GetVoiceConnector etc. show them. */
  routing(): EmulatorRouting;
  stats(): EmulatorStats;
}

export interface EmulatorRouting {
  voiceConnectors: Record<string, unknown>[];
  voiceConnectorGroups: Record<string, unknown>[];
  sipMediaApplications: Record<string, unknown>[];
  sipRules: Record<string, unknown>[];
}

/** Scripts the next order(s): those holding any of `numbers`, or any order when `numbers` is absent. */
export interface OrderScript {
  /** How the order ends: every number fails, and the order shows this status. */
  end?: ScriptedOrderEnd;
  /** The status the order shows until it ends; default Processing. */
  processingStatus?: InProgressOrderStatus;
  numbers?: string[];
  /** How many orders the script applies to; default 1. */
  count?: number;
}

export interface TakeAfterSearchScript {
  /** 0..1: the share of the numbers a search answered that are taken (at least one); default 0.5. */
  share?: number;
  /** How many searches (that find something) it applies to; default 1. */
  count?: number;
}

export interface ReleaseFailureScript {
  numbers: string[];
  /** The PhoneNumberError's ErrorCode; default ServiceFailure. */
  code?: string;
  /** How many release attempts of each number fail; default 1. */
  count?: number;
}

export interface SeededNumber {
  number: string;
  /** Default Unassigned. */
  status?: PhoneNumberStatus;
  /** Default VoiceConnector. */
  productType?: ProductType;
  name?: string;
  orderId?: string;
}
