// What every status Chime reports means to the handler: one table for numbers, one for orders.
// Both models' enums are covered (the legacy API's are a subset of Chime SDK Voice's).

/**
 * - held: in the account and usable (a failed release leaves it held, so it can be tried again)
 * - acquiring: an order is still acquiring it
 * - porting: being ported in; no order of ours is involved
 * - leaving: in the 7-day deletion queue, restorable with RestorePhoneNumber
 * - failed: a record of a failed acquisition; the account does not hold it and may order it again
 * - gone: not in the account (never acquired, purged, or its order was cancelled)
 * - unknown: a status newer than this handler; never touched
 */
export type NumberState = 'held' | 'acquiring' | 'porting' | 'leaving' | 'failed' | 'gone' | 'unknown';

export const NUMBER_STATUS_MEANING: Readonly<Record<string, NumberState>> = {
  Unassigned: 'held',
  Assigned: 'held',
  ReleaseFailed: 'held',
  DeleteFailed: 'held',
  AcquireInProgress: 'acquiring',
  PortinInProgress: 'porting',
  PortinCancelRequested: 'porting',
  ReleaseInProgress: 'leaving',
  DeleteInProgress: 'leaving',
  AcquireFailed: 'failed',
  Cancelled: 'gone',
};

export function numberState(status: string | undefined): NumberState {
  if (status === undefined) return 'gone';
  return NUMBER_STATUS_MEANING[status] ?? 'unknown';
}

/** - in-progress: keep waiting; succeeded / partial / failed: terminal. */
export type OrderOutcome = 'in-progress' | 'succeeded' | 'partial' | 'failed';

export const ORDER_STATUS_MEANING: Readonly<Record<string, OrderOutcome>> = {
  Processing: 'in-progress',
  PendingDocuments: 'in-progress',
  Submitted: 'in-progress',
  FOC: 'in-progress',
  ChangeRequested: 'in-progress',
  CancelRequested: 'in-progress',
  Successful: 'succeeded',
  Partial: 'partial',
  Failed: 'failed',
  Exception: 'failed',
  Cancelled: 'failed',
};

/** An unknown order status is waited on: totalTimeout still bounds the wait. */
export function orderOutcome(status: string): OrderOutcome {
  return ORDER_STATUS_MEANING[status] ?? 'in-progress';
}

export function isTerminal(status: string): boolean {
  return orderOutcome(status) !== 'in-progress';
}
