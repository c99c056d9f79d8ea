// Routed search orders as tables over their pure planners: the numbers a search order holds are
// routed once held and kept in step (quantity up and down, target changed or removed, drift), the
// surplus unrouted before it is released, a failed Create unrouted before it is undone, a product
// type change unrouted first. Ownership as for lists: SIP rules by their mark, Voice Connector
// associations by a target the properties name.
import type { PhoneOrder } from '../../lambda/chime-port';
import type { NumberFacts } from '../../lambda/observe';
import type { ActStep } from '../../lambda/plan-act';
import { type SearchSettlement, planSearchAct, planSearchSettle, searchOrdersToRead } from '../../lambda/plan-search';
import type { SettleStep } from '../../lambda/plan-settle';
import { viewOf } from '../../lambda/routing/context';
import { type RoutingStep, ruleName } from '../../lambda/routing/plan';
import type { SipRule } from '../../lambda/routing/port';
import type { RoutingTarget } from '../../lambda/routing/target';
import type { PreviousSpec } from '../../lambda/spec';
import { OTHER, SELF, facts, snapshot } from './support';

const [A, B, C, D] = ['+12065550100', '+12065550101', '+12065550102', '+12065550103'];
const VC1: RoutingTarget = { type: 'VoiceConnector', id: 'vc1', takeOver: false };
const VC2: RoutingTarget = { type: 'VoiceConnector', id: 'vc2', takeOver: false };
const SMA1: RoutingTarget = { type: 'SipMediaApplication', id: 'sma1', priority: 1, region: 'us-east-1', takeOver: false };
const sipTargets = (t: RoutingTarget) => [{ sipMediaApplicationId: t.id, priority: t.priority!, awsRegion: t.region! }];

const RULES: SipRule[] = [
  { id: 'r-a', name: ruleName(SELF, A), disabled: false, triggerValue: A, targets: sipTargets(SMA1) },
  { id: 'r-c', name: ruleName(SELF, C), disabled: false, triggerValue: C, targets: sipTargets(SMA1) },
  { id: 'r-hand', name: 'front desk', disabled: false, triggerValue: B, targets: sipTargets(SMA1) },
  { id: 'r-other', name: ruleName(OTHER, D), disabled: false, triggerValue: D, targets: sipTargets(SMA1) },
];

type Assoc = [name: 'VoiceConnectorId' | 'SipRuleId' | 'UserId', value: string];
interface Holding {
  number: string;
  status?: string;
  /** Earlier requests of this resource ordered it, unless said otherwise. */
  owner?: 'self' | 'self-earlier';
  createdAt?: number;
  routes?: Assoc[];
  productType?: string;
  orderId?: string;
}
const ORDER: PhoneOrder = { id: '11111111-1111-4111-8111-111111111111', status: 'Successful', productType: 'VoiceConnector', numbers: [] };
const toFacts = (x: Holding): NumberFacts => facts(x.number, x.status ?? (x.routes?.length ? 'Assigned' : 'Unassigned'), x.owner ?? 'self-earlier', {
  createdAt: x.createdAt ?? 0, orderId: x.orderId ?? ORDER.id, associations: (x.routes ?? []).map(([name, value]) => ({ name, value })),
  ...(x.productType ? { productType: x.productType } : {}),
});
const routedSnapshot = (holds: Holding[]) => {
  const s = { ...snapshot(holds.map(toFacts)), rules: new Map(RULES.map(r => [r.id, r])) };
  (s.orders as Map<string, PhoneOrder>).set(ORDER.id, ORDER);
  return s;
};

const spec = (quantity: number, target?: RoutingTarget, more: Record<string, unknown> = {}) => ({
  productType: target?.type === 'SipMediaApplication' ? 'SipMediaApplicationDialIn' : 'VoiceConnector', numbers: [], api: 'chime-sdk-voice',
  allowPartial: false, adopt: false, search: { criteria: { AreaCode: '206' }, quantity }, ...(target ? { target } : {}), ...more,
});
const prior = (target?: RoutingTarget): PreviousSpec => ({ numbers: [], api: 'chime-sdk-voice', search: true, ...(target ? { target } : {}) });

