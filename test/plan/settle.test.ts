// The contract's judging and releasing rows, as tables over the pure planners of isComplete and Delete.
import type { PhoneOrder } from '../../lambda/chime-port';
import { planDelete } from '../../lambda/plan-delete';
import { type SettleStep, planSettle } from '../../lambda/plan-settle';
import type { OrderSpec } from '../../lambda/spec';
import { type OwnerSpec, SELF, facts, snapshot } from './support';

const [A, B, C] = ['+12065550100', '+12065550101', '+12065550102'];
type Holding = [string, string | undefined, OwnerSpec, { orderId?: string; associated?: boolean }?];

interface Row {
  readonly row: string;
  readonly type: 'Create' | 'Update';
  readonly numbers: string[];
  readonly previous?: string[];
  readonly holds: Holding[];
  readonly allowPartial?: boolean;
  readonly failure?: string;
  readonly outOfTime?: boolean;
  readonly expect: 'wait' | 'complete' | 'fail';
  readonly steps?: string[];
  readonly reason?: RegExp;
  readonly phoneNumbers?: string[];
  readonly failed?: string[];
}

const short = (s: SettleStep) => (s.kind === 'release' ? `release ${s.numbers.join(',')}` : s.kind === 'route' ? `route ${s.steps.map(r => r.kind).join(',')}` : `let-go ${s.number}`);
const ORDER: PhoneOrder = { id: '11111111-1111-4111-8111-111111111111', status: 'Partial', productType: 'VoiceConnector', numbers: [{ number: A, status: 'Acquired' }, { number: B, status: 'Failed' }], createdAt: new Date(1) };

