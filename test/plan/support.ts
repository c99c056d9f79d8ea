// Builds snapshots for the pure planners: each number described by its status and owner.
import type { NumberFacts, Snapshot } from '../../lambda/observe';
import { type Identity, type MarkKind, identityOf, markOf } from '../../lambda/ownership';
import { numberState } from '../../lambda/statuses';

export const SELF: Identity = identityOf('arn:aws:cloudformation:us-east-1:123456789012:stack/S/00000000-0000-0000-0000-000000000000', 'Numbers', 'req-now');
export const EARLIER = identityOf('arn:aws:cloudformation:us-east-1:123456789012:stack/S/00000000-0000-0000-0000-000000000000', 'Numbers', 'req-before');
export const OTHER = identityOf('arn:aws:cloudformation:us-east-1:123456789012:stack/S/00000000-0000-0000-0000-000000000000', 'Others', 'req-x');

export type OwnerSpec = 'self' | 'self-earlier' | 'self-adopted' | 'former' | 'other' | 'none' | 'unknown';

/** `status` undefined: the account has no record of the number. */
export function facts(number: string, status: string | undefined, owner: OwnerSpec, extra: Partial<NumberFacts> = {}): NumberFacts {
  const mark = (id: Identity, kind: MarkKind) => markOf(id, kind);
  const o: NumberFacts['owner'] = {
    'self': { kind: 'self' as const, mark: mark(SELF, 'ordered') },
    'self-earlier': { kind: 'self' as const, mark: mark(EARLIER, 'ordered') },
    'self-adopted': { kind: 'self' as const, mark: mark(EARLIER, 'adopted') },
    'former': { kind: 'former' as const, mark: mark(EARLIER, 'let-go') },
    'other': { kind: 'other' as const, mark: mark(OTHER, 'ordered') },
    'none': { kind: 'none' as const },
    'unknown': { kind: 'unknown' as const },
  }[owner];
  return { number, status, state: numberState(status), owner: o, label: '', associations: [], productType: 'VoiceConnector', ...extra };
}

export function snapshot(list: NumberFacts[], marksNumbers = true): Snapshot {
  return { marksNumbers, numbers: new Map(list.map(f => [f.number, f])), orders: new Map() };
}
