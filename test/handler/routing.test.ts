// Routing through the real handlers and the real SDK against the emulator: an order routes its
// numbers to its target and keeps them in step; Custom::ChimePhoneNumberRouting takes the routing
// away on delete; only routing the resource made is ever touched.
import {
  AssociatePhoneNumbersWithVoiceConnectorCommand, ChimeSDKVoiceClient, CreateSipMediaApplicationCommand, CreateSipRuleCommand,
  CreateVoiceConnectorCommand, CreateVoiceConnectorGroupCommand, DeleteSipMediaApplicationCommand, DeleteVoiceConnectorCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { DEFAULT_CREDENTIALS } from '../../emulator';
import { identityOf, markWord, routeMark } from '../../lambda/ownership';
import { STACK_ID, attributesOf, eventFor, sendEvent, statusOf, useEmulator, voiceProps } from '../support/provider-harness';
import { isComplete, onEvent } from '../../lambda';

const [A, B, C, D] = ['+12065550100', '+12065550101', '+12065550102', '+12065550103'];
const emulator = useEmulator();
let voice: ChimeSDKVoiceClient;
beforeAll(() => {
  voice = new ChimeSDKVoiceClient({ endpoint: emulator.url, region: 'us-east-1', credentials: DEFAULT_CREDENTIALS });
});
afterAll(() => voice.destroy());

const voiceConnector = async (name = 'vc') => (await voice.send(new CreateVoiceConnectorCommand({ Name: name, RequireEncryption: true }))).VoiceConnector!.VoiceConnectorId!;
const sma = async (name = 'app') => (await voice.send(new CreateSipMediaApplicationCommand({
  AwsRegion: 'us-east-1', Name: name, Endpoints: [{ LambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:handler' }],
}))).SipMediaApplication!.SipMediaApplicationId!;
const vcRouting = (id: string, extra: Record<string, unknown> = {}) => ({ Routing: { TargetType: 'VoiceConnector', TargetId: id, TakeOver: 'false', ...extra } });
const smaRouting = (id: string) => ({ Routing: { TargetType: 'SipMediaApplication', TargetId: id, Priority: '1', Region: 'us-east-1', TakeOver: 'false' } });
const sipProps = (numbers: string[], app: string) => ({ ...voiceProps(numbers, smaRouting(app)), ProductType: 'SipMediaApplicationDialIn' });
const associations = (n: string) => emulator.phoneNumbers().find(p => p.E164PhoneNumber === n)?.Associations.map(a => `${a.Name} ${a.Value}`) ?? [];
const rules = () => emulator.routing().sipRules as { SipRuleId: string; Name: string; TriggerValue: string; Disabled: boolean; TargetApplications: { SipMediaApplicationId: string }[] }[];
const routingAttributes = (data: Record<string, unknown>) => ({ type: data.RoutingTargetType, id: data.RoutingTargetId, rules: data.SipRuleIds });

async function created(props: Record<string, unknown>) {
  const answer = await sendEvent({ requestType: 'Create', props });
  expect({ status: answer.status, reason: answer.reason }).toEqual({ status: 'SUCCESS', reason: undefined });
  return answer;
}

test('Create routes every number to the Voice Connector; attributes name it', async () => {
  const vc = await voiceConnector();
  const answer = await created(voiceProps([A, B], vcRouting(vc)));
  expect([associations(A), associations(B)]).toEqual([[`VoiceConnectorId ${vc}`], [`VoiceConnectorId ${vc}`]]);
  expect(statusOf(emulator, A)).toBe('Assigned');
  expect(routingAttributes(answer.data)).toEqual({ type: 'VoiceConnector', id: vc, rules: [] });
  expect(attributesOf(answer)).toMatchObject({ PhoneNumbers: [A, B] });
});

test('Create routes each number to the SIP media application by its own marked rule; SipRuleIds follow PhoneNumbers', async () => {
  const app = await sma();
  const answer = await created(sipProps([B, A], app));
  const made = rules();
  expect(made.map(r => [r.TriggerValue, r.Name, r.Disabled, r.TargetApplications[0].SipMediaApplicationId]).sort()).toEqual([
    [A, `PhoneNumberOrder ${markWord(routeMark(identityOf(STACK_ID, 'Numbers', 'x'), A))}`, false, app],
    [B, `PhoneNumberOrder ${markWord(routeMark(identityOf(STACK_ID, 'Numbers', 'x'), B))}`, false, app],
  ]);
  const ruleOf = (n: string) => made.find(r => r.TriggerValue === n)!.SipRuleId;
  expect(routingAttributes(answer.data)).toEqual({ type: 'SipMediaApplication', id: app, rules: [ruleOf(A), ruleOf(B)] });
  expect(associations(A)).toEqual([`SipRuleId ${ruleOf(A)}`]);
});

test('Update: an added number is routed, a removed one unrouted before it is released; the rollback restores both', async () => {
  const app = await sma();
  const first = await created(sipProps([A, B], app));
  const ruleOfA = rules().find(r => r.TriggerValue === A)!.SipRuleId;
  const updated = await sendEvent({ requestType: 'Update', physicalId: first.physicalId, props: sipProps([A, C], app), oldProps: sipProps([A, B], app) });
  expect(updated.status).toBe('SUCCESS');
  expect(statusOf(emulator, B)).toBe('DeleteInProgress');
  expect(rules().map(r => r.TriggerValue).sort()).toEqual([A, C]);
  expect(associations(C)).toEqual([`SipRuleId ${rules().find(r => r.TriggerValue === C)!.SipRuleId}`]);
  const rolledBack = await sendEvent({ requestType: 'Update', physicalId: first.physicalId, props: sipProps([A, B], app), oldProps: sipProps([A, C], app) });
  expect(rolledBack.status).toBe('SUCCESS');
  expect([statusOf(emulator, B), statusOf(emulator, C)]).toEqual(['Assigned', 'DeleteInProgress']);
  expect(rules().map(r => r.TriggerValue).sort()).toEqual([A, B]);
  expect(rules().find(r => r.TriggerValue === A)!.SipRuleId).toBe(ruleOfA);
  expect((rolledBack.data.SipRuleIds as string[])).toHaveLength(2);
});

test('Update: a changed Voice Connector moves the numbers (ForceAssociate of its own association); the rollback moves them back', async () => {
  const [vc1, vc2] = [await voiceConnector('one'), await voiceConnector('two')];
  const first = await created(voiceProps([A, B], vcRouting(vc1)));
  const moved = await sendEvent({ requestType: 'Update', physicalId: first.physicalId, props: voiceProps([A, B], vcRouting(vc2)), oldProps: voiceProps([A, B], vcRouting(vc1)) });
  expect(moved.status).toBe('SUCCESS');
  expect([associations(A), associations(B)]).toEqual([[`VoiceConnectorId ${vc2}`], [`VoiceConnectorId ${vc2}`]]);
  expect(routingAttributes(moved.data)).toEqual({ type: 'VoiceConnector', id: vc2, rules: [] });
  await voice.send(new DeleteVoiceConnectorCommand({ VoiceConnectorId: vc1 })); // vc1 is free again
  const vc3 = await voiceConnector('three');
  const back = await sendEvent({ requestType: 'Update', physicalId: first.physicalId, props: voiceProps([A, B], vcRouting(vc3)), oldProps: voiceProps([A, B], vcRouting(vc2)) });
  expect(back.status).toBe('SUCCESS');
  expect(associations(A)).toEqual([`VoiceConnectorId ${vc3}`]);
});

test('Update: a changed SIP media application keeps each rule, pointed at the new application', async () => {
  const [app1, app2] = [await sma('one'), await sma('two')];
  const first = await created(sipProps([A], app1));
  const id = rules()[0].SipRuleId;
  const moved = await sendEvent({ requestType: 'Update', physicalId: first.physicalId, props: sipProps([A], app2), oldProps: sipProps([A], app1) });
  expect(moved.status).toBe('SUCCESS');
  expect(rules().map(r => [r.SipRuleId, r.TargetApplications[0].SipMediaApplicationId])).toEqual([[id, app2]]);
  // No enabled rule targets the old application any more: it can be deleted.
  await voice.send(new DeleteSipMediaApplicationCommand({ SipMediaApplicationId: app1 }));
});

test('Update: Voice Connector to SIP media application: unrouted, product type moved, then routed by rules', async () => {
  const [vc, app] = [await voiceConnector(), await sma()];
  const first = await created(voiceProps([A], vcRouting(vc)));
  const updated = await sendEvent({ requestType: 'Update', physicalId: first.physicalId, props: sipProps([A], app), oldProps: voiceProps([A], vcRouting(vc)) });
  expect({ status: updated.status, reason: updated.reason }).toEqual({ status: 'SUCCESS', reason: undefined });
  expect(emulator.phoneNumbers().find(p => p.E164PhoneNumber === A)?.ProductType).toBe('SipMediaApplicationDialIn');
  expect(associations(A)).toEqual([`SipRuleId ${rules()[0].SipRuleId}`]);
  await voice.send(new DeleteVoiceConnectorCommand({ VoiceConnectorId: vc }));
});

test('Update: the target removed takes away the routing, keeps the numbers', async () => {
  const vc = await voiceConnector();
  const first = await created(voiceProps([A], vcRouting(vc)));
  const updated = await sendEvent({ requestType: 'Update', physicalId: first.physicalId, props: voiceProps([A]), oldProps: voiceProps([A], vcRouting(vc)) });
  expect(updated.status).toBe('SUCCESS');
  expect([statusOf(emulator, A), associations(A)]).toEqual(['Unassigned', []]);
  expect(updated.data.RoutingTargetType).toBeUndefined();
});

test('Delete unroutes, then releases; a Voice Connector and a SIP media application are then free to go', async () => {
  const [vc, app] = [await voiceConnector(), await sma()];
  const vcOrder = await created(voiceProps([A], vcRouting(vc)));
  const smaOrder = await sendEvent({ requestType: 'Create', props: sipProps([B], app), logicalId: 'Sip' });
  expect(smaOrder.status).toBe('SUCCESS');
  expect((await sendEvent({ requestType: 'Delete', physicalId: vcOrder.physicalId, props: voiceProps([A], vcRouting(vc)) })).status).toBe('SUCCESS');
  expect((await sendEvent({ requestType: 'Delete', physicalId: smaOrder.physicalId, props: sipProps([B], app), logicalId: 'Sip' })).status).toBe('SUCCESS');
  expect([statusOf(emulator, A), statusOf(emulator, B)]).toEqual(['DeleteInProgress', 'DeleteInProgress']);
  expect(rules()).toEqual([]);
  await voice.send(new DeleteVoiceConnectorCommand({ VoiceConnectorId: vc }));
  await voice.send(new DeleteSipMediaApplicationCommand({ SipMediaApplicationId: app }));
});

describe('Custom::ChimePhoneNumberRouting', () => {
  const guard = (requestType: 'Create' | 'Update' | 'Delete', props: Record<string, unknown>, physicalId?: string) => ({
    ...eventFor({ requestType, props: { OrderLogicalId: 'Numbers', ...props }, physicalId, logicalId: 'NumbersRouting' }),
    ResourceType: 'Custom::ChimePhoneNumberRouting',
  });
  async function send(event: ReturnType<typeof guard>) {
    const first = await onEvent(event);
    return { first, done: await isComplete({ ...event, ...first }) };
  }

  test('Create changes nothing; Delete takes away the order\'s routing and keeps its numbers', async () => {
    const [vc, app] = [await voiceConnector(), await sma()];
    await created(voiceProps([A, B], vcRouting(vc)));
    await sendEvent({ requestType: 'Create', props: sipProps([C], app), logicalId: 'Sip' });
    const before = emulator.stats().requests;
    const { first } = await send(guard('Create', voiceProps([A, B], vcRouting(vc))));
    expect(first.PhysicalResourceId).toMatch(/^pno\.[0-9a-f]{16}\.routing$/);
    expect(emulator.stats().requests).toBe(before);
    const { done } = await send(guard('Delete', voiceProps([A, B], vcRouting(vc)), first.PhysicalResourceId));
    expect(done.IsComplete).toBe(true);
    expect([statusOf(emulator, A), statusOf(emulator, B), associations(A)]).toEqual(['Unassigned', 'Unassigned', []]);
    await voice.send(new DeleteVoiceConnectorCommand({ VoiceConnectorId: vc }));
    // Another order's SIP rule on another number is not this resource's business.
    expect(rules().map(r => r.TriggerValue)).toEqual([C]);
    const sip = { ...eventFor({ requestType: 'Delete', props: { OrderLogicalId: 'Sip', ...sipProps([C], app) }, logicalId: 'SipRouting', physicalId: 'x' }), ResourceType: 'Custom::ChimePhoneNumberRouting' };
    expect((await onEvent(sip)).Data).toBeUndefined();
    expect(rules()).toEqual([]);
    await voice.send(new DeleteSipMediaApplicationCommand({ SipMediaApplicationId: app }));
  });

  test('Delete leaves routing the order did not make', async () => {
    const [vc, other] = [await voiceConnector(), await voiceConnector('other')];
    await created(voiceProps([A], vcRouting(vc)));
    emulator.putNumber({ number: D });
    await voice.send(new AssociatePhoneNumbersWithVoiceConnectorCommand({ VoiceConnectorId: other, E164PhoneNumbers: [D] }));
    await send(guard('Delete', voiceProps([A, D], vcRouting(other)), 'x'));
    // The guard names vc "other", which the order never routed to: A keeps its routing, D is not the order's.
    expect([associations(A), associations(D)]).toEqual([[`VoiceConnectorId ${vc}`], [`VoiceConnectorId ${other}`]]);
  });

  test('Create refuses properties that name no order or no target', async () => {
    await expect(onEvent(guard('Create', voiceProps([A])))).rejects.toThrow(/Routing is missing/);
    await expect(onEvent({ ...guard('Create', voiceProps([A], vcRouting('vc'))), ResourceProperties: { ...voiceProps([A], vcRouting('vc')) } }))
      .rejects.toThrow(/OrderLogicalId must be the logical ID of the PhoneNumberOrder/);
  });
});

describe('ownership', () => {
  test('a number some other association holds is refused before anything is done; takeOver moves it', async () => {
    const [vc, theirs] = [await voiceConnector(), await voiceConnector('theirs')];
    emulator.putNumber({ number: A, name: 'lobby' });
    await voice.send(new AssociatePhoneNumbersWithVoiceConnectorCommand({ VoiceConnectorId: theirs, E164PhoneNumbers: [A] }));
    const refused = await sendEvent({ requestType: 'Create', props: voiceProps([A, B], { AdoptExistingNumbers: 'true', ...vcRouting(vc) }) });
    expect(refused.status).toBe('FAILED');
    expect(refused.reason).toMatch(new RegExp(`Nothing was changed: \\*\\*\\*0100 is associated with Voice Connector ${theirs}, which this resource did not make: .*takeOver`));
    expect(emulator.orders()).toEqual([]);
    expect(associations(A)).toEqual([`VoiceConnectorId ${theirs}`]);
    const taken = await created(voiceProps([A, B], { AdoptExistingNumbers: 'true', ...vcRouting(vc, { TakeOver: 'true' }) }));
    expect([associations(A), associations(B)]).toEqual([[`VoiceConnectorId ${vc}`], [`VoiceConnectorId ${vc}`]]);
    expect(taken.data.RoutingTargetId).toBe(vc);
  });

  test('a SIP rule made by hand is refused; takeOver takes it over, marked as this resource\'s', async () => {
    const app = await sma();
    emulator.putNumber({ number: A, productType: 'SipMediaApplicationDialIn' });
    const hand = (await voice.send(new CreateSipRuleCommand({
      Name: 'front desk', TriggerType: 'ToPhoneNumber', TriggerValue: A, TargetApplications: [{ SipMediaApplicationId: app, Priority: 1, AwsRegion: 'us-east-1' }],
    }))).SipRule!.SipRuleId!;
    const props: Record<string, unknown> = { ...sipProps([A], app), AdoptExistingNumbers: 'true' };
    expect((await sendEvent({ requestType: 'Create', props })).reason).toMatch(/routed by SIP rule .* \("front desk"\), which this resource did not make/);
    const taken = await created({ ...props, Routing: { ...(props.Routing as object), TakeOver: 'true' } });
    expect(rules().map(r => [r.SipRuleId, r.Name.startsWith('PhoneNumberOrder pno.')])).toEqual([[hand, true]]);
    expect(taken.data.SipRuleIds).toEqual([hand]);
  });

  test('a number it holds that someone moved elsewhere since is left alone: updates and their rollbacks go on; Delete will not release it', async () => {
    const [vc, rogue] = [await voiceConnector(), await voiceConnector('rogue')];
    const first = await created(voiceProps([A, B], vcRouting(vc)));
    await voice.send(new AssociatePhoneNumbersWithVoiceConnectorCommand({ VoiceConnectorId: rogue, E164PhoneNumbers: [B], ForceAssociate: true }));
    const added = await sendEvent({ requestType: 'Update', physicalId: first.physicalId, props: voiceProps([A, B, C], vcRouting(vc)), oldProps: voiceProps([A, B], vcRouting(vc)) });
    expect({ status: added.status, reason: added.reason }).toEqual({ status: 'SUCCESS', reason: undefined });
    expect([associations(B), associations(C)]).toEqual([[`VoiceConnectorId ${rogue}`], [`VoiceConnectorId ${vc}`]]);
    const back = await sendEvent({ requestType: 'Update', physicalId: first.physicalId, props: voiceProps([A, B], vcRouting(vc)), oldProps: voiceProps([A, B, C], vcRouting(vc)) });
    expect(back.status).toBe('SUCCESS');
    const deleted = await sendEvent({ requestType: 'Delete', physicalId: first.physicalId, props: voiceProps([A, B], vcRouting(vc)) });
    expect(deleted.reason).toMatch(new RegExp(`Cannot release \\*\\*\\*0101 \\(associated with Voice Connector ${rogue}\\): still routed by something this resource did not make`));
    expect([statusOf(emulator, A), associations(B)]).toEqual(['Assigned', [`VoiceConnectorId ${rogue}`]]);
  });

  test('a target that does not exist is refused before anything is ordered', async () => {
    const answer = await sendEvent({ requestType: 'Create', props: voiceProps([A], vcRouting('abcdefghijklmnopqrstuv')) });
    expect(answer.reason).toMatch(/Nothing was changed: Voice Connector abcdefghijklmnopqrstuv was not found in us-east-1/);
    expect(emulator.orders()).toEqual([]);
  });

  test('routing needs Chime SDK Voice and a target that fits the product type', async () => {
    const legacy = await sendEvent({ requestType: 'Create', props: { ...voiceProps([A], vcRouting('vc')), Api: 'chime' } });
    expect(legacy.reason).toMatch(/routing numbers needs the Chime SDK Voice API/);
    const wrong = await sendEvent({ requestType: 'Create', props: voiceProps([A], smaRouting('app')) });
    expect(wrong.reason).toMatch(/a SipMediaApplication target takes SipMediaApplicationDialIn numbers, not VoiceConnector/);
    expect(emulator.stats().requests).toBe(0);
  });
});

describe('lost answers', () => {
  test.each(['AssociatePhoneNumbersWithVoiceConnector', 'DisassociatePhoneNumbersFromVoiceConnector'])('%s acting before its answer is lost: judged by what the account shows', async (operation) => {
    const [vc1, vc2] = [await voiceConnector('one'), await voiceConnector('two')];
    const first = await created(voiceProps([A, B], vcRouting(vc1)));
    emulator.injectOnce({ operation, kind: 'drop-after-act' });
    const next = operation.startsWith('Associate')
      ? await sendEvent({ requestType: 'Update', physicalId: first.physicalId, props: voiceProps([A, B], vcRouting(vc2)), oldProps: voiceProps([A, B], vcRouting(vc1)) })
      : await sendEvent({ requestType: 'Update', physicalId: first.physicalId, props: voiceProps([A]), oldProps: voiceProps([A, B], vcRouting(vc1)) });
    expect({ status: next.status, reason: next.reason }).toEqual({ status: 'SUCCESS', reason: undefined });
    expect(emulator.stats().faultsInjected.dropAfterAct).toBe(1);
    if (operation.startsWith('Associate')) expect(associations(B)).toEqual([`VoiceConnectorId ${vc2}`]);
    else expect([associations(A), statusOf(emulator, B)]).toEqual([[], 'DeleteInProgress']);
  });

  test('CreateSipRule acting before its answer is lost makes one rule, not two', async () => {
    const app = await sma();
    emulator.injectOnce({ operation: 'CreateSipRule', kind: 'drop-after-act' });
    const answer = await created(sipProps([A], app));
    expect(emulator.stats().faultsInjected.dropAfterAct).toBe(1);
    expect(rules()).toHaveLength(1);
    expect(answer.data.SipRuleIds).toEqual([rules()[0].SipRuleId]);
  });

  test('DeleteSipRule and UpdateSipRule acting before their answers are lost: the number is still released', async () => {
    const app = await sma();
    const first = await created(sipProps([A], app));
    emulator.injectOnce({ operation: 'UpdateSipRule', kind: 'drop-after-act' });
    emulator.injectOnce({ operation: 'DeleteSipRule', kind: 'drop-after-act' });
    expect((await sendEvent({ requestType: 'Delete', physicalId: first.physicalId, props: sipProps([A], app) })).status).toBe('SUCCESS');
    expect(emulator.stats().faultsInjected.dropAfterAct).toBe(2);
    expect([rules(), statusOf(emulator, A)]).toEqual([[], 'DeleteInProgress']);
  });

  test('a group target: numbers associated with the group', async () => {
    const vc = await voiceConnector();
    const group = (await voice.send(new CreateVoiceConnectorGroupCommand({ Name: 'g', VoiceConnectorItems: [{ VoiceConnectorId: vc, Priority: 1 }] }))).VoiceConnectorGroup!.VoiceConnectorGroupId!;
    const answer = await created(voiceProps([A], { Routing: { TargetType: 'VoiceConnectorGroup', TargetId: group, TakeOver: 'false' } }));
    expect(associations(A)).toEqual([`VoiceConnectorGroupId ${group}`]);
    expect(routingAttributes(answer.data)).toEqual({ type: 'VoiceConnectorGroup', id: group, rules: [] });
  });
});
