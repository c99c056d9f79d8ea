// Delivery faults drawn per step and played by the local deploy (see tools/local-deploy/faults.ts),
// and what each must end in. Duplicates and a lost invoke answer change nothing the contract
// promises: the step ends as it would without them. A lost answer to CloudFormation (no-answer)
// fails the event after its ServiceTimeout, and the stack ends in a defined state:
// - on a Create: the stack's create rolls back (ROLLBACK_COMPLETE; the stack is gone);
// - on an Update: the update fails, and the rollback's Update of the same resource loses its answer
//   too: UPDATE_ROLLBACK_FAILED, which continue-update-rollback (fault gone) turns into UPDATE_ROLLBACK_COMPLETE;
// - on a Delete: DELETE_FAILED, which deleting the stack again turns into DELETE_COMPLETE.
import type { DeliveryFault, FaultKind } from '../local-deploy/faults';
import type { Rng } from './random';

export type RequestType = 'Create' | 'Update' | 'Delete';

/** An event the step is sure to send: where a no-answer fault can be aimed. */
export interface EventTarget {
  readonly stack: string;
  readonly logicalId: string;
  readonly requestType: RequestType;
}

export interface DeliveryMix {
  /** 0..1: share of steps that get a delivery fault. */
  readonly rate: number;
  /** ServiceTimeout of every custom resource in a step with a no-answer fault (seconds). */
  readonly noAnswerTimeoutSeconds: number;
}

export interface DrawnDelivery {
  readonly faults: DeliveryFault[];
  /** Set with a no-answer fault: the ServiceTimeout after which CloudFormation fails the event. */
  readonly serviceTimeoutSeconds?: number;
  /** The event whose answer is lost. */
  readonly noAnswer?: EventTarget;
}

const WEIGHTS: Record<FaultKind, number> = { 'duplicate-at-once': 35, 'duplicate-after-answer': 25, 'invoke-answer-lost': 25, 'no-answer': 15 };

/**
 * Duplicates and lost invoke answers apply to every event of the step; no-answer to one event the
 * step is sure to send, and only in a step the contract says succeeds (`targets` is empty otherwise).
 *
 * `deletesStack`: the step deletes a stack (a stack delete, a first deploy that fails). No
 * duplicates then: a second delivery still at work when the first answer arrives finds the
 * provider's functions deleted with the stack, and the framework waits out its 5-minute wait for
 * the deleted function, which the local deploy waits for too. Minutes, for nothing a duplicate
 * Delete in another step (a resource left out of the template, a rollback) does not test.
 */
export function drawDelivery(rng: Rng, mix: DeliveryMix, targets: readonly EventTarget[], deletesStack = false): DrawnDelivery {
  if (!rng.chance(mix.rate)) return { faults: [] };
  const weights = {
    ...WEIGHTS,
    ...(targets.length > 0 ? {} : { 'no-answer': 0 }),
    ...(deletesStack ? { 'duplicate-at-once': 0, 'duplicate-after-answer': 0 } : {}),
  };
  const kind = rng.weighted(weights);
  if (kind !== 'no-answer') return { faults: [{ kind }] };
  const target = rng.pick(targets);
  return {
    faults: [{ kind, logicalId: target.logicalId, requestType: target.requestType }],
    serviceTimeoutSeconds: mix.noAnswerTimeoutSeconds,
    noAnswer: target,
  };
}

export function describeFault(f: DeliveryFault): string {
  return [f.kind, f.logicalId, f.requestType].filter(Boolean).join(':');
}
