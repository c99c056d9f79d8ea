// Delivery faults the local deploy can play, as they happen in AWS: CloudFormation invokes the
// Provider framework asynchronously (Lambda may deliver an event twice), the framework re-invokes
// the user function when its invoke call fails, and an answer that never reaches CloudFormation
// fails the resource once ServiceTimeout has passed.
import { UsageError } from './errors';

export type RequestType = 'Create' | 'Update' | 'Delete';

export const FAULT_KINDS = {
  /** The same request (same RequestId) delivered twice at once. */
  'duplicate-at-once': 'the request is delivered twice at once',
  /** Delivered again once the first delivery's answer has reached CloudFormation. */
  'duplicate-after-answer': 'the request is delivered again after its answer arrived',
  /** The user function's first invoke runs, but its answer is lost: the caller re-invokes. */
  'invoke-answer-lost': 'the user function runs, and the answer of the invoke is lost',
  /** The answer to CloudFormation is lost: the resource fails after its ServiceTimeout. */
  'no-answer': 'the answer never reaches CloudFormation',
} as const;

export type FaultKind = keyof typeof FAULT_KINDS;

export interface DeliveryFault {
  kind: FaultKind;
  /** Only requests for this resource; default: every custom resource. */
  logicalId?: string;
  /** Only requests of this type; default: every type. */
  requestType?: RequestType;
  /** invoke-answer-lost: how many invokes of each request lose their answer (default 1). */
  times?: number;
}

export function faultsFor(faults: readonly DeliveryFault[], logicalId: string, requestType: RequestType): DeliveryFault[] {
  return faults.filter(f => (f.logicalId === undefined || f.logicalId === logicalId) && (f.requestType === undefined || f.requestType === requestType));
}

/** `KIND[:LOGICAL_ID[:REQUEST_TYPE]]`, as --fault takes it. */
export function parseFault(raw: string): DeliveryFault {
  const [kind, logicalId, requestType] = raw.split(':');
  if (!(kind in FAULT_KINDS)) throw new UsageError(`--fault ${raw}: unknown kind ${kind}; one of ${Object.keys(FAULT_KINDS).join(', ')}`);
  if (requestType !== undefined && !['Create', 'Update', 'Delete'].includes(requestType)) {
    throw new UsageError(`--fault ${raw}: the request type must be Create, Update or Delete`);
  }
  return {
    kind: kind as FaultKind,
    ...(logicalId ? { logicalId } : {}),
    ...(requestType ? { requestType: requestType as RequestType } : {}),
  };
}
