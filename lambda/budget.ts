/** Kept back from the Lambda's remaining time, so the answer always goes out before the runtime stops us. */
const SAFETY_MS = 5_000;
/** How long onEvent waits for an order itself before leaving it to the isComplete waiter. */
const DEFAULT_INLINE_WAIT_MS = 30_000;

/** The time one invocation may spend. */
export interface Budget {
  /** Epoch ms by which the invocation must have answered. */
  readonly deadline: number;
  /** How long onEvent may poll an order before handing over to isComplete. */
  readonly inlineWaitMs: number;
}

export interface LambdaContext {
  getRemainingTimeInMillis?: () => number;
}

export function budgetOf(context: LambdaContext | undefined, now = Date.now()): Budget {
  const remaining = context?.getRemainingTimeInMillis?.();
  const env = Number(process.env.INLINE_WAIT_SECONDS);
  return {
    deadline: remaining === undefined ? Infinity : now + remaining - SAFETY_MS,
    inlineWaitMs: Number.isFinite(env) && process.env.INLINE_WAIT_SECONDS !== '' ? env * 1000 : DEFAULT_INLINE_WAIT_MS,
  };
}

export function timeLeft(budget: Budget): number {
  return budget.deadline - Date.now();
}
