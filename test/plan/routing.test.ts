// Routing plans as tables: (numbers, what routes them, target) -> steps | refusals, and how the
// order's plans (onEvent, isComplete, Delete) take routing into account. Ownership decides:
// SIP rules by the mark in their Name, Voice Connector associations by the number's owner plus a
// target the resource's properties name.
import type { NumberFacts } from '../../lambda/observe';
import { markOf, markWord, routeMark } from '../../lambda/ownership';
import { planAct } from '../../lambda/plan-act';
import { planDelete } from '../../lambda/plan-delete';
import { planSettle } from '../../lambda/plan-settle';
import { type RoutingStep, type RoutingView, planRoute, planUnroute, routingAttributes, ruleName } from '../../lambda/routing/plan';
import type { SipRule } from '../../lambda/routing/port';
import type { RoutingTarget } from '../../lambda/routing/target';
import type { OrderSpec } from '../../lambda/spec';
import { OTHER, SELF, facts, snapshot } from './support';

const [A, B, C] = ['+12065550100', '+12065550101', '+12065550102'];
const VC1: RoutingTarget = { type: 'VoiceConnector', id: 'vc1', takeOver: false };
const VC2: RoutingTarget = { type: 'VoiceConnector', id: 'vc2', takeOver: false };
const GROUP: RoutingTarget = { type: 'VoiceConnectorGroup', id: 'g1', takeOver: false };
const SMA1: RoutingTarget = { type: 'SipMediaApplication', id: 'sma1', priority: 1, region: 'us-east-1', takeOver: false };
const SMA2: RoutingTarget = { type: 'SipMediaApplication', id: 'sma2', priority: 1, region: 'us-east-1', takeOver: false };
const target = (t: RoutingTarget) => [{ sipMediaApplicationId: t.id, priority: t.priority!, awsRegion: t.region! }];

/** SIP rules: ours (named with our mark for the number), another resource's, or someone's without a mark. */
const RULES: SipRule[] = [
  { id: 'r-a', name: ruleName(SELF, A), disabled: false, triggerValue: A, targets: target(SMA1) },
  { id: 'r-b-disabled', name: ruleName(SELF, B), disabled: true, triggerValue: B, targets: target(SMA1) },
  { id: 'r-other', name: ruleName(OTHER, A), disabled: false, triggerValue: A, targets: target(SMA1) },
  { id: 'r-hand', name: 'front desk', disabled: false, triggerValue: B, targets: target(SMA2) },
  // Our mark for A, on a rule that triggers on B: not the rule we made for B.
  { id: 'r-copied', name: `x ${markWord(routeMark(SELF, A))}`, disabled: false, triggerValue: B, targets: target(SMA1) },
];
const rules = new Map(RULES.map(r => [r.id, r]));

type Assoc = 'VoiceConnectorId' | 'VoiceConnectorGroupId' | 'SipRuleId' | 'UserId';
const held = (n: string, ...assocs: [Assoc, string][]): NumberFacts =>
  facts(n, assocs.length ? 'Assigned' : 'Unassigned', 'self', { associations: assocs.map(([name, value]) => ({ name, value })) });
const view = (...known: RoutingTarget[]): RoutingView => ({ identity: SELF, rules, known });
const short = (s: RoutingStep) => {
  switch (s.kind) {
    case 'associate': return `associate ${s.id} ${s.numbers.join(',')}${s.force ? ' force' : ''}`;
    case 'disassociate': return `disassociate ${s.id} ${s.numbers.join(',')}`;
    case 'create-rule': return `create ${s.number} -> ${s.targets.map(t => t.sipMediaApplicationId)}`;
    case 'update-rule': return `${s.why} ${s.ruleId} -> ${s.targets.map(t => t.sipMediaApplicationId)}`;
    case 'delete-rule': return `delete ${s.ruleId}${s.enabled ? ' (disable first)' : ''}`;
  }
};

