// Search orders as tables over their pure planners: onEvent's (restore, search, order) and
// isComplete's (wait, search again, order again, release the surplus, fail after undoing).
import type { PhoneOrder } from '../../lambda/chime-port';
import type { NumberFacts } from '../../lambda/observe';
import { type SearchSettlement, MAX_SEARCH_ORDERS, planSearchAct, planSearchSettle, searchOrdersToRead } from '../../lambda/plan-search';
import type { ActStep } from '../../lambda/plan-act';
import type { SettleStep } from '../../lambda/plan-settle';
import type { PreviousSpec } from '../../lambda/spec';
import { type OwnerSpec, SELF, facts, snapshot } from './support';

const n = (i: number) => `+1206555${String(100 + i).padStart(4, '0')}`;
const [A, B, C, D, E, F] = [0, 1, 2, 3, 4, 5].map(n);
const X = '+12125550100';

interface Holding {
  number: string;
  status: string;
  owner: OwnerSpec;
  createdAt?: number;
  deletedAt?: number;
  orderId?: string;
  associated?: boolean;
  productType?: string;
}
const h = (number: string, status: string, owner: OwnerSpec, more: Partial<Holding> = {}): Holding => ({ number, status, owner, ...more });
const toFacts = (x: Holding): NumberFacts => facts(x.number, x.status, x.owner, {
  createdAt: x.createdAt, deletedAt: x.deletedAt, orderId: x.orderId,
  associations: x.associated ? [{ name: 'VoiceConnectorId', value: 'vc-1' }] : [],
  ...(x.productType ? { productType: x.productType } : {}),
});

const spec = (quantity: number, more: Record<string, unknown> = {}) => ({
  productType: 'VoiceConnector', numbers: [], api: 'chime-sdk-voice', allowPartial: false, adopt: false,
  search: { criteria: { AreaCode: '206' }, quantity }, ...more,
});

const shortAct = (s: ActStep) => (s.kind === 'order' ? `order ${s.numbers.join(',')}` : s.kind === 'name' ? `${s.why} ${s.number}` : s.kind === 'move' ? `move ${s.number}`
  : s.kind === 'route' ? `route ${s.steps.length}` : `restore ${s.number}`);
const shortSettle = (s: SettleStep) => (s.kind === 'release' ? `release ${s.numbers.join(',')}` : s.kind === 'route' ? `route ${s.steps.length}` : `let-go ${s.number}`);

/** A row: the event, the quantity, what the account holds, what a search found. */
interface Row {
  row: string;
  type?: 'Create' | 'Update';
  quantity: number;
  holds: Holding[];
  found?: string[];
  more?: Record<string, unknown>;
}

interface ActRow extends Row {
  previous?: PreviousSpec;
  steps?: string[];
  search?: { count: number; exclude: string[] };
  acquiring?: string[];
  refused?: RegExp;
}