const shortRoute = (s: RoutingStep) => {
  switch (s.kind) {
    case 'associate': return `associate ${s.id} ${s.numbers.join(',')}${s.force ? ' force' : ''}`;
    case 'disassociate': return `disassociate ${s.id} ${s.numbers.join(',')}`;
    case 'create-rule': return `create-rule ${s.number}`;
    case 'update-rule': return `${s.why} ${s.ruleId}`;
    case 'delete-rule': return `delete ${s.ruleId}`;
  }
};
const shortSettle = (s: SettleStep) => (s.kind === 'release' ? `release ${s.numbers.join(',')}` : s.kind === 'route' ? `route: ${s.steps.map(shortRoute).join('; ')}` : `let-go ${s.number}`);
const shortAct = (s: ActStep) => (s.kind === 'route' ? `route: ${s.steps.map(shortRoute).join('; ')}` : s.kind === 'move' ? `move ${s.number}` : s.kind);

interface SettleRow {
  row: string;
  type?: 'Create' | 'Update';
  quantity: number;
  target?: RoutingTarget;
  previous?: RoutingTarget;
  holds: Holding[];
  found?: string[];
  failure?: string;
  more?: Record<string, unknown>;
  expect: SearchSettlement['kind'];
  steps?: string[];
  kept?: string[];
  reason?: RegExp;
  warnings?: RegExp[];
  ruleIds?: [string, string][];
}