describe('planRoute', () => {
  const rows: { row: string; numbers: NumberFacts[]; target: RoutingTarget; known?: RoutingTarget[]; steps?: string[]; refused?: RegExp }[] = [
    { row: 'unrouted numbers → one association', numbers: [held(A), held(B)], target: VC1, steps: [`associate vc1 ${A},${B}`] },
    { row: 'already at the target → nothing', numbers: [held(A, ['VoiceConnectorId', 'vc1'])], target: VC1, steps: [] },
    { row: 'at the previous target (ours) → moved with ForceAssociate', numbers: [held(A, ['VoiceConnectorId', 'vc1']), held(B)], target: VC2, known: [VC2, VC1], steps: [`associate vc2 ${A} force`, `associate vc2 ${B}`] },
    { row: 'from a Voice Connector to a group', numbers: [held(A, ['VoiceConnectorId', 'vc1'])], target: GROUP, known: [GROUP, VC1], steps: [`associate g1 ${A} force`] },
    { row: 'a Voice Connector no property names → refused, naming it', numbers: [held(A, ['VoiceConnectorId', 'vc9'])], target: VC1, refused: /\*\*\*0100 is associated with Voice Connector vc9, which this resource did not make: .*set takeOver on the target to move the number \(ForceAssociate\)/ },
    { row: 'takeOver moves it anyway', numbers: [held(A, ['VoiceConnectorId', 'vc9'])], target: { ...VC1, takeOver: true }, steps: [`associate vc1 ${A} force`] },
    { row: 'a user association is never taken over', numbers: [held(A, ['UserId', 'u1'])], target: { ...VC1, takeOver: true }, refused: /associated with UserId u1, which routing cannot take over/ },
    { row: 'no rule → one created per number', numbers: [held(A), held(C)], target: SMA1, steps: [`create ${A} -> sma1`, `create ${C} -> sma1`] },
    { row: 'our rule at the target → nothing', numbers: [held(A, ['SipRuleId', 'r-a'])], target: SMA1, steps: [] },
    { row: 'our disabled rule → enabled', numbers: [held(B, ['SipRuleId', 'r-b-disabled'])], target: SMA1, steps: ['enable r-b-disabled -> sma1'] },
    { row: 'our rule, new application → the rule is moved (keeps its ID)', numbers: [held(A, ['SipRuleId', 'r-a'])], target: SMA2, steps: ['move r-a -> sma2'] },
    { row: "another resource's rule → refused", numbers: [held(A, ['SipRuleId', 'r-other'])], target: SMA1, refused: /\*\*\*0100 is routed by SIP rule r-other .*set takeOver on the target to take the SIP rule over/ },
    { row: 'a rule made by hand → refused', numbers: [held(B, ['SipRuleId', 'r-hand'])], target: SMA1, refused: /routed by SIP rule r-hand \("front desk"\)/ },
    { row: 'our mark for another number does not make a rule ours', numbers: [held(B, ['SipRuleId', 'r-copied'])], target: SMA1, refused: /routed by SIP rule r-copied/ },
    { row: 'takeOver takes the rule over (renamed with our mark, retargeted)', numbers: [held(B, ['SipRuleId', 'r-hand'])], target: { ...SMA1, takeOver: true }, steps: ['take-over r-hand -> sma1'] },
    { row: 'an association whose rule is gone routes nothing', numbers: [held(C, ['SipRuleId', 'r-gone'])], target: SMA1, steps: [`create ${C} -> sma1`] },
  ];
  test.each(rows)('$row', ({ numbers, target: t, known, steps, refused }) => {
    const plan = planRoute(numbers, t, view(...(known ?? [t])));
    const reasons = plan.blocked.map(b => b.reason).join('; ');
    if (refused) {
      expect(reasons).toMatch(refused);
      expect(reasons).not.toMatch(/\+1206/);
    } else {
      expect(plan.blocked).toEqual([]);
      expect(plan.steps.map(short)).toEqual(steps);
    }
  });

  test('a created rule is named with the mark of its number; existing rules are known before the steps run', () => {
    const plan = planRoute([held(A, ['SipRuleId', 'r-a']), held(C)], SMA1, view(SMA1));
    expect(plan.steps).toEqual([{ kind: 'create-rule', number: C, name: `PhoneNumberOrder ${markWord(routeMark(SELF, C))}`, targets: target(SMA1) }]);
    expect([...plan.ruleIds]).toEqual([[A, 'r-a']]);
    expect(routingAttributes(SMA1, [C, A], new Map([...plan.ruleIds, [C, 'r-new']]))).toEqual({ RoutingTargetType: 'SipMediaApplication', RoutingTargetId: 'sma1', SipRuleIds: ['r-a', 'r-new'] });
    expect(routingAttributes(VC1, [A], new Map())).toEqual({ RoutingTargetType: 'VoiceConnector', RoutingTargetId: 'vc1', SipRuleIds: [] });
    expect(routingAttributes(undefined, [A], new Map())).toEqual({});
  });
});

