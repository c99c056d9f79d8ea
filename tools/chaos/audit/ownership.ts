// The ownership promises, judged from the account's inventory and what each resource lists
// (its PhoneNumbers output): no number listed by two resources; every listed number held and
// marked as that resource's; no number held that nobody lists, except those the contract lets
// stay: put in the account outside any stack and never adopted, given back by a resource that
// had adopted them, or kept by a DeletionPolicy (Retain, RetainExceptOnCreate) with the mark of
// the resource that kept them (unmarked, under the legacy API).
import type { EmulatorPhoneNumber } from '../../../emulator';
import { markIn } from '../marks';
import { mask } from '../numbers';

/** Statuses of numbers the account holds (not leaving, not a record of a failed acquisition). */
export const HELD = ['Unassigned', 'Assigned', 'AcquireInProgress', 'ReleaseFailed', 'DeleteFailed'];

export interface Listing {
  /** "Stack/Construct", for findings. */
  readonly resource: string;
  /** The mark's resource part its numbers must carry; undefined under the legacy API, which keeps no marks. */
  readonly mark?: string;
  readonly numbers: readonly string[];
}

export interface OwnershipInput {
  readonly listings: readonly Listing[];
  readonly inventory: readonly EmulatorPhoneNumber[];
  /** Which numbers to judge (the run's own); default every number in the inventory. */
  readonly scope?: (number: string) => boolean;
  /** Numbers put in the account outside any stack: unmarked, they may stay held by nobody. */
  readonly elsewhere?: ReadonlySet<string>;
  /** Numbers a DeletionPolicy kept, with the mark's resource part of the resource that kept them ('' under the legacy API: unmarked). */
  readonly retained?: ReadonlyMap<string, string>;
}

export type FindingKind = 'listed-twice' | 'listed-not-held' | 'listed-not-marked' | 'held-by-nobody';

export interface Finding {
  readonly kind: FindingKind;
  /** The number it is about (whole: for the caller's bookkeeping, never printed). */
  readonly number: string;
  /** Numbers masked to the last four digits. */
  readonly text: string;
}

export function auditOwnership(input: OwnershipInput): Finding[] {
  const findings: Finding[] = [];
  const inScope = input.scope ?? (() => true);
  const record = new Map(input.inventory.map(n => [n.E164PhoneNumber, n]));
  const listedBy = new Map<string, Listing[]>();
  for (const l of input.listings) for (const n of l.numbers) listedBy.set(n, [...(listedBy.get(n) ?? []), l]);

  for (const [n, listings] of listedBy) {
    const r = record.get(n);
    const who = listings.map(l => l.resource).join(' and ');
    if (listings.length > 1) findings.push({ kind: 'listed-twice', number: n, text: `${mask(n)} is listed by ${who}` });
    if (!r || !HELD.includes(r.Status)) {
      findings.push({ kind: 'listed-not-held', number: n, text: `${mask(n)} is listed by ${who} but is ${r?.Status ?? 'not in the account'}` });
      continue;
    }
    for (const l of listings.filter(x => x.mark !== undefined)) {
      const mark = markIn(r.Name);
      if (!mark || mark.resource !== l.mark || mark.kind === 'given-back') {
        findings.push({ kind: 'listed-not-marked', number: n, text: `${mask(n)} is listed by ${l.resource} but its Name carries ${describe(mark)}` });
      }
    }
  }
  for (const r of input.inventory) {
    const n = r.E164PhoneNumber;
    if (!inScope(n) || !HELD.includes(r.Status) || listedBy.has(n)) continue;
    const mark = markIn(r.Name);
    if (mark?.kind === 'given-back') continue;
    if (!mark && input.elsewhere?.has(n)) continue;
    if (input.retained?.get(n) === (mark?.resource ?? '')) continue;
    findings.push({ kind: 'held-by-nobody', number: n, text: `${mask(n)} is held (${r.Status}, ${describe(mark)}) and listed by no resource` });
  }
  return findings;
}

function describe(mark: ReturnType<typeof markIn>): string {
  return mark ? `the ${mark.kind} mark of resource ${mark.resource}` : 'no mark';
}