const settleRows: SettleRow[] = [
  { row: 'Create: the quantity held → every number associated with the Voice Connector, in one call', quantity: 2, target: VC1,
    holds: [{ number: A, owner: 'self' }, { number: B, owner: 'self' }], expect: 'complete', steps: [`route: associate vc1 ${A},${B}`], kept: [A, B] },
  { row: 'Create: SIP media application → one marked rule per number; a rule it already made is kept and known', quantity: 2, target: SMA1,
    holds: [{ number: A, owner: 'self', routes: [['SipRuleId', 'r-a']] }, { number: B, owner: 'self' }],
    expect: 'complete', steps: [`route: create-rule ${B}`], kept: [A, B], ruleIds: [[A, 'r-a']] },
  { row: 'numbers still being acquired → wait: nothing routed yet', quantity: 2, target: VC1, holds: [{ number: A }, { number: B, status: 'AcquireInProgress', owner: 'self' }], expect: 'wait' },
  { row: 'quantity up, the new numbers acquired → only they are associated', type: 'Update', quantity: 3, target: VC1, previous: VC1,
    holds: [{ number: A, routes: [['VoiceConnectorId', 'vc1']] }, { number: B, routes: [['VoiceConnectorId', 'vc1']] }, { number: C, owner: 'self', createdAt: 5 }],
    expect: 'complete', steps: [`route: associate vc1 ${C}`], kept: [A, B, C] },
  { row: 'quantity down → the newest unrouted (disassociated), then released; the kept ones stay as they are', type: 'Update', quantity: 1, target: VC1, previous: VC1,
    holds: [{ number: A, createdAt: 1, routes: [['VoiceConnectorId', 'vc1']] }, { number: B, createdAt: 2, routes: [['VoiceConnectorId', 'vc1']] }],
    expect: 'complete', steps: [`route: disassociate vc1 ${B}`, `release ${B}`], kept: [A] },
  { row: 'quantity down, SIP media application → the surplus rule deleted, then the number released', type: 'Update', quantity: 1, target: SMA1, previous: SMA1,
    holds: [{ number: A, createdAt: 1, routes: [['SipRuleId', 'r-a']] }, { number: C, createdAt: 2, routes: [['SipRuleId', 'r-c']] }],
    expect: 'complete', steps: ['route: delete r-c', `release ${C}`], kept: [A], ruleIds: [[A, 'r-a']] },
  { row: 'quantity down: the newest is routed by someone else → kept (reported), the next newest goes', type: 'Update', quantity: 2, target: VC1, previous: VC1,
    holds: [{ number: A, createdAt: 1, routes: [['VoiceConnectorId', 'vc1']] }, { number: B, createdAt: 2, routes: [['VoiceConnectorId', 'vc1']] }, { number: C, createdAt: 3, routes: [['VoiceConnectorId', 'vc9']] }],
    expect: 'complete', steps: [`route: disassociate vc1 ${B}`, `release ${B}`], kept: [A, C], warnings: [/^left as it is: \*\*\*0102 is associated with Voice Connector vc9/] },
  { row: 'quantity down with too few numbers free of foreign routing → fail naming it, nothing done', type: 'Update', quantity: 1, target: SMA1, previous: SMA1,
    holds: [{ number: B, routes: [['SipRuleId', 'r-hand']] }, { number: D, routes: [['SipRuleId', 'r-other']] }],
    expect: 'fail', steps: [], reason: /^Lowering quantity to 1 would release numbers in use\. Cannot release \*\*\*0101 \(routed by SIP rule r-hand \("front desk"\)\); \*\*\*0103 \(routed by SIP rule r-other/ },
  { row: 'target changed → the numbers move (ForceAssociate of its own association)', type: 'Update', quantity: 2, target: VC2, previous: VC1,
    holds: [{ number: A, routes: [['VoiceConnectorId', 'vc1']] }, { number: B, routes: [['VoiceConnectorId', 'vc1']] }],
    expect: 'complete', steps: [`route: associate vc2 ${A},${B} force`], kept: [A, B] },
  { row: 'target removed → its routing taken away, the numbers kept', type: 'Update', quantity: 2, previous: VC1,
    holds: [{ number: A, routes: [['VoiceConnectorId', 'vc1']] }, { number: B, routes: [['VoiceConnectorId', 'vc1']] }],
    expect: 'complete', steps: [`route: disassociate vc1 ${A},${B}`], kept: [A, B] },
  { row: 'target removed and quantity down: the surplus unrouted and released, the rest unrouted and kept', type: 'Update', quantity: 1, previous: VC1,
    holds: [{ number: A, createdAt: 1, routes: [['VoiceConnectorId', 'vc1']] }, { number: B, createdAt: 2, routes: [['VoiceConnectorId', 'vc1']] }],
    expect: 'complete', steps: [`route: disassociate vc1 ${B}`, `release ${B}`, `route: disassociate vc1 ${A}`], kept: [A] },
  { row: 'criteria changed → nothing to route: the numbers held are where they should be', type: 'Update', quantity: 2, target: VC1, previous: VC1, more: { search: { criteria: { AreaCode: '212' }, quantity: 2 } },
    holds: [{ number: A, routes: [['VoiceConnectorId', 'vc1']] }, { number: B, routes: [['VoiceConnectorId', 'vc1']] }], expect: 'complete', steps: [], kept: [A, B] },
  { row: 'a number it holds that someone routed elsewhere since → left alone and reported, never a failure', type: 'Update', quantity: 2, target: SMA1, previous: SMA1,
    holds: [{ number: A, routes: [['SipRuleId', 'r-a']] }, { number: B, routes: [['SipRuleId', 'r-hand']] }],
    expect: 'complete', steps: [], kept: [A, B], ruleIds: [[A, 'r-a']], warnings: [/^left as it is: \*\*\*0101 is routed by SIP rule r-hand/] },
  { row: 'a rollback of quantity down restored a number → it is routed again (a new SIP rule)', type: 'Update', quantity: 2, target: SMA1, previous: SMA1,
    holds: [{ number: A, routes: [['SipRuleId', 'r-a']] }, { number: C }], expect: 'complete', steps: [`route: create-rule ${C}`], kept: [A, C], ruleIds: [[A, 'r-a']] },
  { row: 'Create failing (a failure onEvent deferred) → its routing taken away, then the numbers released', quantity: 2, target: SMA1, failure: 'CreateSipRule failed: boom',
    holds: [{ number: A, owner: 'self', routes: [['SipRuleId', 'r-a']] }, { number: C, owner: 'self' }],
    expect: 'fail', steps: ['route: delete r-a', `release ${A},${C}`], reason: /^CreateSipRule failed: boom$/ },
  { row: 'Create short with allowPartial → what it holds is kept and routed', quantity: 3, target: VC1, more: { allowPartial: true }, found: [],
    holds: [{ number: A, owner: 'self' }], expect: 'complete', steps: [`route: associate vc1 ${A}`], kept: [A] },
  { row: 'Update short → fail without undoing: the rollback lowers the quantity, which unroutes what it releases', type: 'Update', quantity: 3, target: VC1, previous: VC1, found: [],
    holds: [{ number: A, routes: [['VoiceConnectorId', 'vc1']] }], expect: 'fail', steps: [], reason: /The rollback releases what this update acquired/ },
];

describe('isComplete plan of a routed search order', () => {
  test.each(settleRows.map(r => [r.row, r] as const))('%s', (_row, r) => {
    const s = planSearchSettle({
      requestType: r.type ?? 'Create', spec: spec(r.quantity, r.target, r.more), previous: r.type === 'Update' ? prior(r.previous) : undefined,
      identity: SELF, snapshot: routedSnapshot(r.holds), found: r.found, deferredFailure: r.failure, outOfTime: false,
    });
    expect(s.kind).toBe(r.expect);
    if (s.kind === 'fail' && r.reason) expect(s.reason).toMatch(r.reason);
    if (s.kind === 'fail' || s.kind === 'complete') expect(s.steps.map(shortSettle)).toEqual(r.steps);
    if (s.kind !== 'complete') return;
    expect(s.attributes.PhoneNumbers).toEqual(r.kept);
    expect(s.routed).toEqual(r.target ? { target: r.target, ruleIds: new Map(r.ruleIds ?? []) } : undefined);
    expect(s.warnings ?? []).toEqual((r.warnings ?? []).map(w => expect.stringMatching(w)));
  });

  test('the orders read follow the same surplus: routing the resource made does not keep a number', () => {
    const holds: Holding[] = [
      { number: A, createdAt: 1, orderId: '22222222-2222-4222-8222-222222222222' },
      { number: B, createdAt: 2, orderId: '33333333-3333-4333-8333-333333333333', routes: [['VoiceConnectorId', 'vc1']] },
    ];
    const snap = routedSnapshot(holds);
    // Routed by this resource, B (the newest) is the surplus: A is kept, and its order names OrderId.
    expect(searchOrdersToRead(snap, SELF, 1, viewOf(snap, SELF, [VC1]))).toEqual(['22222222-2222-4222-8222-222222222222']);
    // Not routing (no view), B's association is in use: B is kept.
    expect(searchOrdersToRead(snapshot(holds.map(toFacts)), SELF, 1)).toEqual(['33333333-3333-4333-8333-333333333333']);
  });
});

interface ActRow {
  row: string;
  type?: 'Create' | 'Update';
  target?: RoutingTarget;
  previous?: RoutingTarget;
  more?: Record<string, unknown>;
  holds: Holding[];
  found?: string[];
  targetExists?: boolean;
  steps?: string[];
  refused?: RegExp;
}

const actRows: ActRow[] = [
  { row: 'Create with a target that does not exist → refused before anything', target: VC1, targetExists: false, holds: [], found: [A],
    refused: /^Voice Connector vc1 was not found in us-east-1: check the ID/ },
  { row: 'Create with a target that exists → the order only (routing waits until the numbers are held)', target: VC1, targetExists: true, holds: [], found: [A], steps: ['order'] },
  { row: 'product type and target changed → its own routing taken away first, then the numbers moved', type: 'Update', target: SMA1, previous: VC1,
    more: { productType: 'SipMediaApplicationDialIn' }, holds: [{ number: A, routes: [['VoiceConnectorId', 'vc1']] }, { number: B }],
    steps: [`route: disassociate vc1 ${A}`, `move ${A}`, `move ${B}`] },
  { row: 'product type changed while someone else routes a number → refused, naming the routing', type: 'Update', previous: SMA1,
    holds: [{ number: A, productType: 'SipMediaApplicationDialIn', routes: [['SipRuleId', 'r-a']] }, { number: B, productType: 'SipMediaApplicationDialIn', routes: [['SipRuleId', 'r-hand']] }],
    refused: /^\*\*\*0101 is routed by SIP rule r-hand \("front desk"\), which this resource did not make, and Chime changes no product type while a number is routed/ },
];

describe('onEvent plan of a routed search order', () => {
  test.each(actRows.map(r => [r.row, r] as const))('%s', (_row, r) => {
    const plan = planSearchAct({
      requestType: r.type ?? 'Create', spec: spec(r.type === 'Update' ? 2 : 1, r.target, r.more), previous: r.type === 'Update' ? prior(r.previous) : undefined,
      identity: SELF, snapshot: routedSnapshot(r.holds), found: r.found, targetExists: r.targetExists, region: 'us-east-1',
    });
    if (r.refused) {
      expect(plan.refusals.join('; ')).toMatch(r.refused);
      expect(plan.steps).toEqual([]);
      return;
    }
    expect(plan.refusals).toEqual([]);
    expect(plan.steps.map(shortAct)).toEqual(r.steps);
  });
});
