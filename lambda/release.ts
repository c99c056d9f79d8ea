import { maskNumber } from '../lib/order-rules';
import type { ChimePort, ReleaseFailure } from './chime-port';
import { EventFailure, chimeFailure } from './failure';
import { observe } from './holdings';
import { log } from './log';

/**
 * Releases the numbers of this list that the account owns. Numbers already gone or already
 * on their way out are skipped; a number still in use is never forced loose.
 */
export async function releaseOwned(port: ChimePort, numbers: string[]): Promise<string[]> {
  const { owned } = await observe(port, numbers);
  const inUse = owned.filter(h => h.associations.length > 0);
  if (inUse.length > 0) {
    const which = inUse.map(h => `${maskNumber(h.number)} (${h.associations.map(a => `${a.name} ${a.value}`).join(', ')})`);
    throw new EventFailure(`Cannot release ${which.join('; ')}: still associated. Disassociate them first (or set removalPolicy RETAIN to keep them), then retry`);
  }
  if (owned.length === 0) return [];
  let failures;
  try {
    failures = await port.releaseNumbers(owned.map(h => h.number));
  } catch (err) {
    throw chimeFailure('BatchDeletePhoneNumber', err);
  }
  const real = await stillOwned(port, failures.filter(f => f.code !== 'NotFound'));
  if (real.length > 0) {
    throw new EventFailure(`Could not release ${real.map(f => `${maskNumber(f.number)} (${f.code}: ${f.message})`).join('; ')}`);
  }
  log('INFO', 'released numbers', { count: owned.length, numbers: owned.map(h => h.number) });
  return owned.map(h => h.number);
}

/**
 * The failures whose number the account still owns. When the answer to BatchDeletePhoneNumber is
 * lost after the service acted (a dropped connection), the SDK sends it again and the retry reports
 * every number the first attempt released as already in the deletion queue: those are released,
 * not failures (found by the chaos suite: a Delete failing that way leaves the stack DELETE_FAILED).
 */
async function stillOwned(port: ChimePort, failures: ReleaseFailure[]): Promise<ReleaseFailure[]> {
  if (failures.length === 0) return [];
  const { owned } = await observe(port, failures.map(f => f.number));
  return failures.filter(f => owned.some(h => h.number === f.number));
}