describe('planUnroute', () => {
  test('takes away only what it made: our rules (disabled first when enabled), associations with a known target', () => {
    const plan = planUnroute([
      held(A, ['SipRuleId', 'r-a']), held(B, ['SipRuleId', 'r-b-disabled']), held(C, ['VoiceConnectorId', 'vc1']),
    ], view(VC1));
    expect(plan.steps.map(short)).toEqual(['delete r-a (disable first)', 'delete r-b-disabled', `disassociate vc1 ${C}`]);
    expect(plan.foreign).toEqual([]);
  });
  test('what someone else routes stays, and is named', () => {
    const plan = planUnroute([held(A, ['VoiceConnectorId', 'vc9']), held(B, ['SipRuleId', 'r-hand'])], view(VC1, SMA1));
    expect(plan.steps).toEqual([]);
    expect(plan.foreign.map(f => [f.number, f.routes.map(r => r.id)])).toEqual([[A, ['vc9']], [B, ['r-hand']]]);
  });
  test('a target the properties named before this event still proves the association', () => {
    expect(planUnroute([held(A, ['VoiceConnectorGroupId', 'g1'])], view(VC1, GROUP)).steps.map(short)).toEqual([`disassociate g1 ${A}`]);
  });
});

const spec = (numbers: string[], t?: RoutingTarget, extra: Partial<OrderSpec> = {}): OrderSpec => ({
  productType: t?.type === 'SipMediaApplication' ? 'SipMediaApplicationDialIn' : 'VoiceConnector', numbers, api: 'chime-sdk-voice', allowPartial: false, adopt: false,
  ...(t ? { target: t } : {}), ...extra,
});
const routed = (list: NumberFacts[]) => ({ ...snapshot(list), rules });

