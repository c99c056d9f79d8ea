// Routed search orders through the real handlers and the real SDK against the emulator: the
// numbers a search order holds are routed once held and kept in step with quantity and target;
// the surplus is unrouted before it is released; each update's rollback (the old properties sent
// as an Update) puts the routing back; Delete and Custom::ChimePhoneNumberRouting take away only
// what the order made, finding its numbers by their mark.
import { AssociatePhoneNumbersWithVoiceConnectorCommand, CreateSipRuleCommand, DeleteSipMediaApplicationCommand, DeleteVoiceConnectorCommand } from '@aws-sdk/client-chime-sdk-voice';
import { identityOf } from '../../lambda/ownership';
import { ruleName } from '../../lambda/routing/plan';
import { associationsOf, createSipMediaApplication, createVoiceConnector, sipRulesOf, smaRouting, useVoiceClient, vcRouting } from '../support/chime-routing';
import { type Answer, STACK_ID, eventFor, searchProps, sendEvent, statusOf, useEmulator } from '../support/provider-harness';
import { isComplete, onEvent } from '../../lambda';

const emulator = useEmulator();
const voice = useVoiceClient(emulator);
const AREA = { AreaCode: '206' };
const held = () => emulator.phoneNumbers().filter(n => ['Unassigned', 'Assigned'].includes(n.Status)).map(n => n.E164PhoneNumber).sort();
const associations = (n: string) => associationsOf(emulator, n);
const rules = () => sipRulesOf(emulator);
const ops = () => emulator.stats().byOperation;
const numbersOf = (answer: Answer) => answer.data.PhoneNumbers as string[];

const vcSearch = (quantity: number, vc: string, extra: Record<string, unknown> = {}) => searchProps(AREA, quantity, { ...vcRouting(vc), ...extra });
const smaSearch = (quantity: number, app: string, extra: Record<string, unknown> = {}) =>
  searchProps(AREA, quantity, { ProductType: 'SipMediaApplicationDialIn', ...smaRouting(app), ...extra });

async function created(props: Record<string, unknown>, logicalId?: string): Promise<Answer> {
  const answer = await sendEvent({ requestType: 'Create', props, logicalId });
  expect({ status: answer.status, reason: answer.reason }).toEqual({ status: 'SUCCESS', reason: undefined });
  return answer;
}

async function updated(physicalId: string | undefined, from: Record<string, unknown>, to: Record<string, unknown>): Promise<Answer> {
  const answer = await sendEvent({ requestType: 'Update', physicalId, props: to, oldProps: from });
  expect({ status: answer.status, reason: answer.reason }).toEqual({ status: 'SUCCESS', reason: undefined });
  return answer;
}

/** Every number the answer lists routed by exactly its own rule to the application, in the order of SipRuleIds. */
function expectRuled(answer: Answer, app: string): void {
  const ids = answer.data.SipRuleIds as string[];
  expect(ids).toHaveLength(numbersOf(answer).length);
  numbersOf(answer).forEach((n, i) => {
    expect([n, associations(n)]).toEqual([n, [`SipRuleId ${ids[i]}`]]);
    expect(rules().find(r => r.SipRuleId === ids[i])).toMatchObject({ TriggerValue: n, Disabled: false, TargetApplications: [{ SipMediaApplicationId: app }] });
  });
}

test('Create routes the numbers it found to the Voice Connector once held; the attributes name it', async () => {
  const vc = await createVoiceConnector(voice());
  const answer = await created(vcSearch(3, vc));
  expect(numbersOf(answer)).toEqual(held());
  for (const n of held()) expect([n, associations(n), statusOf(emulator, n)]).toEqual([n, [`VoiceConnectorId ${vc}`], 'Assigned']);
  expect([answer.data.RoutingTargetType, answer.data.RoutingTargetId, answer.data.SipRuleIds]).toEqual(['VoiceConnector', vc, []]);
  expect(ops().AssociatePhoneNumbersWithVoiceConnector).toBe(1);
});

test('Create to a SIP media application: one rule per number, named with the order\'s mark for that number', async () => {
  const app = await createSipMediaApplication(voice());
  const answer = await created(smaSearch(2, app));
  expectRuled(answer, app);
  const identity = identityOf(STACK_ID, 'Numbers', 'any request');
  expect(rules().map(r => r.Name).sort()).toEqual(numbersOf(answer).map(n => ruleName(identity, n)).sort());
});

test('numbers taken between the search and the order: the waiter orders again, then routes all it holds', async () => {
  const app = await createSipMediaApplication(voice());
  emulator.takeAfterSearch({ share: 0.5 });
  const answer = await created(smaSearch(4, app));
  expect(emulator.orders().filter(o => !o.Unrelated)).toHaveLength(2);
  expect(numbersOf(answer)).toEqual(held());
  expectRuled(answer, app);
  expect(rules()).toHaveLength(4);
});

