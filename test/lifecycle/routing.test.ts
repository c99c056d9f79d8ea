// Routed orders end to end through the local deploy: the routing example (a native Voice Connector,
// a standby one, a SIP media application with its Lambda, an order routed to each) created,
// updated, rolled back and destroyed against the emulator, whose books are checked after each
// step: where every number routes, what was released, and that the Voice Connectors and the SIP
// media application are deleted cleanly with every removal policy.
import * as fs from 'fs';
import * as path from 'path';
import { AssociatePhoneNumbersWithVoiceConnectorCommand, CreateVoiceConnectorCommand } from '@aws-sdk/client-chime-sdk-voice';
import type { Run } from '../local-deploy/run';
import { statuses } from '../local-deploy/run';
import { RoutedStack, outputsOf, synthRouting, tempDir } from './routed-stack';

const [C1, C2, C3, C4] = ['+12065550110', '+12065550111', '+12065550112', '+12065550113'];
const [I1, I2, I3] = ['+12065550120', '+12065550121', '+12065550122'];
jest.setTimeout(180_000);

let root: string;
let base: string;
let standby: string;
beforeAll(async () => {
  root = tempDir('routing-lifecycle-');
  base = await synthRouting(path.join(root, 'base.out'));
  standby = await synthRouting(path.join(root, 'standby.out'), { connector: 'standby' });
}, 300_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const ok = (r: Run) => expect({ exit: r.result.exitCode, err: r.err, failures: r.result.stacks.flatMap(s => s.failures) }).toEqual({ exit: 0, err: '', failures: [] });
const routingOf = (stack: RoutedStack) => stack.emulator.routing();

/** Every number routed where the outputs say, by exactly one route; no rule or association left on any other number. */
function checkRouting(stack: RoutedStack, r: Run): void {
  const o = outputsOf(r);
  const connectorTarget = o.connectorRouting.split(' ')[1];
  for (const n of o.connectorNumbers.split(',')) expect([n, stack.associations(n)]).toEqual([n, [`VoiceConnectorId ${connectorTarget}`]]);
  const rules = o.ivrRules.split(',');
  o.ivrNumbers.split(',').forEach((n, i) => {
    expect([n, stack.associations(n)]).toEqual([n, [`SipRuleId ${rules[i]}`]]);
    expect(stack.ruleOf(n)).toMatchObject({ SipRuleId: rules[i], Disabled: false, TargetApplications: [{ SipMediaApplicationId: o.ivr }] });
  });
  const listed = [...o.connectorNumbers.split(','), ...o.ivrNumbers.split(',')];
  const strays = stack.emulator.phoneNumbers().filter(p => !listed.includes(p.E164PhoneNumber) && p.Associations.length > 0).map(p => p.E164PhoneNumber);
  expect(strays).toEqual([]);
  expect(routingOf(stack).sipRules).toHaveLength(rules.length);
}

describe('a routed stack: create, edits, target change, their rollbacks, destroy (default removal policy)', () => {
  let stack: RoutedStack;
  let last: Run;
  beforeAll(async () => { stack = await RoutedStack.start(root); });
  afterAll(() => stack.close());
  afterEach(() => expect(stack.emulator.stats().malformedDetails).toEqual([]));

  test('create: the Voice Connectors and the SIP media application are created in Chime, the numbers ordered and routed; outputs say where', async () => {
    last = await stack.deploy(base);
    ok(last);
    const o = outputsOf(last);
    expect(o).toMatchObject({ connectorNumbers: `${C1},${C2}`, connectorRouting: `VoiceConnector ${o.main}`, ivrNumbers: I1, ivrRouting: `SipMediaApplication ${o.ivr}` });
    expect(routingOf(stack).voiceConnectors.map(v => v.VoiceConnectorId).sort()).toEqual([o.main, o.standby].sort());
    expect(routingOf(stack).sipMediaApplications).toEqual([expect.objectContaining({ SipMediaApplicationId: o.ivr, AwsRegion: 'us-east-1' })]);
    checkRouting(stack, last);
    expect(last.out).toMatch(new RegExp(`ConnectorNumbersRouting = VoiceConnector ${o.main}`));
  });

  test('add and remove a number: the removed one is disassociated, then released; the added one routed', async () => {
    last = await stack.deploy(stack.variant(base, { ConnectorNumbers: { numbers: [C1, C3] }, IvrNumbers: { numbers: [I2] } }));
    ok(last);
    expect([stack.status(C2), stack.associations(C2), stack.status(I1), stack.associations(I1)]).toEqual(['DeleteInProgress', [], 'DeleteInProgress', []]);
    checkRouting(stack, last);
    // The order unrouted its own numbers before it released them; the routing resources changed nothing.
    const log = fs.readFileSync(last.result.logFile, 'utf8');
    expect(log.lastIndexOf('disassociated numbers from Voice Connector')).toBeLessThan(log.lastIndexOf('released numbers'));
    expect(log.lastIndexOf('deleted SIP rule')).toBeLessThan(log.lastIndexOf('released numbers'));
    expect(last.result.events.map(e => `${e.logicalResourceId.replace(/[0-9A-F]{8}$/, '')} ${e.requestType} ${e.status}`).sort()).toEqual([
      'ConnectorNumbers Update SUCCESS', 'ConnectorNumbersRouting Update SUCCESS', 'IvrNumbers Update SUCCESS', 'IvrNumbersRouting Update SUCCESS',
    ]);
  });

  test('rollback of an add and remove: the removed numbers come back routed, the added ones are unrouted and released', async () => {
    const before = outputsOf(last);
    const rehearsed = await stack.deploy(stack.variant(base, { ConnectorNumbers: { numbers: [C1, C4] }, IvrNumbers: { numbers: [I3] } }), { rehearseRollback: true });
    expect(rehearsed.result.stacks.map(s => s.status)).toEqual(['UPDATE_ROLLBACK_COMPLETE']);
    expect([stack.status(C4), stack.associations(C4), stack.status(I3), stack.associations(I3)]).toEqual(['DeleteInProgress', [], 'DeleteInProgress', []]);
    expect([stack.status(C3), stack.associations(C3)]).toEqual(['Assigned', [`VoiceConnectorId ${before.main}`]]);
    // I2's rule was deleted before I2 was released; restored, I2 gets a new rule, which the rollback's answer names.
    const rule = stack.ruleOf(I2)!;
    expect(rule).toMatchObject({ Disabled: false, TargetApplications: [{ SipMediaApplicationId: before.ivr }] });
    expect(rule.SipRuleId).not.toBe(before.ivrRules);
    expect(stack.associations(I2)).toEqual([`SipRuleId ${rule.SipRuleId}`]);
    const record = JSON.parse(fs.readFileSync(path.join(stack.stateDir, 'stacks', 'PhoneNumberRoutingExample.json'), 'utf8'));
    const ivr = Object.values(record.resources as Record<string, { path?: string; attributes: Record<string, unknown> }>).find(r => r.path === 'PhoneNumberRoutingExample/IvrNumbers/Resource/Default');
    expect(ivr?.attributes).toMatchObject({ PhoneNumbers: [I2], SipRuleIds: [rule.SipRuleId], RoutingTargetId: before.ivr });
    expect(routingOf(stack).sipRules).toHaveLength(1);
    const again = await stack.deploy(stack.variant(base, { ConnectorNumbers: { numbers: [C1, C3] }, IvrNumbers: { numbers: [I2] } }));
    ok(again);
    expect(again.result.events).toEqual([]);
  });

  test('change of target: the numbers move to the standby Voice Connector; its rollback keeps them where they were', async () => {
    const numbers = { ConnectorNumbers: { numbers: [C1, C3] }, IvrNumbers: { numbers: [I2] } };
    const rehearsed = await stack.deploy(stack.variant(standby, numbers), { rehearseRollback: true });
    expect(rehearsed.result.stacks.map(s => s.status)).toEqual(['UPDATE_ROLLBACK_COMPLETE']);
    const main = outputsOf(last).main;
    expect([stack.associations(C1), stack.associations(C3)]).toEqual([[`VoiceConnectorId ${main}`], [`VoiceConnectorId ${main}`]]);
    last = await stack.deploy(stack.variant(standby, numbers));
    ok(last);
    expect(outputsOf(last).connectorRouting).toBe(`VoiceConnector ${outputsOf(last).standby}`);
    checkRouting(stack, last);
  });

  test('destroy: the routing goes first, the numbers are kept unrouted, the Voice Connectors and the SIP media application are deleted', async () => {
    const r = await stack.destroy();
    ok(r);
    expect(r.result.stacks.map(s => s.status)).toEqual(['DELETE_COMPLETE']);
    expect(statuses(r.out, 'ConnectorNumbers/Resource/Default')).toEqual(['DELETE_SKIPPED']);
    expect(routingOf(stack)).toEqual({ voiceConnectors: [], voiceConnectorGroups: [], sipMediaApplications: [], sipRules: [] });
    for (const n of [C1, C3, I2]) expect([n, stack.status(n), stack.associations(n)]).toEqual([n, 'Unassigned', []]);
  });
});

describe.each([
  ['Delete', 'released'],
  ['Retain', 'kept'],
])('destroy with DeletionPolicy %s: the numbers are %s, the Voice Connectors and the SIP media application deleted cleanly', (policy, fate) => {
  let stack: RoutedStack;
  beforeAll(async () => { stack = await RoutedStack.start(root); });
  afterAll(() => stack.close());

  test('create, then destroy', async () => {
    const policies = { ConnectorNumbers: { deletionPolicy: policy as 'Delete' | 'Retain' }, IvrNumbers: { deletionPolicy: policy as 'Delete' | 'Retain' } };
    const created = await stack.deploy(stack.variant(base, policies));
    ok(created);
    checkRouting(stack, created);
    const r = await stack.destroy();
    ok(r);
    expect(routingOf(stack)).toEqual({ voiceConnectors: [], voiceConnectorGroups: [], sipMediaApplications: [], sipRules: [] });
    const expected = fate === 'released' ? 'DeleteInProgress' : 'Unassigned';
    for (const n of [C1, C2, I1]) expect([n, stack.status(n), stack.associations(n)]).toEqual([n, expected, []]);
    expect(stack.emulator.stats().malformedDetails).toEqual([]);
  });
});

describe('rollback of a create', () => {
  test.each([['RetainExceptOnCreate', 'DeleteInProgress'], ['Retain', 'Unassigned']])('with DeletionPolicy %s: everything it made is deleted cleanly; numbers %s', async (policy, status) => {
    const stack = await RoutedStack.start(root);
    try {
      const policies = { ConnectorNumbers: { deletionPolicy: policy as 'Retain' }, IvrNumbers: { deletionPolicy: policy as 'Retain' } };
      const r = await stack.deploy(stack.variant(base, policies), { rehearseRollback: true });
      expect(r.result.stacks.map(s => s.status)).toEqual(['ROLLBACK_COMPLETE']);
      expect(routingOf(stack)).toEqual({ voiceConnectors: [], voiceConnectorGroups: [], sipMediaApplications: [], sipRules: [] });
      for (const n of [C1, C2, I1]) expect([n, stack.status(n), stack.associations(n)]).toEqual([n, status, []]);
    } finally {
      await stack.close();
    }
  });
});

test('a number some other routing holds is refused with a clear message: nothing changes, the stack rolls back and still destroys cleanly', async () => {
  const stack = await RoutedStack.start(root);
  try {
    stack.emulator.putNumber({ number: C4, name: 'lobby' });
    const theirs = (await stack.voice.send(new CreateVoiceConnectorCommand({ Name: 'theirs', RequireEncryption: true }))).VoiceConnector!.VoiceConnectorId!;
    await stack.voice.send(new AssociatePhoneNumbersWithVoiceConnectorCommand({ VoiceConnectorId: theirs, E164PhoneNumbers: [C4] }));
    ok(await stack.deploy(base));
    const refused = await stack.deploy(stack.variant(base, { ConnectorNumbers: { numbers: [C1, C2, C4], adopt: true } }));
    expect(refused.result.exitCode).toBe(1);
    expect(refused.result.stacks.map(s => s.status)).toEqual(['UPDATE_ROLLBACK_COMPLETE']);
    expect(refused.result.stacks[0].reason).toMatch(new RegExp(`Nothing was changed: \\*\\*\\*0113 is associated with Voice Connector ${theirs}, which this resource did not make: .*takeOver`));
    expect(refused.out + refused.err).not.toContain(C4);
    expect([stack.associations(C4), stack.emulator.phoneNumbers().find(p => p.E164PhoneNumber === C4)?.Name]).toEqual([[`VoiceConnectorId ${theirs}`], 'lobby']);
    ok(await stack.destroy());
    expect(routingOf(stack).voiceConnectors.map(v => v.VoiceConnectorId)).toEqual([theirs]);
    expect(stack.associations(C4)).toEqual([`VoiceConnectorId ${theirs}`]);
  } finally {
    await stack.close();
  }
});
