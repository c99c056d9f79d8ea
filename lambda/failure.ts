import { redact } from './log';
import { isRetryable } from './retryable';

/** Longest reason we hand to CloudFormation, so the whole answer stays under 4,096 bytes. */
const MAX_REASON = 1500;

/** A failure with a reason a person can act on; it becomes the FAILED answer's Reason. */
export class EventFailure extends Error {
  /**
   * @param transient worth asking again later (throttling, a server fault, a lost connection, a
   *   release Chime could not do this time): isComplete then answers "not yet" instead of failing.
   */
  constructor(reason: string, readonly transient = false) {
    super(reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON - 3)}...` : reason);
    this.name = 'EventFailure';
    // The framework puts the stack into the FAILED reason; a minified bundle's frames help nobody there.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/**
 * The reason as CloudFormation is to show it: ending with the log group the handler really logs to
 * (Lambda sets AWS_LAMBDA_LOG_GROUP_NAME to the configured one). The Provider framework appends a
 * `Logs: /aws/lambda/<function>` line of its own, which names a group our functions do not use.
 * The whole stays within MAX_REASON: the body is shortened, never the log group's name.
 */
export function withLogGroup(reason: string, logGroup = process.env.AWS_LAMBDA_LOG_GROUP_NAME): string {
  if (!logGroup) return reason;
  const suffix = `. Logs: ${logGroup}`;
  const body = reason.replace(/[.\s]+$/, '');
  const room = MAX_REASON - suffix.length;
  return `${body.length > room ? `${body.slice(0, room - 3)}...` : body}${suffix}`;
}

interface ServiceError {
  name?: string;
  message?: string;
  Code?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/** Turns an SDK error into a reason naming the Chime error and its message; numbers are masked. */
export function chimeFailure(action: string, err: unknown): EventFailure {
  if (err instanceof EventFailure) return err;
  const e = (err ?? {}) as ServiceError;
  if (e.name === 'AbortError' || e.name === 'TimeoutError' && /aborted/i.test(e.message ?? '')) {
    return new EventFailure(`${action} did not finish before the Lambda's time ran out; nothing after it was done. `
      + 'Deploy again: a retry adopts any order already placed', true);
  }
  const code = e.Code ?? e.code;
  const status = e.$metadata?.httpStatusCode;
  const what = [e.name ?? 'Error', code && code !== e.name ? `(${code})` : '', status ? `HTTP ${status}` : ''].filter(Boolean).join(' ');
  return new EventFailure(redact(`${action} failed: ${what}: ${e.message ?? String(err)}`), isRetryable(err));
}

export function isTransient(err: unknown): boolean {
  return err instanceof EventFailure ? err.transient : isRetryable(err);
}
