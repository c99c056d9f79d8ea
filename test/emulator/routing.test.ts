// Routing in the emulator through the real SDK: what Chime SDK Voice does with Voice Connectors,
// groups, SIP media applications and SIP rules, and what it refuses.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  AssociatePhoneNumbersWithVoiceConnectorCommand, AssociatePhoneNumbersWithVoiceConnectorGroupCommand, BatchDeletePhoneNumberCommand,
  ChimeSDKVoiceClient, CreatePhoneNumberOrderCommand, CreateSipMediaApplicationCommand, CreateSipRuleCommand, CreateVoiceConnectorCommand,
  CreateVoiceConnectorGroupCommand, DeleteSipMediaApplicationCommand, DeleteSipRuleCommand, DeleteVoiceConnectorCommand,
  DeleteVoiceConnectorGroupCommand, DisassociatePhoneNumbersFromVoiceConnectorCommand, GetPhoneNumberCommand, GetSipRuleCommand,
  UpdatePhoneNumberCommand, UpdateSipRuleCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { failure, harness, Harness, N, signedRaw } from './helpers';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:sma-handler';
let h: Harness;
let voice: ChimeSDKVoiceClient;

beforeEach(async () => {
  h = await harness();
  voice = h.voice;
});
afterEach(async () => {
  expect(h.emu.stats().malformedDetails).toEqual([]);
  await h.close();
});

async function order(productType: 'VoiceConnector' | 'SipMediaApplicationDialIn', numbers: string[]): Promise<void> {
  await voice.send(new CreatePhoneNumberOrderCommand({ ProductType: productType, E164PhoneNumbers: numbers }));
}
const voiceConnector = async (name = 'vc') => (await voice.send(new CreateVoiceConnectorCommand({ Name: name, RequireEncryption: true }))).VoiceConnector!.VoiceConnectorId!;
const sma = async (region = 'us-east-1') => (await voice.send(new CreateSipMediaApplicationCommand({
  AwsRegion: region, Name: 'app', Endpoints: [{ LambdaArn: LAMBDA.replace('us-east-1', region) }],
}))).SipMediaApplication!.SipMediaApplicationId!;
const rule = async (number: string, app: string, disabled = false) => (await voice.send(new CreateSipRuleCommand({
  Name: 'route', TriggerType: 'ToPhoneNumber', TriggerValue: number, Disabled: disabled,
  TargetApplications: [{ SipMediaApplicationId: app, Priority: 1, AwsRegion: 'us-east-1' }],
}))).SipRule!.SipRuleId!;
const numberOf = async (n: string) => (await voice.send(new GetPhoneNumberCommand({ PhoneNumberId: n }))).PhoneNumber!;

test('a Voice Connector takes VoiceConnector numbers: associated, Assigned; disassociated, Unassigned', async () => {
  await order('VoiceConnector', [N.a, N.b]);
  const vc = await voiceConnector();
  const out = await voice.send(new AssociatePhoneNumbersWithVoiceConnectorCommand({ VoiceConnectorId: vc, E164PhoneNumbers: [N.a, N.b] }));
  expect(out.PhoneNumberErrors).toEqual([]);
  expect(await numberOf(N.a)).toMatchObject({ Status: 'Assigned', Associations: [expect.objectContaining({ Name: 'VoiceConnectorId', Value: vc })] });
  await voice.send(new DisassociatePhoneNumbersFromVoiceConnectorCommand({ VoiceConnectorId: vc, E164PhoneNumbers: [N.a] }));
  expect(await numberOf(N.a)).toMatchObject({ Status: 'Unassigned', Associations: [] });
});

