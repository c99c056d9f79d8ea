import type { Budget } from './budget';
import { timeLeft } from './budget';
import type { ChimePort, PhoneOrder } from './chime-port';
import { sleep } from './concurrency';
import { log } from './log';
import { isTerminal } from './order-status';

const FIRST_INTERVAL_MS = 250;
const GROWTH = 1.5;
/** Past this the interval stops growing, so a finished order is seen within a few seconds. */
const MAX_INTERVAL_MS = 2_500;

/** The poll schedule: short at first, when most orders finish, then every couple of seconds. */
export function pollDelays(totalMs: number): number[] {
  const delays: number[] = [];
  let interval = FIRST_INTERVAL_MS;
  for (let spent = interval; spent <= totalMs; spent += interval) {
    delays.push(interval);
    interval = Math.min(interval * GROWTH, MAX_INTERVAL_MS);
  }
  return delays;
}

/**
 * Waits in onEvent for an order to turn terminal, within the inline wait and the Lambda's
 * remaining time; the Provider framework's waiter polls only every queryInterval, so an
 * order that finishes in seconds would otherwise cost a whole interval of waiting.
 * Answers the last state seen, terminal or not.
 */
export async function waitBriefly(port: ChimePort, order: PhoneOrder, budget: Budget): Promise<PhoneOrder> {
  const started = Date.now();
  let current = order;
  for (const delay of pollDelays(budget.inlineWaitMs)) {
    if (isTerminal(current.status)) return current;
    if (Date.now() - started + delay > budget.inlineWaitMs || timeLeft(budget) < delay + 10_000) return current;
    await sleep(delay);
    try {
      current = (await port.getOrder(order.id)) ?? current;
    } catch (err) {
      // The order exists; failing onEvent now would lose its ID. The waiter takes over instead.
      log('WARN', 'could not read the order while waiting briefly; leaving it to the waiter', { orderId: order.id, error: (err as Error).name });
      return current;
    }
  }
  return current;
}