const actRows: ActRow[] = [
  { row: 'Create, nothing held → search for the quantity', quantity: 3, holds: [], search: { count: 3, exclude: [] }, steps: [] },
  { row: 'Create, with what the search found → one order of the quantity', quantity: 3, holds: [], found: [A, B, C, D], steps: [`order ${A},${B},${C}`] },
  { row: 'Create, the search found fewer → order those (the waiter judges the rest)', quantity: 3, holds: [], found: [A], steps: [`order ${A}`] },
  { row: 'Create, the search found nothing → nothing to do', quantity: 3, holds: [], found: [], steps: [] },
  { row: 'Create delivered again: its own order still acquiring → nothing new, wait', quantity: 2, holds: [h(A, 'AcquireInProgress', 'self'), h(B, 'AcquireInProgress', 'self')], steps: [], acquiring: [A, B] },
  { row: 'Create delivered again: its own order lost a number → no new batch from onEvent', quantity: 2, holds: [h(A, 'Unassigned', 'self'), h(B, 'AcquireFailed', 'self')], steps: [] },
  { row: 'Create delivered again, short, with released numbers at hand → still nothing from onEvent', quantity: 3, holds: [h(A, 'Unassigned', 'self'), h(B, 'DeleteInProgress', 'self-earlier', { deletedAt: 5 })], steps: [] },
  { row: 'Create after a rolled-back attempt: its own released numbers restored, nothing searched', quantity: 2, holds: [h(A, 'DeleteInProgress', 'self-earlier', { deletedAt: 5 }), h(B, 'DeleteInProgress', 'self-earlier', { deletedAt: 6 })], steps: [`restore ${B}`, `restore ${A}`] },
  { row: 'Update, quantity up → search for the difference, past every marked number', type: 'Update', quantity: 4, holds: [h(A, 'Unassigned', 'self-earlier'), h(B, 'Unassigned', 'self-earlier'), h(C, 'AcquireFailed', 'self-earlier')], search: { count: 2, exclude: [A, B, C] }, steps: [] },
  { row: 'Update, a found number already tried is never ordered', type: 'Update', quantity: 3, holds: [h(A, 'Unassigned', 'self-earlier'), h(C, 'AcquireFailed', 'self-earlier')], found: [C, D, E], steps: [`order ${D},${E}`] },
  { row: 'Update rolling back a lower quantity → the most recently released restored first, only as many as needed', type: 'Update', quantity: 3, holds: [h(A, 'Unassigned', 'self-earlier'), h(B, 'Unassigned', 'self-earlier'), h(C, 'DeleteInProgress', 'self-earlier', { deletedAt: 10 }), h(D, 'DeleteInProgress', 'self-earlier', { deletedAt: 20 })], steps: [`restore ${D}`] },
  { row: 'Update, not enough to restore → restore them, then search for the rest', type: 'Update', quantity: 4, holds: [h(A, 'Unassigned', 'self-earlier'), h(C, 'DeleteInProgress', 'self-earlier', { deletedAt: 10 })], found: [E, F], steps: [`restore ${C}`, `order ${E},${F}`] },
  { row: 'Update, quantity down → nothing in onEvent (the waiter releases the surplus)', type: 'Update', quantity: 1, holds: [h(A, 'Unassigned', 'self-earlier'), h(B, 'Unassigned', 'self-earlier')], steps: [] },
  { row: "Update: numbers of others, unmarked ones and let-go ones are nobody's holdings here", type: 'Update', quantity: 1, holds: [h(A, 'Unassigned', 'other'), h(B, 'Unassigned', 'none'), h(C, 'Unassigned', 'former')], search: { count: 1, exclude: [] }, steps: [] },
  { row: 'Update: an earlier order still acquiring → wait for it before anything else', type: 'Update', quantity: 3, holds: [h(A, 'AcquireInProgress', 'self-earlier')], steps: [], acquiring: [A] },
  { row: 'Update: name set → the held numbers renamed, keeping their mark', type: 'Update', quantity: 1, more: { name: 'desk' }, holds: [h(A, 'Unassigned', 'self-earlier')], steps: [`rename ${A}`] },
  { row: 'Update: product type changed → the held numbers moved', type: 'Update', quantity: 1, more: { productType: 'SipMediaApplicationDialIn' }, holds: [h(A, 'Unassigned', 'self-earlier')], steps: [`move ${A}`] },
  { row: 'Update: a move the ordering rules forbid is refused before anything', type: 'Update', quantity: 1, holds: [h('+16045550100', 'Unassigned', 'self-earlier', { productType: 'SipMediaApplicationDialIn' })], refused: /outside the U\.S\. \(CA\)/ },
  { row: "Update from a legacy list: the list's unmarked numbers are claimed and count", type: 'Update', quantity: 3, previous: { numbers: [A, B, X], api: 'chime' }, holds: [h(A, 'Unassigned', 'none'), h(B, 'Unassigned', 'none'), h(X, 'Unassigned', 'other')], search: { count: 1, exclude: [] }, steps: [`claim ${A}`, `claim ${B}`] },
];

describe('onEvent plan of a search order', () => {
  test.each(actRows.map(r => [r.row, r] as const))('%s', (_row, r) => {
    const plan = planSearchAct({
      requestType: r.type ?? 'Create', spec: spec(r.quantity, r.more), previous: r.previous, identity: SELF,
      snapshot: snapshot(r.holds.map(toFacts)), found: r.found,
    });
    if (r.refused) {
      expect(plan.refusals.join('; ')).toMatch(r.refused);
      expect(plan.steps).toEqual([]);
      return;
    }
    expect(plan.refusals).toEqual([]);
    expect(plan.steps.map(shortAct)).toEqual(r.steps);
    expect(plan.search).toEqual(r.search);
    expect(plan.acquiring).toEqual(r.acquiring ?? []);
  });

  test('the order carries the mark of this request after the label', () => {
    const plan = planSearchAct({ requestType: 'Create', spec: spec(1, { name: 'desk' }), identity: SELF, snapshot: snapshot([]), found: [A] });
    const order = plan.steps[0] as Extract<ActStep, { kind: 'order' }>;
    expect(order.name).toBe(`desk pno.${SELF.resource}.o${SELF.request}`);
    expect(order.productType).toBe('VoiceConnector');
  });
});

