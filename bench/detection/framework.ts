import type { Sandbox } from './sandbox-client';

// The functions' timeouts in lib/phone-number-order-provider.ts; onEvent's inline wait is bounded by its remaining time.
const ON_EVENT_TIMEOUT_MS = 120_000;
const IS_COMPLETE_TIMEOUT_MS = 60_000;

interface OnEventResult { PhysicalResourceId?: string; Data?: Record<string, string> }
interface IsCompleteResult { IsComplete: boolean; Data?: Record<string, string> }

export interface Completion {
  /** When the framework held IsComplete: true, i.e. could answer CloudFormation. */
  readonly learnedAt: number;
  readonly data: Record<string, string>;
  readonly isCompleteCalls: number;
}

/**
 * Drives one event as aws-cdk-lib's Provider framework does: onEvent; then the waiter state
 * machine runs isComplete at once and, after each "not yet", again queryInterval later.
 */
export async function driveEvent(sandbox: Sandbox, event: object, queryIntervalMs: number, giveUpAt: number): Promise<Completion> {
  const first = await sandbox.invoke<OnEventResult>('onEvent', event, ON_EVENT_TIMEOUT_MS);
  // The framework merges onEvent's answer into the event isComplete receives.
  const waiting = { ...event, ...first };
  for (let calls = 1; ; calls++) {
    const answer = await sandbox.invoke<IsCompleteResult>('isComplete', waiting, IS_COMPLETE_TIMEOUT_MS);
    if (answer.IsComplete) return { learnedAt: Date.now(), data: { ...first.Data, ...answer.Data }, isCompleteCalls: calls };
    if (Date.now() + queryIntervalMs > giveUpAt) throw new Error(`not complete after ${calls} isComplete calls`);
    await new Promise(resolve => setTimeout(resolve, queryIntervalMs));
  }
}