test('associating a number of the wrong product type, one not held, or one already associated is refused per number', async () => {
  await order('VoiceConnector', [N.a, N.b]);
  await order('SipMediaApplicationDialIn', [N.c]);
  const [vc1, vc2] = [await voiceConnector('one'), await voiceConnector('two')];
  await voice.send(new AssociatePhoneNumbersWithVoiceConnectorCommand({ VoiceConnectorId: vc1, E164PhoneNumbers: [N.b] }));
  const out = await voice.send(new AssociatePhoneNumbersWithVoiceConnectorCommand({ VoiceConnectorId: vc2, E164PhoneNumbers: [N.a, N.b, N.c, N.d] }));
  expect(out.PhoneNumberErrors?.map(e => [e.PhoneNumberId, e.ErrorCode])).toEqual([[N.b, 'PhoneNumberAssociationsExist'], [N.c, 'BadRequest'], [N.d, 'NotFound']]);
  expect(out.PhoneNumberErrors?.every(e => !e.ErrorMessage?.includes(N.c.slice(1)))).toBe(true);
  expect((await numberOf(N.a)).Associations).toEqual([expect.objectContaining({ Value: vc2 })]);
  expect((await numberOf(N.b)).Associations).toEqual([expect.objectContaining({ Value: vc1 })]);
});

test('ForceAssociate moves a number from a Voice Connector to a group', async () => {
  await order('VoiceConnector', [N.a]);
  const vc = await voiceConnector();
  const group = (await voice.send(new CreateVoiceConnectorGroupCommand({ Name: 'g', VoiceConnectorItems: [{ VoiceConnectorId: vc, Priority: 1 }] }))).VoiceConnectorGroup!.VoiceConnectorGroupId!;
  await voice.send(new AssociatePhoneNumbersWithVoiceConnectorCommand({ VoiceConnectorId: vc, E164PhoneNumbers: [N.a] }));
  const out = await voice.send(new AssociatePhoneNumbersWithVoiceConnectorGroupCommand({ VoiceConnectorGroupId: group, E164PhoneNumbers: [N.a], ForceAssociate: true }));
  expect(out.PhoneNumberErrors).toEqual([]);
  expect((await numberOf(N.a)).Associations).toEqual([expect.objectContaining({ Name: 'VoiceConnectorGroupId', Value: group })]);
  // A Voice Connector in a group, and a group with numbers, cannot be deleted.
  expect(await failure(voice.send(new DeleteVoiceConnectorCommand({ VoiceConnectorId: vc })))).toMatchObject({ name: 'BadRequestException', Code: 'VoiceConnectorGroupAssociationsExist' });
  expect(await failure(voice.send(new DeleteVoiceConnectorGroupCommand({ VoiceConnectorGroupId: group })))).toMatchObject({ name: 'BadRequestException', Code: 'PhoneNumberAssociationsExist' });
});

test('a Voice Connector with associated numbers cannot be deleted, nor can its numbers be released', async () => {
  await order('VoiceConnector', [N.a]);
  const vc = await voiceConnector();
  await voice.send(new AssociatePhoneNumbersWithVoiceConnectorCommand({ VoiceConnectorId: vc, E164PhoneNumbers: [N.a] }));
  expect(await failure(voice.send(new DeleteVoiceConnectorCommand({ VoiceConnectorId: vc })))).toMatchObject({ name: 'BadRequestException', Code: 'PhoneNumberAssociationsExist' });
  const released = await voice.send(new BatchDeletePhoneNumberCommand({ PhoneNumberIds: [N.a] }));
  expect(released.PhoneNumberErrors?.map(e => e.ErrorCode)).toEqual(['PhoneNumberAssociationsExist']);
  expect(await failure(voice.send(new UpdatePhoneNumberCommand({ PhoneNumberId: N.a, ProductType: 'SipMediaApplicationDialIn' })))).toMatchObject({ Code: 'PhoneNumberAssociationsExist' });
  await voice.send(new DisassociatePhoneNumbersFromVoiceConnectorCommand({ VoiceConnectorId: vc, E164PhoneNumbers: [N.a] }));
  await voice.send(new DeleteVoiceConnectorCommand({ VoiceConnectorId: vc }));
  expect(h.emu.routing().voiceConnectors).toEqual([]);
});

