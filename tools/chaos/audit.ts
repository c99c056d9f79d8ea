// Reads the emulator's books after a run and checks what the lifecycle contract promises:
// nothing ordered twice, nothing held that the stack does not list, nothing listed lost.
import type { EmulatorOrder, EmulatorPhoneNumber } from '../../emulator';
import { mask } from './numbers';
import type { AuditResult, DuplicateFinding } from './types';

export interface Books {
  readonly orders: EmulatorOrder[];
  readonly phoneNumbers: EmulatorPhoneNumber[];
}

/**
 * Duplicates. The emulator decides each ordered number's fate when the order is placed: Failed
 * when the number is unavailable or when the account already holds it (acquiring, owned, or in
 * the deletion queue), Acquired otherwise. So an order of ours *claims* a number when the number
 * is Acquired or Processing in it, or Failed although it is available: then the account held it
 * and the order was placed for a number we already had. A number claimed by two or more of our
 * orders was ordered twice; each claim past the first counts once. (No number leaves the
 * deletion queue during a run, so even a release and re-order shows up here, which is right:
 * the contract restores such numbers, it never orders them again.)
 *
 * Orphans and lost numbers. `held` is every number the account holds (not in the deletion
 * queue, not a record of a failed acquisition) (only our orders touch this run's account). Orphans = held minus expected;
 * lost = expected minus held. Skipped (expected undefined) for a half-done stack.
 */
/** Statuses of numbers the account holds (not leaving, not a failed or cancelled record). */
const HELD_STATUSES: string[] = ['Unassigned', 'Assigned', 'AcquireInProgress', 'ReleaseFailed', 'DeleteFailed'];

export function auditBooks(books: Books, unavailable: readonly string[], expectedHeld: readonly string[] | undefined): Omit<AuditResult, 'routingLeftovers' | 'stuckTargets'> {
  const ours = books.orders
    .filter(o => !o.Unrelated)
    .sort((a, b) => a.CreatedTimestamp.localeCompare(b.CreatedTimestamp));
  const ordersByStatus: Record<string, number> = {};
  for (const o of ours) ordersByStatus[o.Status] = (ordersByStatus[o.Status] ?? 0) + 1;

  const claims = new Map<string, string[]>();
  for (const o of ours) {
    for (const n of o.OrderedPhoneNumbers) {
      const claimed = n.Status !== 'Failed' || !unavailable.includes(n.E164PhoneNumber);
      if (claimed) claims.set(n.E164PhoneNumber, [...(claims.get(n.E164PhoneNumber) ?? []), o.PhoneNumberOrderId]);
    }
  }
  const duplicates: DuplicateFinding[] = [...claims]
    .filter(([, orders]) => orders.length > 1)
    .map(([number, orders]) => ({ number: mask(number), orders }));

  const unsettledOrders = ours.filter(o => o.Status === 'Processing').length;
  if (!expectedHeld) return { duplicates, orphans: [], lost: [], holdingsSkipped: 'half-done stack', unsettledOrders, ordersByStatus };
  const held = books.phoneNumbers.filter(p => HELD_STATUSES.includes(p.Status)).map(p => p.E164PhoneNumber);
  return {
    duplicates,
    orphans: held.filter(n => !expectedHeld.includes(n)).map(mask),
    lost: expectedHeld.filter(n => !held.includes(n)).map(mask),
    unsettledOrders,
    ordersByStatus,
  };
}

/** The count a duplicate finding adds to the figures: claims past the first. */
export function duplicateCount(findings: readonly DuplicateFinding[]): number {
  return findings.reduce((sum, f) => sum + f.orders.length - 1, 0);
}
