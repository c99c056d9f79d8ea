/** When GetPhoneNumberOrder is asked: the same handlers under different schedules. */
export interface Strategy {
  readonly name: 'ours' | 'fixed10s' | 'fixed5s';
  /** The waiter's interval between isComplete calls. */
  readonly queryIntervalMs: number;
  /** INLINE_WAIT_SECONDS for onEvent; undefined keeps the handler's default (30 s of fast polling). */
  readonly inlineWaitSeconds?: number;
}

export const STRATEGIES: readonly Strategy[] = [
  // As shipped: onEvent polls 250 ms x1.5 up to 2.5 s, then the waiter every 10 s (our default queryInterval).
  { name: 'ours', queryIntervalMs: 10_000 },
  // cdk-amazon-chime-resources: GetPhoneNumberOrder right after the order, then every 10 s.
  { name: 'fixed10s', queryIntervalMs: 10_000, inlineWaitSeconds: 0 },
  // The Provider framework's default waiter: isComplete right after onEvent, then every 5 s.
  { name: 'fixed5s', queryIntervalMs: 5_000, inlineWaitSeconds: 0 },
];
