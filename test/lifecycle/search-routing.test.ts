// Routed search orders end to end through the local deploy: a stack with a search order routed to
// its Voice Connector and one routed to its SIP media application (native AWS::Chime resources the
// local deploy creates in the emulator); quantity up and down, each rolled back as a failing later
// resource would, then kept; destroyed with the default removal policy and with DESTROY, the
// targets deleted cleanly. The ownership audit (routing included) runs after every step.
import * as fs from 'fs';
import * as path from 'path';
import {
  AssociatePhoneNumbersWithVoiceConnectorCommand, ChimeSDKVoiceClient, DisassociatePhoneNumbersFromVoiceConnectorCommand, UpdateSipRuleCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { DEFAULT_CREDENTIALS, startEmulator, type Emulator } from '../../emulator';
import { statuses, type Run } from '../local-deploy/run';
import { markIn } from '../../tools/chaos/marks';
import { type AppShape, LocalApp, audit, synthApp } from './multi';

jest.setTimeout(240_000);

const routedOrders = (removalPolicy?: 'destroy') => ({
  Connector: { search: { areaCode: '206' }, quantity: 2, target: 'voiceConnector' as const, removalPolicy },
  Ivr: { search: { areaCode: '303' }, quantity: 2, productType: 'SipMediaApplicationDialIn', target: 'sipMediaApplication' as const, removalPolicy },
});
const SHAPE: AppShape = { Routed: routedOrders(), Destroyed: routedOrders('destroy') };

let emulator: Emulator;
let app: LocalApp;
/**
 * Numbers the account keeps after a retaining destroy, with the mark of the resource that kept them:
 * held by no stack, and allowed to be, as long as they still carry that mark.
 */
const kept = new Map<string, string>();
beforeAll(async () => {
  emulator = await startEmulator({ seed: 23 });
  app = new LocalApp(await synthApp(SHAPE), emulator);
}, 300_000);
afterAll(async () => {
  app?.close();
  await emulator?.close();
});
afterEach(() => {
  expect(emulator.stats().malformedDetails).toEqual([]);
  expect(audit(emulator, [app], [], kept)).toEqual([]);
});

const ok = (r: Run) => expect({ exit: r.result.exitCode, err: r.err, failures: r.result.stacks.flatMap(s => s.failures) }).toEqual({ exit: 0, err: '', failures: [] });
/** A step went through, and the account's books hold up after it (afterEach audits again after the test's last step). */
const step = (r: Run) => {
  ok(r);
  expect(audit(emulator, [app], [], kept)).toEqual([]);
};
const listed = (resource: string) => app.listed()[resource] ?? [];
const status = (n: string) => emulator.phoneNumbers().find(p => p.E164PhoneNumber === n)?.Status;
const associations = (n: string) => emulator.phoneNumbers().find(p => p.E164PhoneNumber === n)?.Associations ?? [];
/** The SIP rule triggered by this number, as the emulator holds it. */
const ruleOn = (n: string) => (emulator.routing().sipRules as unknown as { SipRuleId: string; TriggerValue: string }[]).find(r => r.TriggerValue === n)?.SipRuleId;
const targets = () => {
  const r = emulator.routing();
  return { voiceConnectors: r.voiceConnectors.length, sipMediaApplications: r.sipMediaApplications.length, sipRules: r.sipRules.length };
};
const quantities = (connector: number, ivr: number) => ({ Routed: { Connector: { quantity: connector }, Ivr: { quantity: ivr } } });

test('create: the Voice Connector and the SIP media application are created, the numbers found, ordered and routed there', async () => {
  const r = await app.deploy({}, { stacks: ['Routed'] });
  ok(r);
  expect([listed('Routed/Connector'), listed('Routed/Ivr')].map(l => l.length)).toEqual([2, 2]);
  expect(listed('Routed/Connector').every(n => /^\+12065550\d{3}$/.test(n))).toBe(true);
  expect(app.routed()).toEqual({
    'Routed/Connector': { type: 'VoiceConnector', id: emulator.routing().voiceConnectors[0].VoiceConnectorId, numbers: listed('Routed/Connector'), sipRuleIds: [] },
    'Routed/Ivr': {
      type: 'SipMediaApplication', id: emulator.routing().sipMediaApplications[0].SipMediaApplicationId, numbers: listed('Routed/Ivr'),
      sipRuleIds: listed('Routed/Ivr').map(n => ruleOn(n)),
    },
  });
  expect(targets()).toEqual({ voiceConnectors: 1, sipMediaApplications: 1, sipRules: 2 });
});

test('the audit sees routing that is not as the answer says: a number taken off its Voice Connector, a SIP rule disabled', async () => {
  const voice = new ChimeSDKVoiceClient({ endpoint: emulator.url, region: 'us-east-1', credentials: DEFAULT_CREDENTIALS });
  try {
    const [number] = listed('Routed/Connector');
    const { id: connector } = app.routed()['Routed/Connector'];
    const [ivrNumber] = listed('Routed/Ivr');
    const rule = ruleOn(ivrNumber)!;
    await voice.send(new DisassociatePhoneNumbersFromVoiceConnectorCommand({ VoiceConnectorId: connector, E164PhoneNumbers: [number] }));
    await voice.send(new UpdateSipRuleCommand({ SipRuleId: rule, Name: (emulator.routing().sipRules.find(r => r.SipRuleId === rule) as { Name: string }).Name, Disabled: true }));
    const problems = audit(emulator, [app], [], kept);
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(expect.arrayContaining([
      `${number} of Routed/Connector should be routed by VoiceConnectorId ${connector}, and is not routed`,
      expect.stringMatching(new RegExp(`^\\${ivrNumber} of Routed/Ivr: its SIP rule ${rule} is disabled, `)),
    ]));
    // Put back as the order left them (an association carries no name; the rule keeps its own).
    await voice.send(new AssociatePhoneNumbersWithVoiceConnectorCommand({ VoiceConnectorId: connector, E164PhoneNumbers: [number] }));
    await voice.send(new UpdateSipRuleCommand({ SipRuleId: rule, Name: (emulator.routing().sipRules.find(r => r.SipRuleId === rule) as { Name: string }).Name, Disabled: false }));
  } finally {
    voice.destroy();
  }
});

test('quantity up, rolled back: the numbers it added are unrouted and released, the others stay routed; then kept: the new numbers routed', async () => {
  const before = { connector: listed('Routed/Connector'), ivr: listed('Routed/Ivr'), rules: app.routed()['Routed/Ivr'].sipRuleIds };
  step(await app.deploy(quantities(4, 3), { stacks: ['Routed'], rehearseRollback: true }));
  expect(app.statuses.Routed).toBe('UPDATE_ROLLBACK_COMPLETE');
  expect([listed('Routed/Connector'), listed('Routed/Ivr')]).toEqual([before.connector, before.ivr]);
  expect(app.routed()['Routed/Ivr'].sipRuleIds).toEqual(before.rules);
  const added = emulator.phoneNumbers().filter(p => p.Status === 'DeleteInProgress').map(p => p.E164PhoneNumber);
  expect(added).toHaveLength(3);
  for (const n of added) expect([n, associations(n)]).toEqual([n, []]);
  expect(targets().sipRules).toBe(2);

  step(await app.deploy(quantities(4, 3), { stacks: ['Routed'] }));
  expect([listed('Routed/Connector'), listed('Routed/Ivr')].map(l => l.length)).toEqual([4, 3]);
  // Raising it again took back the numbers it had released, before ordering anything, and routed them again.
  expect([...listed('Routed/Connector'), ...listed('Routed/Ivr')]).toEqual(expect.arrayContaining(added));
  expect(targets().sipRules).toBe(3);
});

test('quantity down, rolled back: the surplus comes back routed (a new SIP rule); then kept: the surplus unrouted, then released', async () => {
  const before = { connector: listed('Routed/Connector'), ivr: listed('Routed/Ivr') };
  const logFile = path.join(app.root, 'state', 'lambda.log');
  const seen = fs.statSync(logFile).size;
  step(await app.deploy(quantities(3, 1), { stacks: ['Routed'], rehearseRollback: true }));
  expect(app.statuses.Routed).toBe('UPDATE_ROLLBACK_COMPLETE');
  expect([listed('Routed/Connector'), listed('Routed/Ivr')]).toEqual([before.connector, before.ivr]);
  // This run's handler log, number by number (the handler masks a number to its last four digits): the update
  // unrouted each surplus number before releasing it; the rollback restored it, then routed it again.
  const log = fs.readFileSync(logFile, 'utf8').slice(seen).split('\n');
  const own = [...before.connector, ...before.ivr];
  expect(new Set(own.map(n => n.slice(-4))).size).toBe(own.length);
  const lines = (message: string, n: string) => log.flatMap((l, i) => (l.includes(message) && l.includes(`***${n.slice(-4)}`) ? [i] : []));
  const surplus = own.filter(n => lines('released numbers', n).length > 0);
  expect([surplus.filter(n => before.connector.includes(n)).length, surplus.filter(n => before.ivr.includes(n)).length]).toEqual([1, 2]);
  for (const n of surplus) {
    const [unrouted, rerouted] = before.ivr.includes(n)
      ? ['deleted SIP rule', 'created SIP rule'] : ['disassociated numbers from Voice Connector', 'associated numbers with Voice Connector'];
    const steps = [lines(unrouted, n)[0], lines('released numbers', n)[0], lines('restored number from the deletion queue', n)[0], lines(rerouted, n).at(-1)];
    expect([n, steps.every(i => i !== undefined), steps]).toEqual([n, true, [...steps].sort((a, b) => (a ?? 0) - (b ?? 0))]);
  }

  step(await app.deploy(quantities(3, 1), { stacks: ['Routed'] }));
  expect([listed('Routed/Connector').length, listed('Routed/Ivr').length]).toEqual([3, 1]);
  const gone = [...before.connector, ...before.ivr].filter(n => !listed('Routed/Connector').includes(n) && !listed('Routed/Ivr').includes(n));
  expect(gone).toHaveLength(3);
  for (const n of gone) expect([n, status(n), associations(n)]).toEqual([n, 'DeleteInProgress', []]);
  expect(targets().sipRules).toBe(1);
});

test('destroy with the default removal policy: the orders are skipped, their routing resources take the routing away, the numbers are kept unrouted, the targets deleted cleanly', async () => {
  const numbers = [...listed('Routed/Connector'), ...listed('Routed/Ivr')];
  // The audit after every step has checked that each listed number carries its resource's mark.
  const marks = new Map(numbers.map(n => [n, markIn(emulator.phoneNumbers().find(p => p.E164PhoneNumber === n)?.Name)?.resource ?? '']));
  const r = await app.destroy(['Routed']);
  ok(r);
  expect(app.statuses.Routed).toBe('DELETE_COMPLETE');
  expect([...statuses(r.out, 'Connector/Resource/Default'), ...statuses(r.out, 'Ivr/Resource/Default')]).toEqual(['DELETE_SKIPPED', 'DELETE_SKIPPED']);
  expect(targets()).toEqual({ voiceConnectors: 0, sipMediaApplications: 0, sipRules: 0 });
  for (const n of numbers) expect([n, status(n), associations(n)]).toEqual([n, 'Unassigned', []]);
  marks.forEach((mark, n) => kept.set(n, mark));
});

test('destroy with DESTROY: the numbers are unrouted and released, the targets deleted cleanly', async () => {
  step(await app.deploy({}, { stacks: ['Destroyed'] }));
  const numbers = [...listed('Destroyed/Connector'), ...listed('Destroyed/Ivr')];
  expect(numbers).toHaveLength(4);
  expect(targets()).toEqual({ voiceConnectors: 1, sipMediaApplications: 1, sipRules: 2 });
  const r = await app.destroy(['Destroyed']);
  ok(r);
  expect(app.statuses.Destroyed).toBe('DELETE_COMPLETE');
  expect(targets()).toEqual({ voiceConnectors: 0, sipMediaApplications: 0, sipRules: 0 });
  for (const n of numbers) expect([n, status(n), associations(n)]).toEqual([n, 'DeleteInProgress', []]);
});