test('quantity up: only the new numbers are routed once acquired; its rollback unroutes them before releasing them', async () => {
  const vc = await createVoiceConnector(voice());
  const first = await created(vcSearch(2, vc));
  const up = await updated(first.physicalId, vcSearch(2, vc), vcSearch(4, vc));
  const added = numbersOf(up).filter(n => !numbersOf(first).includes(n));
  expect(added).toHaveLength(2);
  for (const n of numbersOf(up)) expect([n, associations(n)]).toEqual([n, [`VoiceConnectorId ${vc}`]]);
  expect(ops().AssociatePhoneNumbersWithVoiceConnector).toBe(2);

  const back = await updated(first.physicalId, vcSearch(4, vc), vcSearch(2, vc));
  expect(numbersOf(back)).toEqual(numbersOf(first));
  for (const n of added) expect([n, statusOf(emulator, n), associations(n)]).toEqual([n, 'DeleteInProgress', []]);
  for (const n of numbersOf(first)) expect([n, associations(n)]).toEqual([n, [`VoiceConnectorId ${vc}`]]);
});

test('quantity down: the newest number\'s SIP rule is deleted, then the number released; its rollback restores it with a new rule', async () => {
  const app = await createSipMediaApplication(voice());
  const first = await created(smaSearch(3, app));
  const down = await updated(first.physicalId, smaSearch(3, app), smaSearch(2, app));
  const [gone] = numbersOf(first).filter(n => !numbersOf(down).includes(n));
  const oldRule = (first.data.SipRuleIds as string[])[numbersOf(first).indexOf(gone)];
  expect([statusOf(emulator, gone), associations(gone), rules().some(r => r.SipRuleId === oldRule)]).toEqual(['DeleteInProgress', [], false]);
  expectRuled(down, app);
  expect(rules()).toHaveLength(2);

  const back = await updated(first.physicalId, smaSearch(2, app), smaSearch(3, app));
  expect(numbersOf(back)).toEqual(numbersOf(first));
  expectRuled(back, app);
  expect((back.data.SipRuleIds as string[])[numbersOf(back).indexOf(gone)]).not.toBe(oldRule);
  expect([ops().RestorePhoneNumber, ops().CreatePhoneNumberOrder]).toEqual([1, 1]);
});

test('quantity down skips a number someone else routed (reported, kept) for the next newest', async () => {
  const [vc, theirs] = [await createVoiceConnector(voice()), await createVoiceConnector(voice(), 'theirs')];
  const first = await created(vcSearch(3, vc));
  const [taken, ...rest] = numbersOf(first);
  await voice().send(new AssociatePhoneNumbersWithVoiceConnectorCommand({ VoiceConnectorId: theirs, E164PhoneNumbers: [taken], ForceAssociate: true }));
  const down = await updated(first.physicalId, vcSearch(3, vc), vcSearch(1, vc));
  expect(numbersOf(down)).toEqual([taken]);
  expect([associations(taken), statusOf(emulator, taken)]).toEqual([[`VoiceConnectorId ${theirs}`], 'Assigned']);
  for (const n of rest) expect([n, statusOf(emulator, n), associations(n)]).toEqual([n, 'DeleteInProgress', []]);
});

test('criteria changed: routing is left as it is, nothing routed again', async () => {
  const vc = await createVoiceConnector(voice());
  const first = await created(vcSearch(2, vc));
  const before = { ...ops() };
  const changed = await updated(first.physicalId, vcSearch(2, vc), searchProps({ AreaCode: '212' }, 2, vcRouting(vc)));
  expect(numbersOf(changed)).toEqual(numbersOf(first));
  const routingCalls = (o: Record<string, number>) => Object.entries(o).filter(([k]) => /Associate|SipRule/.test(k)).map(([k, v]) => `${k} ${v}`);
  expect(routingCalls(ops())).toEqual(routingCalls(before));
});

test('target changed: the numbers move to the new Voice Connector in one call; its rollback moves them back', async () => {
  const [vc1, vc2] = [await createVoiceConnector(voice(), 'one'), await createVoiceConnector(voice(), 'two')];
  const first = await created(vcSearch(2, vc1));
  const moved = await updated(first.physicalId, vcSearch(2, vc1), vcSearch(2, vc2));
  for (const n of held()) expect([n, associations(n)]).toEqual([n, [`VoiceConnectorId ${vc2}`]]);
  expect(moved.data.RoutingTargetId).toBe(vc2);
  const back = await updated(first.physicalId, vcSearch(2, vc2), vcSearch(2, vc1));
  for (const n of held()) expect([n, associations(n)]).toEqual([n, [`VoiceConnectorId ${vc1}`]]);
  expect(back.data.RoutingTargetId).toBe(vc1);
  await voice().send(new DeleteVoiceConnectorCommand({ VoiceConnectorId: vc2 }));
});