describe("the order's plans with routing", () => {
  test('onEvent refuses, before anything, a number it would adopt that someone else routes, and a target that does not exist', () => {
    const plan = planAct({ requestType: 'Update', spec: spec([A, B], VC1, { adopt: true }), previous: { numbers: [B], api: 'chime-sdk-voice' }, identity: SELF,
      snapshot: routed([facts(A, 'Assigned', 'none', { associations: [{ name: 'VoiceConnectorId', value: 'vc9' }] }), held(B)]), targetExists: false, region: 'us-east-1' });
    expect(plan.steps).toEqual([]);
    expect(plan.refusals).toEqual([
      'Voice Connector vc1 was not found in us-east-1: check the ID, and that the target is in the stack\'s AWS Region',
      expect.stringMatching(/^\*\*\*0100 is associated with Voice Connector vc9/),
    ]);
  });
  test('onEvent: a number adopted with a rule made by hand needs takeOver', () => {
    const adopt = spec([B], SMA1, { adopt: true });
    const refused = planAct({ requestType: 'Create', spec: adopt, identity: SELF, snapshot: routed([facts(B, 'Assigned', 'none', { productType: 'SipMediaApplicationDialIn', associations: [{ name: 'SipRuleId', value: 'r-hand' }] })]) });
    expect(refused.refusals).toEqual([expect.stringMatching(/routed by SIP rule r-hand/)]);
    const taken = planAct({ requestType: 'Create', spec: { ...adopt, target: { ...SMA1, takeOver: true } }, identity: SELF,
      snapshot: routed([facts(B, 'Assigned', 'none', { productType: 'SipMediaApplicationDialIn', associations: [{ name: 'SipRuleId', value: 'r-hand' }] })]) });
    expect(taken.refusals).toEqual([]);
  });
  test('onEvent: a product type change first takes away the routing this resource made', () => {
    const plan = planAct({ requestType: 'Update', spec: spec([A], SMA1), previous: { numbers: [A], api: 'chime-sdk-voice', target: VC1 }, identity: SELF,
      snapshot: routed([held(A, ['VoiceConnectorId', 'vc1'])]) });
    expect(plan.refusals).toEqual([]);
    expect(plan.steps.map(s => s.kind)).toEqual(['route', 'move']);
    expect(plan.steps[0]).toEqual({ kind: 'route', steps: [{ kind: 'disassociate', target: 'VoiceConnector', id: 'vc1', numbers: [A] }] });
  });
  test('isComplete: a removed number is unrouted before it is released; the kept ones are routed', () => {
    const s = planSettle({ requestType: 'Update', spec: spec([A, C], SMA1), previous: { numbers: [A, B], api: 'chime-sdk-voice', target: SMA1 }, identity: SELF,
      snapshot: routed([held(A, ['SipRuleId', 'r-a']), held(B, ['SipRuleId', 'r-b-disabled']), held(C)]), outOfTime: false });
    expect(s.kind).toBe('complete');
    const steps = s.kind === 'complete' ? s.steps : [];
    expect(steps.map(x => (x.kind === 'route' ? `route ${x.steps.map(short).join(' + ')}` : x.kind === 'release' ? `release ${x.numbers}` : x.kind)))
      .toEqual(['route delete r-b-disabled', `release ${B}`, `route create ${C} -> sma1`]);
    expect(s.kind === 'complete' && s.routed).toEqual({ target: SMA1, ruleIds: new Map([[A, 'r-a']]) });
  });
  test('isComplete: a removed number someone else routes is not released, and nothing is done', () => {
    const s = planSettle({ requestType: 'Update', spec: spec([A], VC1), previous: { numbers: [A, B], api: 'chime-sdk-voice', target: VC1 }, identity: SELF,
      snapshot: routed([held(A, ['VoiceConnectorId', 'vc1']), held(B, ['VoiceConnectorId', 'vc9'])]), outOfTime: false });
    expect(s).toEqual({ kind: 'fail', steps: [], reason: expect.stringMatching(/Cannot release \*\*\*0101 \(associated with Voice Connector vc9\): still routed by something this resource did not make/) });
  });
  test('isComplete: the target removed → the routing this resource made is taken away, what others made stays', () => {
    const s = planSettle({ requestType: 'Update', spec: spec([A, B]), previous: { numbers: [A, B], api: 'chime-sdk-voice', target: VC1 }, identity: SELF,
      snapshot: routed([held(A, ['VoiceConnectorId', 'vc1']), held(B, ['VoiceConnectorId', 'vc9'])]), outOfTime: false });
    expect(s.kind === 'complete' && s.steps).toEqual([{ kind: 'route', steps: [{ kind: 'disassociate', target: 'VoiceConnector', id: 'vc1', numbers: [A] }] }]);
  });
  test('isComplete: a number this request adopted that someone else routes fails the Create, which undoes it all: unroute, let go', () => {
    const adoptedNow = { ...held(B, ['SipRuleId', 'r-hand']), owner: { kind: 'self' as const, mark: markOf(SELF, 'adopted') } };
    const s = planSettle({ requestType: 'Create', spec: spec([A, B], SMA1, { adopt: true }), identity: SELF,
      snapshot: routed([held(A, ['SipRuleId', 'r-a']), adoptedNow]), outOfTime: false });
    expect(s.kind).toBe('fail');
    expect(s.kind === 'fail' && s.reason).toMatch(/acquired but cannot be routed: \*\*\*0101 is routed by SIP rule r-hand/);
    expect(s.kind === 'fail' && s.steps).toEqual([
      { kind: 'route', steps: [{ kind: 'delete-rule', number: A, ruleId: 'r-a', name: ruleName(SELF, A), enabled: true }] },
      { kind: 'name', number: B, name: expect.stringMatching(/^pno\.[0-9a-f]{16}\.u/), why: 'let-go' },
      { kind: 'release', numbers: [A] },
    ]);
  });
  test('isComplete: a number it held before that someone routed elsewhere since is left alone and reported, never a failure', () => {
    const s = planSettle({ requestType: 'Update', spec: spec([A, B], SMA1), previous: { numbers: [A, B], api: 'chime-sdk-voice', target: SMA1 }, identity: SELF,
      snapshot: routed([held(A, ['SipRuleId', 'r-a']), held(B, ['SipRuleId', 'r-hand'])]), outOfTime: false });
    expect(s.kind === 'complete' && [s.steps, s.warnings]).toEqual([[], [expect.stringMatching(/^left as it is: \*\*\*0101 is routed by SIP rule r-hand/)]]);
  });
  test('Delete: unroutes what it made, then releases; refuses when someone else routes a number', () => {
    const ok = planDelete([A, B], routed([held(A, ['SipRuleId', 'r-a']), held(B, ['VoiceConnectorId', 'vc1'])]), view(VC1));
    expect(ok.kind === 'release' && [ok.numbers, ok.unroute.map(short)]).toEqual([[A, B], ['delete r-a (disable first)', `disassociate vc1 ${B}`]]);
    const refused = planDelete([A], routed([held(A, ['VoiceConnectorId', 'vc9'])]), view(VC1));
    expect(refused).toEqual({ kind: 'refuse', reason: expect.stringMatching(/Cannot release \*\*\*0100 \(associated with Voice Connector vc9\)/) });
  });
});