test('a SIP rule routes a SipMediaApplicationDialIn number; it must be disabled before it is deleted', async () => {
  await order('SipMediaApplicationDialIn', [N.a]);
  const app = await sma();
  const id = await rule(N.a, app);
  expect(await numberOf(N.a)).toMatchObject({ Status: 'Assigned', Associations: [expect.objectContaining({ Name: 'SipRuleId', Value: id })] });
  expect(await failure(voice.send(new DeleteSipRuleCommand({ SipRuleId: id })))).toMatchObject({ name: 'ConflictException' });
  expect(await failure(voice.send(new DeleteSipMediaApplicationCommand({ SipMediaApplicationId: app })))).toMatchObject({ name: 'ConflictException' });
  const disabled = await voice.send(new UpdateSipRuleCommand({ SipRuleId: id, Name: 'route', Disabled: true }));
  expect(disabled.SipRule).toMatchObject({ Disabled: true, TriggerValue: N.a, TargetApplications: [{ SipMediaApplicationId: app, Priority: 1, AwsRegion: 'us-east-1' }] });
  // A disabled rule still holds the number.
  expect((await voice.send(new BatchDeletePhoneNumberCommand({ PhoneNumberIds: [N.a] }))).PhoneNumberErrors?.map(e => e.ErrorCode)).toEqual(['PhoneNumberAssociationsExist']);
  await voice.send(new DeleteSipRuleCommand({ SipRuleId: id }));
  expect(await numberOf(N.a)).toMatchObject({ Status: 'Unassigned', Associations: [] });
  expect(await failure(voice.send(new GetSipRuleCommand({ SipRuleId: id })))).toMatchObject({ name: 'NotFoundException' });
  await voice.send(new DeleteSipMediaApplicationCommand({ SipMediaApplicationId: app }));
});

test('SIP rules refuse VoiceConnector numbers, numbers not held, a second rule for a number, an unknown or misplaced application', async () => {
  await order('VoiceConnector', [N.a]);
  await order('SipMediaApplicationDialIn', [N.b]);
  const app = await sma();
  const west = await sma('us-west-2');
  expect(await failure(rule(N.a, app))).toMatchObject({ name: 'BadRequestException' });
  expect(await failure(rule(N.c, app))).toMatchObject({ name: 'BadRequestException' });
  expect(await failure(rule(N.b, 'no-such-app'))).toMatchObject({ name: 'BadRequestException' });
  expect(await failure(rule(N.b, west))).toMatchObject({ name: 'BadRequestException', message: expect.stringMatching(/is in us-west-2, not us-east-1/) });
  await rule(N.b, app);
  expect(await failure(rule(N.b, app))).toMatchObject({ name: 'ConflictException' });
  expect(h.emu.routing().sipRules).toHaveLength(1);
  expect(h.emu.stats().malformed).toBe(0);
});

test('the legacy chime API does not serve routing operations', async () => {
  const res = await signedRaw(h.emu.url, 'POST', { api: 'chime', path: '/sip-rules', body: JSON.stringify({ Name: 'r', TriggerType: 'ToPhoneNumber', TriggerValue: N.a }) });
  expect(res.status).toBe(404);
  expect(h.emu.stats().malformed).toBe(1);
  expect(h.emu.routing().sipRules).toEqual([]);
  h.emu.reset();
});

test('routing outlives the process in the state file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chime-emu-routing-'));
  try {
    const stateFile = path.join(dir, 'state.json');
    const first = await harness({ stateFile, seed: 3 });
    let vc: string;
    try {
      await first.voice.send(new CreatePhoneNumberOrderCommand({ ProductType: 'VoiceConnector', E164PhoneNumbers: [N.a] }));
      vc = (await first.voice.send(new CreateVoiceConnectorCommand({ Name: 'kept', RequireEncryption: false }))).VoiceConnector!.VoiceConnectorId!;
      await first.voice.send(new AssociatePhoneNumbersWithVoiceConnectorCommand({ VoiceConnectorId: vc, E164PhoneNumbers: [N.a] }));
    } finally {
      await first.close();
    }
    const second = await harness({ stateFile, seed: 3 });
    try {
      expect(second.emu.routing().voiceConnectors.map(v => v.VoiceConnectorId)).toEqual([vc]);
      expect(await failure(second.voice.send(new DeleteVoiceConnectorCommand({ VoiceConnectorId: vc })))).toMatchObject({ Code: 'PhoneNumberAssociationsExist' });
    } finally {
      await second.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
