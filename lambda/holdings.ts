import type { ChimePort, HeldNumber } from './chime-port';
import { mapLimit } from './concurrency';
import { chimeFailure } from './failure';
import { isOwned } from './order-status';

const LOOKUPS_IN_FLIGHT = 8;

/** What the account holds now of these numbers: owned ones, and ones in the deletion queue. */
export interface Holdings {
  readonly owned: HeldNumber[];
  readonly leaving: HeldNumber[];
  readonly absent: string[];
}

export async function observe(port: ChimePort, numbers: string[]): Promise<Holdings> {
  const held = await mapLimit(numbers, LOOKUPS_IN_FLIGHT, async n => {
    try {
      return { n, held: await port.getNumber(n) };
    } catch (err) {
      throw chimeFailure(`GetPhoneNumber ***${n.slice(-4)}`, err);
    }
  });
  return {
    owned: held.flatMap(h => (h.held && isOwned(h.held.status) ? [h.held] : [])),
    leaving: held.flatMap(h => (h.held && !isOwned(h.held.status) ? [h.held] : [])),
    absent: held.flatMap(h => (h.held ? [] : [h.n])),
  };
}
