import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';

/** Throttling, server faults, timeouts and resets: worth asking again, by the SDK's own classification. */
export function isRetryable(err: unknown): boolean {
  const e = err as Parameters<typeof isTransientError>[0];
  return isThrottlingError(e) || isTransientError(e) || isServerError(e);
}
