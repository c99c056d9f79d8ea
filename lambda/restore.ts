import { maskNumber } from '../lib/order-rules';
import type { ChimePort, HeldNumber } from './chime-port';
import { chimeFailure } from './failure';
import { observe } from './holdings';
import { log } from './log';

/** Brings a number back from the deletion queue. */
export async function restore(port: ChimePort, held: HeldNumber): Promise<void> {
  try {
    await port.restoreNumber(held.number);
    log('INFO', 'restored number from the deletion queue', { number: held.number });
  } catch (err) {
    if (await ownedNow(port, held.number)) return;
    throw chimeFailure(`RestorePhoneNumber ${maskNumber(held.number)}`, err);
  }
}

/**
 * When the answer to RestorePhoneNumber is lost after the service acted (a dropped connection),
 * the SDK sends it again and the retry is refused: the number is no longer in the deletion queue.
 * If the account owns the number now, the restore happened (found by the chaos suite: the
 * UPDATE_ROLLBACK of a removal failed that way and left the stack UPDATE_ROLLBACK_FAILED).
 */
async function ownedNow(port: ChimePort, number: string): Promise<boolean> {
  try {
    return (await observe(port, [number])).owned.length > 0;
  } catch {
    return false;
  }
}
