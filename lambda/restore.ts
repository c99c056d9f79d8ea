import { maskNumber } from '../lib/order-rules';
import type { ChimePort, HeldNumber } from './chime-port';
import { chimeFailure } from './failure';
import { log } from './log';

/** Brings a number back from the deletion queue. */
export async function restore(port: ChimePort, held: HeldNumber): Promise<void> {
  try {
    await port.restoreNumber(held.number);
    log('INFO', 'restored number from the deletion queue', { number: held.number });
  } catch (err) {
    throw chimeFailure(`RestorePhoneNumber ${maskNumber(held.number)}`, err);
  }
}