const ORDER_1: PhoneOrder = { id: '11111111-1111-4111-8111-111111111111', status: 'Partial', productType: 'VoiceConnector', numbers: [{ number: A, status: 'Acquired' }, { number: E, status: 'Failed' }] };
const ORDER_2: PhoneOrder = { id: '22222222-2222-4222-8222-222222222222', status: 'Successful', productType: 'VoiceConnector', numbers: [{ number: B, status: 'Acquired' }] };

interface SettleRow extends Row {
  failure?: string;
  outOfTime?: boolean;
  expect: SearchSettlement['kind'];
  steps?: string[];
  reason?: RegExp;
  search?: { count: number; exclude: string[] };
  order?: string[];
  phoneNumbers?: string[];
  orderId?: string;
}

const rounds = (k: number): Holding[] => Array.from({ length: k }, (_, i) => h(n(10 + i), 'AcquireFailed', 'self', { orderId: `0000000${i}-0000-4000-8000-000000000000` }));

const settleRows: SettleRow[] = [
  { row: 'numbers still being acquired → wait', quantity: 2, holds: [h(A, 'AcquireInProgress', 'self')], expect: 'wait' },
  { row: 'still acquiring at the end of totalTimeout → fail, releasing what a Create holds', quantity: 2, outOfTime: true, holds: [h(A, 'AcquireInProgress', 'self'), h(B, 'Unassigned', 'self')], expect: 'fail', reason: /still processing.*Raise totalTimeout/, steps: [`release ${B}`] },
  { row: 'a failure onEvent deferred → undo, then fail with it', quantity: 2, failure: 'SearchAvailablePhoneNumbers failed: boom', holds: [h(A, 'Unassigned', 'self-earlier')], expect: 'fail', reason: /^SearchAvailablePhoneNumbers failed: boom$/, steps: [`release ${A}`] },
  { row: 'the quantity held → complete, the attributes from the newest order', quantity: 2, holds: [h(A, 'Unassigned', 'self', { orderId: ORDER_1.id, createdAt: 1 }), h(B, 'Unassigned', 'self', { orderId: ORDER_2.id, createdAt: 2 })], expect: 'complete', steps: [], phoneNumbers: [A, B], orderId: ORDER_2.id },
  { row: 'short after numbers were taken → search again for the missing count, past everything tried', quantity: 2, holds: [h(A, 'Unassigned', 'self', { orderId: ORDER_1.id }), h(C, 'AcquireFailed', 'self', { orderId: ORDER_1.id })], expect: 'search', search: { count: 1, exclude: [A, C, E] } },
  { row: 'short, and the search found numbers → order them', quantity: 3, holds: [h(A, 'Unassigned', 'self', { orderId: ORDER_1.id })], found: [E, D, F], expect: 'order', order: [D, F] },
  { row: 'Create short, the search found nothing more → fail, releasing what it holds', quantity: 3, holds: [h(A, 'Unassigned', 'self', { orderId: ORDER_1.id }), h(B, 'Unassigned', 'self', { orderId: ORDER_1.id })], found: [], expect: 'fail', reason: /^Ordering 3 numbers by search \(area code 206\) ended with 2: the search found no further available number\. What it acquired is released\..*set allowPartial/, steps: [`release ${A},${B}`] },
  { row: 'Create short with allowPartial → complete with what it holds', quantity: 3, more: { allowPartial: true }, holds: [h(A, 'Unassigned', 'self', { orderId: ORDER_1.id })], found: [], expect: 'complete', phoneNumbers: [A], steps: [] },
  { row: 'Create with nothing acquired fails even with allowPartial', quantity: 3, more: { allowPartial: true }, holds: [], found: [], expect: 'fail', reason: /ended with 0: the search found no available number\. Widen/ },
  { row: 'Update short → fail without undoing (the rollback releases what the update added)', type: 'Update', quantity: 3, holds: [h(A, 'Unassigned', 'self-earlier')], found: [], expect: 'fail', reason: /The rollback releases what this update acquired/, steps: [] },
  { row: `${MAX_SEARCH_ORDERS} orders placed by this event → no more searching: fail saying so`, quantity: 2, holds: [h(A, 'Unassigned', 'self', { orderId: ORDER_1.id }), ...rounds(MAX_SEARCH_ORDERS - 1)], expect: 'fail', reason: /3 of the numbers found were taken by other customers before the order reached them, and 4 orders are the most one deployment places/ },
  { row: 'short at the end of totalTimeout → fail, no search', quantity: 2, outOfTime: true, holds: [h(A, 'Unassigned', 'self')], expect: 'fail', reason: /totalTimeout is about to end/ },
  { row: 'surplus → the newest released (equal times: the highest number first)', type: 'Update', quantity: 2, holds: [h(A, 'Unassigned', 'self-earlier', { createdAt: 1 }), h(B, 'Unassigned', 'self-earlier', { createdAt: 2 }), h(C, 'Unassigned', 'self', { createdAt: 3 }), h(D, 'Unassigned', 'self', { createdAt: 3 })], expect: 'complete', steps: [`release ${D},${C}`], phoneNumbers: [A, B] },
  { row: 'surplus: a number in use is skipped for the next newest', type: 'Update', quantity: 2, holds: [h(A, 'Unassigned', 'self-earlier', { createdAt: 1 }), h(B, 'Unassigned', 'self-earlier', { createdAt: 2 }), h(C, 'Assigned', 'self', { createdAt: 3, associated: true })], expect: 'complete', steps: [`release ${B}`], phoneNumbers: [A, C] },
  { row: 'surplus: too few free numbers → fail naming the associations, release nothing', type: 'Update', quantity: 1, holds: [h(A, 'Assigned', 'self-earlier', { associated: true }), h(B, 'Assigned', 'self-earlier', { associated: true })], expect: 'fail', reason: /^Lowering quantity to 1 would release numbers in use\. Cannot release \*\*\*0100 \(VoiceConnectorId vc-1\); \*\*\*0101/, steps: [] },
  { row: 'surplus: an adopted number (a former list) is let go, not released', type: 'Update', quantity: 1, holds: [h(A, 'Unassigned', 'self-earlier', { createdAt: 1 }), h(B, 'Unassigned', 'self-adopted', { createdAt: 2 })], expect: 'complete', steps: [`let-go ${B}`], phoneNumbers: [A] },
  { row: 'failed records and the deletion queue are no holdings', type: 'Update', quantity: 1, holds: [h(A, 'Unassigned', 'self-earlier'), h(B, 'AcquireFailed', 'self-earlier'), h(C, 'DeleteInProgress', 'self-earlier')], expect: 'complete', steps: [], phoneNumbers: [A] },
];

