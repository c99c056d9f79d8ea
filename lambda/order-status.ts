const TERMINAL_ORDER_STATUSES = ['Successful', 'Partial', 'Failed', 'Exception', 'Cancelled'];

/** A number in one of these states is on its way out of the account, not owned. */
const LEAVING_NUMBER_STATUSES = ['DeleteInProgress', 'ReleaseInProgress', 'DeleteFailed', 'ReleaseFailed', 'Cancelled'];

export function isTerminal(status: string): boolean {
  return TERMINAL_ORDER_STATUSES.includes(status);
}

export function isOwned(status: string): boolean {
  return !LEAVING_NUMBER_STATUSES.includes(status) && status !== 'AcquireFailed';
}
