/** Messages between the driver and a sandbox process. */

export type HandlerName = 'onEvent' | 'isComplete';

export interface Invocation {
  readonly id: number;
  readonly handler: HandlerName;
  readonly event: object;
  /** The function's timeout, for the context's getRemainingTimeInMillis. */
  readonly timeoutMs: number;
}

export type SandboxMessage =
  | { readonly ready: true }
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly error: string };