describe('isComplete plan of a search order', () => {
  test.each(settleRows.map(r => [r.row, r] as const))('%s', (_row, r) => {
    const snap = snapshot(r.holds.map(toFacts));
    (snap.orders as Map<string, PhoneOrder>).set(ORDER_1.id, ORDER_1).set(ORDER_2.id, ORDER_2);
    const s = planSearchSettle({
      requestType: r.type ?? 'Create', spec: spec(r.quantity, r.more), identity: SELF, snapshot: snap, found: r.found,
      deferredFailure: r.failure, outOfTime: r.outOfTime ?? false,
    });
    expect(s.kind).toBe(r.expect);
    if (s.kind === 'fail' && r.reason) expect(s.reason).toMatch(r.reason);
    if ((s.kind === 'fail' || s.kind === 'complete') && r.steps) expect(s.steps.map(shortSettle)).toEqual(r.steps);
    if (s.kind === 'search') expect(s.request).toEqual(r.search);
    if (s.kind === 'order') expect(s.step.numbers).toEqual(r.order);
    if (s.kind === 'complete') {
      if (r.phoneNumbers) expect(s.attributes.PhoneNumbers).toEqual(r.phoneNumbers);
      expect(s.attributes.PhoneNumberCount).toBe(String(s.attributes.PhoneNumbers.length));
      expect(s.attributes.FailedPhoneNumbers).toEqual([]);
      if (r.orderId) expect([s.attributes.OrderId, s.attributes.OrderStatus]).toEqual([r.orderId, 'Successful']);
    }
  });

  test('the orders read: this event\'s own, and the one behind the newest number the quantity keeps', () => {
    const snap = snapshot([
      h(A, 'Unassigned', 'self-earlier', { orderId: ORDER_2.id, createdAt: 1 }),
      h(B, 'Unassigned', 'self', { orderId: ORDER_1.id, createdAt: 2 }),
      h(C, 'AcquireFailed', 'self', { orderId: '33333333-3333-4333-8333-333333333333' }),
    ].map(toFacts));
    expect(searchOrdersToRead(snap, SELF, 2).sort()).toEqual([ORDER_1.id, '33333333-3333-4333-8333-333333333333']);
    // Quantity 1 keeps A (B, the newest, is the surplus): A's order is read for OrderId.
    expect(searchOrdersToRead(snap, SELF, 1).sort()).toEqual([ORDER_1.id, ORDER_2.id, '33333333-3333-4333-8333-333333333333'].sort());
  });
});