const rows: Row[] = [
  { row: 'own order still acquiring → wait', type: 'Create', numbers: [A], holds: [[A, 'AcquireInProgress', 'self']], expect: 'wait' },
  { row: 'own order still acquiring at the end of totalTimeout → fail naming it, undo what can be undone', type: 'Create', numbers: [A, B], holds: [[A, 'AcquireInProgress', 'self', { orderId: ORDER.id }], [B, 'Unassigned', 'self']], outOfTime: true, expect: 'fail', reason: /is still processing.*Raise totalTimeout/, steps: [`release ${B}`] },
  { row: 'Create: every number held → complete with the attributes', type: 'Create', numbers: [A, B], holds: [[A, 'Unassigned', 'self', { orderId: ORDER.id }], [B, 'Unassigned', 'self', { orderId: ORDER.id }]], expect: 'complete', steps: [], phoneNumbers: [A, B], failed: [] },
  { row: 'Create: partly filled without allowPartial → fail, releasing what it acquired', type: 'Create', numbers: [A, B], holds: [[A, 'Unassigned', 'self', { orderId: ORDER.id }], [B, 'AcquireFailed', 'self', { orderId: ORDER.id }]], expect: 'fail', reason: /only partly filled \(1 of 2 acquired; Partial: \*\*\*0100 Acquired, \*\*\*0101 Failed; not acquired: \*\*\*0101\)\. What it acquired is released/, steps: [`release ${A}`] },
  { row: 'Create: partly filled with allowPartial → complete, listing the failed', type: 'Create', numbers: [A, B], allowPartial: true, holds: [[A, 'Unassigned', 'self'], [B, 'AcquireFailed', 'self']], expect: 'complete', phoneNumbers: [A], failed: [B] },
  { row: 'Create: nothing acquired → fail even with allowPartial', type: 'Create', numbers: [A], allowPartial: true, holds: [[A, 'AcquireFailed', 'self']], expect: 'fail', reason: /acquired no number/, steps: [] },
  { row: 'Create failing: adopted numbers are let go, not released', type: 'Create', numbers: [A, B], holds: [[A, 'Unassigned', 'self-adopted'], [B, 'AcquireFailed', 'self']], expect: 'fail', steps: [`let-go ${A}`] },
  { row: 'Create failing: never touches numbers it does not own', type: 'Create', numbers: [A, B], holds: [[A, 'Unassigned', 'other'], [B, 'AcquireFailed', 'self']], expect: 'fail', steps: [] },
  { row: 'Create with a failure onEvent deferred → undo, then fail with it', type: 'Create', numbers: [A, B], failure: 'CreatePhoneNumberOrder failed: nope', holds: [[A, 'Unassigned', 'self-earlier'], [B, undefined, 'none']], expect: 'fail', reason: /^CreatePhoneNumberOrder failed: nope$/, steps: [`release ${A}`] },
  { row: 'Create with a deferred failure, but its numbers are still being acquired → wait first', type: 'Create', numbers: [A], failure: 'x', holds: [[A, 'AcquireInProgress', 'self']], expect: 'wait' },
  { row: 'Update: removed numbers it owns are released after the additions', type: 'Update', numbers: [A, C], previous: [A, B], holds: [[A, 'Unassigned', 'self'], [B, 'Unassigned', 'self-earlier'], [C, 'Unassigned', 'self']], expect: 'complete', steps: [`release ${B}`], phoneNumbers: [A, C] },
  { row: 'Update: a removed adopted number is let go, not released', type: 'Update', numbers: [A], previous: [A, B], holds: [[A, 'Unassigned', 'self'], [B, 'Unassigned', 'self-adopted']], expect: 'complete', steps: [`let-go ${B}`] },
  { row: "Update: a removed number someone else owns is not touched", type: 'Update', numbers: [A], previous: [A, B], holds: [[A, 'Unassigned', 'self'], [B, 'Unassigned', 'other']], expect: 'complete', steps: [] },
  { row: 'Update rollback: a removed number still being acquired by its own order → wait, then release', type: 'Update', numbers: [A], previous: [A, B], holds: [[A, 'Unassigned', 'self'], [B, 'AcquireInProgress', 'self-earlier']], expect: 'wait' },
  { row: 'Update: removed number with associations → fail naming them, release nothing', type: 'Update', numbers: [A], previous: [A, B], holds: [[A, 'Unassigned', 'self'], [B, 'Assigned', 'self', { associated: true }]], expect: 'fail', reason: /Cannot release \*\*\*0101 \(VoiceConnectorId vc-1\): still associated/, steps: [] },
  { row: 'Update: added numbers partly failed without allowPartial → fail; the rollback releases', type: 'Update', numbers: [A, B, C], previous: [A], holds: [[A, 'Unassigned', 'self-earlier'], [B, 'Unassigned', 'self'], [C, 'AcquireFailed', 'self']], expect: 'fail', reason: /The rollback releases what it acquired/, steps: [] },
  { row: 'Update with allowPartial: an order that failed outright keeps what the resource holds', type: 'Update', numbers: [A, B], previous: [A], allowPartial: true, holds: [[A, 'Unassigned', 'self-earlier'], [B, 'AcquireFailed', 'self']], expect: 'complete', phoneNumbers: [A], failed: [B] },
  { row: 'Update: numbers of the old list never acquired are not failures of this update', type: 'Update', numbers: [A, B], previous: [A, B], holds: [[A, 'Unassigned', 'self'], [B, 'AcquireFailed', 'self-earlier']], expect: 'complete', phoneNumbers: [A], failed: [B] },
];

