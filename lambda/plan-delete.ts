// What a Delete does, pure: release every number of the list this resource owns. Numbers
// another owner holds, or already gone or leaving, are skipped (Delete is idempotent); numbers
// still being acquired are released once their order has ended; an associated number is never
// forced loose.
import { maskNumber } from '../lib/order-rules';
import type { NumberFacts, Snapshot } from './observe';
import { factsOf } from './observe';

export type DeletePlan =
  | { readonly kind: 'wait'; readonly why: string }
  | { readonly kind: 'refuse'; readonly reason: string }
  | { readonly kind: 'release'; readonly numbers: string[]; readonly skipped: string[] };

export function planDelete(numbers: string[], snapshot: Snapshot): DeletePlan {
  const facts = numbers.map(n => factsOf(snapshot, n));
  const mine = facts.filter(f => f.owner.kind === 'self' || f.owner.kind === 'unknown');
  const acquiring = mine.filter(f => f.state === 'acquiring');
  if (acquiring.length > 0) {
    return { kind: 'wait', why: `${acquiring.map(f => maskNumber(f.number)).join(', ')} still being acquired; released once the order ends` };
  }
  const toRelease = mine.filter(f => f.state === 'held');
  const inUse = toRelease.filter(f => f.associations.length > 0);
  if (inUse.length > 0) return { kind: 'refuse', reason: associatedReason(inUse) };
  const skipped = facts.filter(f => !toRelease.includes(f)).map(f => f.number);
  return { kind: 'release', numbers: toRelease.map(f => f.number), skipped };
}

export function associatedReason(inUse: NumberFacts[]): string {
  const which = inUse.map(f => `${maskNumber(f.number)} (${f.associations.map(a => `${a.name} ${a.value}`).join(', ')})`);
  return `Cannot release ${which.join('; ')}: still associated. Disassociate them first (or set removalPolicy RETAIN to keep them), then retry`;
}