test('target removed: the routing it made is taken away, the numbers kept', async () => {
  const app = await createSipMediaApplication(voice());
  const first = await created(smaSearch(2, app));
  const plain = await updated(first.physicalId, smaSearch(2, app), searchProps(AREA, 2, { ProductType: 'SipMediaApplicationDialIn' }));
  expect(numbersOf(plain)).toEqual(numbersOf(first));
  expect([rules(), plain.data.RoutingTargetType]).toEqual([[], undefined]);
  for (const n of held()) expect([n, associations(n), statusOf(emulator, n)]).toEqual([n, [], 'Unassigned']);
});

test('a Create whose routing Chime refuses takes away the routing it made, releases what it acquired, then fails', async () => {
  const app = await createSipMediaApplication(voice());
  const event = eventFor({ requestType: 'Create', props: smaSearch(2, app) });
  const first = await onEvent(event);
  const [ruled] = held();
  expect(held()).toHaveLength(2);
  // As if an earlier attempt had routed one number: its rule carries the order's mark.
  await voice().send(new CreateSipRuleCommand({
    Name: ruleName(identityOf(STACK_ID, 'Numbers', event.RequestId), ruled), TriggerType: 'ToPhoneNumber', TriggerValue: ruled,
    TargetApplications: [{ SipMediaApplicationId: app, Priority: 1, AwsRegion: 'us-east-1' }],
  }));
  emulator.injectOnce({ operation: 'CreateSipRule', kind: 'access-denied' });
  await expect(isComplete({ ...event, ...first })).rejects.toThrow(/^CreateSipRule for \*\*\*\d{4} failed: AccessDenied/);
  expect([held(), rules()]).toEqual([[], []]);
  await voice().send(new DeleteSipMediaApplicationCommand({ SipMediaApplicationId: app }));
});

test('Delete unroutes every number carrying the mark, then releases them; the target is free to go', async () => {
  const [vc, app] = [await createVoiceConnector(voice()), await createSipMediaApplication(voice())];
  const connected = await created(vcSearch(2, vc));
  const ruled = await created(smaSearch(2, app), 'Sip');
  expect((await sendEvent({ requestType: 'Delete', physicalId: connected.physicalId, props: vcSearch(2, vc) })).status).toBe('SUCCESS');
  expect((await sendEvent({ requestType: 'Delete', physicalId: ruled.physicalId, props: smaSearch(2, app), logicalId: 'Sip' })).status).toBe('SUCCESS');
  expect([held(), rules()]).toEqual([[], []]);
  for (const n of [...numbersOf(connected), ...numbersOf(ruled)]) expect([n, statusOf(emulator, n), associations(n)]).toEqual([n, 'DeleteInProgress', []]);
  await voice().send(new DeleteVoiceConnectorCommand({ VoiceConnectorId: vc }));
  await voice().send(new DeleteSipMediaApplicationCommand({ SipMediaApplicationId: app }));
});

describe('Custom::ChimePhoneNumberRouting of a search order', () => {
  const guardDelete = (orderLogicalId: string, props: Record<string, unknown>) => ({
    ...eventFor({ requestType: 'Delete', props: { OrderLogicalId: orderLogicalId, ...props }, physicalId: 'x', logicalId: `${orderLogicalId}Routing` }),
    ResourceType: 'Custom::ChimePhoneNumberRouting',
  });

  test('Delete finds the order\'s numbers by their mark and takes away only the routing the order made; the numbers are kept', async () => {
    const [vc, theirs] = [await createVoiceConnector(voice()), await createVoiceConnector(voice(), 'theirs')];
    const app = await createSipMediaApplication(voice());
    const mine = await created(vcSearch(3, vc));
    const other = await created(vcSearch(2, vc), 'Other');
    const ruled = await created(smaSearch(1, app), 'Sip');
    const [drifted, ...routed] = numbersOf(mine);
    await voice().send(new AssociatePhoneNumbersWithVoiceConnectorCommand({ VoiceConnectorId: theirs, E164PhoneNumbers: [drifted], ForceAssociate: true }));

    const first = await onEvent(guardDelete('Numbers', vcSearch(3, vc)));
    expect(first.Data).toBeUndefined();
    for (const n of routed) expect([n, associations(n), statusOf(emulator, n)]).toEqual([n, [], 'Unassigned']);
    // What the order did not make stays: a number someone moved elsewhere, another order's numbers.
    expect(associations(drifted)).toEqual([`VoiceConnectorId ${theirs}`]);
    for (const n of numbersOf(other)) expect([n, associations(n)]).toEqual([n, [`VoiceConnectorId ${vc}`]]);

    await onEvent(guardDelete('Sip', smaSearch(1, app)));
    expect([rules(), associations(numbersOf(ruled)[0]), statusOf(emulator, numbersOf(ruled)[0])]).toEqual([[], [], 'Unassigned']);
    await voice().send(new DeleteSipMediaApplicationCommand({ SipMediaApplicationId: app }));
  });
});
