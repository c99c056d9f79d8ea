import type { Budget } from './budget';
import { timeLeft } from './budget';
import type { ChimePort } from './chime-port';
import { sleep } from './concurrency';
import { log } from './log';
import { isTerminal } from './statuses';

const FIRST_INTERVAL_MS = 250;
const GROWTH = 1.5;
/** Past this the interval stops growing, so a finished order is seen within a few seconds. */
const MAX_INTERVAL_MS = 2_500;
/** Kept back from the Lambda's remaining time for what follows the wait (settling, answering). */
const AFTER_WAIT_MS = 10_000;

/**
 * The poll schedule: short at first, when most orders finish, then every couple of seconds,
 * with the last poll exactly at the end of the window so no order finishing inside it is left
 * to the waiter's much longer interval.
 */
export function pollDelays(totalMs: number): number[] {
  const delays: number[] = [];
  let interval = FIRST_INTERVAL_MS;
  for (let spent = 0; spent < totalMs; spent += delays[delays.length - 1]) {
    delays.push(Math.min(interval, totalMs - spent));
    interval = Math.min(interval * GROWTH, MAX_INTERVAL_MS);
  }
  return delays;
}

/**
 * Waits in onEvent for an order to turn terminal, within the inline wait and the Lambda's
 * remaining time; the Provider framework's waiter polls only every queryInterval, so an
 * order that finishes in seconds would otherwise cost a whole interval of waiting.
 * Answers the last status seen, terminal or not.
 */
export async function waitBriefly(port: ChimePort, orderId: string, budget: Budget, status = 'Processing'): Promise<string> {
  const window = Math.max(0, Math.min(budget.inlineWaitMs, timeLeft(budget) - AFTER_WAIT_MS));
  let current = status;
  for (const delay of pollDelays(window)) {
    if (isTerminal(current)) return current;
    await sleep(delay);
    try {
      current = (await port.getOrder(orderId))?.status ?? current;
    } catch (err) {
      // The order exists; failing onEvent now would lose its ID. The waiter takes over instead.
      log('WARN', 'could not read the order while waiting briefly; leaving it to the waiter', { orderId, error: (err as Error).name });
      return current;
    }
  }
  return current;
}