describe('isComplete plan: the contract rows', () => {
  test.each(rows.map(r => [r.row, r] as const))('%s', (_row, r) => {
    const spec: OrderSpec = { productType: 'VoiceConnector', numbers: r.numbers, api: 'chime-sdk-voice', allowPartial: r.allowPartial ?? false, adopt: false };
    const snap = snapshot(r.holds.map(([n, status, owner, x]) => facts(n, status, owner, {
      orderId: x?.orderId, associations: x?.associated ? [{ name: 'VoiceConnectorId', value: 'vc-1' }] : [],
    })));
    (snap.orders as Map<string, PhoneOrder>).set(ORDER.id, ORDER);
    const s = planSettle({
      requestType: r.type, spec, previous: r.previous ? { numbers: r.previous, api: spec.api } : undefined, identity: SELF,
      snapshot: snap, deferredFailure: r.failure, outOfTime: r.outOfTime ?? false,
    });
    expect(s.kind).toBe(r.expect);
    if (s.kind === 'fail' && r.reason) expect(s.reason).toMatch(r.reason);
    if (s.kind !== 'wait' && r.steps) expect(s.steps.map(short)).toEqual(r.steps);
    if (s.kind === 'complete') {
      if (r.phoneNumbers) expect(s.attributes.PhoneNumbers).toEqual(r.phoneNumbers);
      if (r.failed) expect(s.attributes.FailedPhoneNumbers).toEqual(r.failed);
      expect(s.attributes.PhoneNumberCount).toBe(String(s.attributes.PhoneNumbers.length));
    }
  });

  test('OrderId is the newest order behind the numbers the resource ordered; "None" when it ordered none', () => {
    const older: PhoneOrder = { ...ORDER, id: '22222222-2222-4222-8222-222222222222', status: 'Successful', createdAt: new Date(0) };
    const snap = snapshot([facts(A, 'Unassigned', 'self', { orderId: ORDER.id }), facts(B, 'Unassigned', 'self-earlier', { orderId: older.id }), facts(C, 'Unassigned', 'self-adopted', { orderId: '33333333-3333-4333-8333-333333333333' })]);
    (snap.orders as Map<string, PhoneOrder>).set(ORDER.id, ORDER).set(older.id, older);
    const spec: OrderSpec = { productType: 'VoiceConnector', numbers: [A, B, C], api: 'chime-sdk-voice', allowPartial: false, adopt: false };
    const s = planSettle({ requestType: 'Update', spec, previous: { numbers: [A, B, C], api: spec.api }, identity: SELF, snapshot: snap, outOfTime: false });
    expect(s.kind === 'complete' && [s.attributes.OrderId, s.attributes.OrderStatus]).toEqual([ORDER.id, 'Partial']);
    const adoptedOnly = planSettle({ requestType: 'Update', spec: { ...spec, numbers: [C] }, previous: { numbers: [C], api: spec.api }, identity: SELF, snapshot: snap, outOfTime: false });
    expect(adoptedOnly.kind === 'complete' && [adoptedOnly.attributes.OrderId, adoptedOnly.attributes.OrderStatus]).toEqual(['None', 'None']);
  });
});

describe('Delete plan: the contract rows', () => {
  const plan = (holds: Holding[]) => planDelete(holds.map(h => h[0]), snapshot(holds.map(([n, s, o, x]) => facts(n, s, o, { associations: x?.associated ? [{ name: 'SipRuleId', value: 'r-1' }] : [] })), !holds.some(h => h[2] === 'unknown')));
  test('releases the numbers it owns, ordered or adopted; skips the rest', () => {
    expect(plan([[A, 'Unassigned', 'self'], [B, 'ReleaseFailed', 'self-adopted'], [C, 'Unassigned', 'other']]))
      .toEqual({ kind: 'release', numbers: [A, B], skipped: [C], unroute: [] });
  });
  test('skips what is gone, leaving or only a failed record', () => {
    expect(plan([[A, undefined, 'none'], [B, 'DeleteInProgress', 'self'], [C, 'AcquireFailed', 'self']])).toEqual({ kind: 'release', numbers: [], skipped: [A, B, C], unroute: [] });
  });
  test('waits while its own numbers are being acquired', () => expect(plan([[A, 'AcquireInProgress', 'self']]).kind).toBe('wait'));
  test('refuses to force an associated number loose', () => {
    expect(plan([[A, 'Assigned', 'self', { associated: true }]])).toEqual({ kind: 'refuse', reason: expect.stringMatching(/Cannot release \*\*\*0100 \(SipRuleId r-1\)/) });
  });
  test('legacy API: releases the held numbers of its list (it cannot prove more)', () => {
    expect(plan([[A, 'Unassigned', 'unknown'], [B, undefined, 'unknown']])).toEqual({ kind: 'release', numbers: [A], skipped: [B], unroute: [] });
  });
});
