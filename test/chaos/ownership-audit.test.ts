// The ownership audit on made-up inventories: a zero from it must mean "nothing found", not
// "could not find anything".
import type { EmulatorPhoneNumber } from '../../emulator';
import { auditOwnership, type Listing } from '../../tools/chaos/audit/ownership';
import { auditStep } from '../../tools/chaos/audit/step-audit';
import { markIn, resourceMark } from '../../tools/chaos/marks';

const [A, B, C, D] = ['+12055550100', '+12055550101', '+12055550102', '+12055550103'];
const R = resourceMark('Stack', 'OrderA');
const S = resourceMark('Stack', 'OrderB');
const word = (resource: string, kind = 'o') => `pno.${resource}.${kind}0badcafe`;

function rec(n: string, status: EmulatorPhoneNumber['Status'], name?: string): EmulatorPhoneNumber {
  return {
    PhoneNumberId: n, E164PhoneNumber: n, Country: 'US', Type: 'Local', ProductType: 'VoiceConnector', Status: status, Associations: [],
    CreatedTimestamp: '2026-01-01T00:00:00.000Z', UpdatedTimestamp: '2026-01-01T00:00:00.000Z', ...(name ? { Name: name } : {}),
  };
}
const kinds = (listings: Listing[], inventory: EmulatorPhoneNumber[], extra = {}) =>
  auditOwnership({ listings, inventory, ...extra }).map(f => `${f.kind} ${f.text}`);

test('marks: the word after the label, and the resource part from stack name and logical ID', () => {
  expect(markIn(`my label ${word(R, 'a')}`)).toEqual({ resource: R, kind: 'adopted', request: '0badcafe' });
  expect(markIn('pno.short.o1')).toBeUndefined();
  expect(R).toMatch(/^[0-9a-f]{16}$/);
  expect(resourceMark('Stack', 'OrderA')).toBe(R);
  expect(resourceMark('Other', 'OrderA')).not.toBe(R);
});

test('every listed number held and marked as its lister\'s: nothing found', () => {
  const listings = [{ resource: 'Stack/A', mark: R, numbers: [A] }, { resource: 'Stack/B', mark: S, numbers: [B] }];
  expect(kinds(listings, [rec(A, 'Unassigned', `label ${word(R)}`), rec(B, 'Assigned', word(S, 'a'))])).toEqual([]);
});

test('listed by two, listed but released, listed with another\'s mark, held by nobody', () => {
  const listings = [{ resource: 'Stack/A', mark: R, numbers: [A, B, C] }, { resource: 'Stack/B', mark: S, numbers: [A] }];
  const inventory = [rec(A, 'Unassigned', word(R)), rec(B, 'DeleteInProgress', word(R)), rec(C, 'Unassigned', word(S)), rec(D, 'ReleaseFailed', word(S))];
  expect(kinds(listings, inventory)).toEqual([
    'listed-twice ***0100 is listed by Stack/A and Stack/B',
    `listed-not-marked ***0100 is listed by Stack/B but its Name carries the ordered mark of resource ${R}`,
    'listed-not-held ***0101 is listed by Stack/A but is DeleteInProgress',
    `listed-not-marked ***0102 is listed by Stack/A but its Name carries the ordered mark of resource ${S}`,
    `held-by-nobody ***0103 is held (ReleaseFailed, the ordered mark of resource ${S}) and listed by no resource`,
  ]);
});

test('what may stay held by nobody: unmarked numbers put there outside any stack, given-back numbers, numbers a policy kept with their mark', () => {
  const inventory = [rec(A, 'Unassigned', 'bought elsewhere'), rec(B, 'Unassigned', word(R, 'u')), rec(C, 'Unassigned', word(S)), rec(D, 'Unassigned')];
  expect(kinds([], inventory, { elsewhere: new Set([A]), retained: new Map([[C, S], [D, '']]) })).toEqual([]);
  // kept by another resource than the one whose mark it carries, or seeded but since marked: not allowed
  expect(kinds([], [rec(C, 'Unassigned', word(S)), rec(A, 'Unassigned', word(R))], { elsewhere: new Set([A]), retained: new Map([[C, R]]) })).toHaveLength(2);
  // the deletion queue and failed acquisitions hold nothing; numbers out of scope are not judged
  expect(kinds([], [rec(A, 'DeleteInProgress', word(R)), rec(B, 'AcquireFailed', word(R)), rec(C, 'Unassigned')], { scope: (n: string) => n !== C })).toEqual([]);
});

test('the legacy API keeps no marks: its listed numbers are not judged by mark', () => {
  expect(kinds([{ resource: 'Stack/A', numbers: [A] }], [rec(A, 'Unassigned')])).toEqual([]);
});

test('routing follows ownership: a number left associated is found unless a resource that routes lists it', () => {
  const routed = (n: string) => ({ ...rec(n, 'Assigned', word(R)), Associations: [{ Name: 'VoiceConnectorId' as const, Value: 'vc-1', AssociatedTimestamp: 't' }] });
  const stack = (orders: { listed: string[]; routed: boolean }[]) => [{
    stackName: 'Stack', stackId: 'id', status: 'UPDATE_COMPLETE', region: 'us-east-1', account: '123456789012',
    orders: orders.map(o => ({ stack: 'Stack', logicalId: 'OrderA', construct: 'A', physicalId: 'p', api: 'chime-sdk-voice', answeredPhoneNumbers: true, ...o })),
  }];
  const audit = (after: ReturnType<typeof stack>, inventory: EmulatorPhoneNumber[]) => auditStep({
    before: after, after, inventory, scope: () => true, elsewhere: new Set(), retained: new Map(),
  }).filter(p => p.kind === 'routed-not-listed').map(p => p.text);
  expect(audit(stack([{ listed: [A], routed: true }]), [routed(A)])).toEqual([]);
  expect(audit(stack([{ listed: [A], routed: false }]), [routed(A)])).toEqual(['***0100 is associated (VoiceConnectorId, Assigned) but no resource that routes lists it']);
  expect(audit([], [{ ...routed(A), Status: 'DeleteInProgress' }])).toHaveLength(1);
});
