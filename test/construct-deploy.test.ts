// Construct behaviour that only a deploy shows, through the local deploy (test/local-deploy/run.ts):
// changing the shared provider's settings after the first deploy, and a region that was a token at synth.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { PhoneNumberOrder, PhoneNumberOrderProvider, PhoneProductType, type PhoneNumberOrderProviderProps } from '../lib';
import type { StackState } from '../tools/local-deploy/state';
import type { Template } from '../tools/local-deploy/template';
import { inventory } from './local-deploy/example-app';
import { run } from './local-deploy/run';

/** What the CDK CLI adds to an app's context, so that the assembly names each function's asset directory. */
const CLI_CONTEXT = { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true };
const STACK = 'Telephony';

let root: string;
beforeAll(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'construct-deploy-')); });
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function synth(name: string, build: (stack: Stack) => void): string {
  const outdir = path.join(root, name);
  const app = new App({ outdir, context: CLI_CONTEXT });
  build(new Stack(app, STACK));
  app.synth();
  return outdir;
}

function twoOrders(stack: Stack, provider?: PhoneNumberOrderProvider): void {
  new PhoneNumberOrder(stack, 'Front', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: ['+12065550100'], provider });
  new PhoneNumberOrder(stack, 'Back', { productType: PhoneProductType.SIP_MEDIA_APPLICATION_DIAL_IN, e164PhoneNumbers: ['+12065550101'], provider });
}

const configured = (props: PhoneNumberOrderProviderProps) => (stack: Stack) => {
  PhoneNumberOrderProvider.configure(stack, props);
  twoOrders(stack);
};

const deployed = (stateDir: string): StackState => JSON.parse(fs.readFileSync(path.join(stateDir, 'stacks', `${STACK}.json`), 'utf8'));
const physicalIds = (s: StackState) => Object.fromEntries(Object.entries(s.resources).map(([id, r]) => [id, r.physicalId]));
const serviceTokens = (s: StackState) => Object.fromEntries(Object.entries(s.resources)
  .filter(([, r]) => r.type === PhoneNumberOrder.RESOURCE_TYPE).map(([id, r]) => [id, r.properties.ServiceToken]));
const templateOf = (assembly: string): Template => JSON.parse(fs.readFileSync(path.join(assembly, `${STACK}.template.json`), 'utf8'));

/** For each resource whose properties differ, the type and the names of the properties that differ. */
function changedProperties(before: Template, after: Template): Record<string, string> {
  const changes: Record<string, string> = {};
  for (const [id, r] of Object.entries(after.Resources ?? {})) {
    const old = before.Resources?.[id];
    const props = new Set([...Object.keys(old?.Properties ?? {}), ...Object.keys(r.Properties ?? {})]);
    const differ = [...props].filter(p => JSON.stringify(old?.Properties?.[p]) !== JSON.stringify(r.Properties?.[p])).sort();
    if (differ.length > 0) changes[`${r.Type} ${id.replace(/[0-9A-F]{8}$/, '')}`] = differ.join(',');
  }
  return changes;
}

describe('changing the shared provider\'s settings after the first deploy', () => {
  const first = { queryInterval: Duration.seconds(10), totalTimeout: Duration.minutes(30) };
  const second = { queryInterval: Duration.seconds(5), totalTimeout: Duration.minutes(20), logRetention: logs.RetentionDays.ONE_WEEK };
  let stateDir: string;
  let before: StackState;

  beforeAll(async () => {
    stateDir = path.join(root, 'settings-state');
    const { result } = await run({ app: synth('first.out', configured(first)), stateDir });
    expect(result.exitCode).toBe(0);
    before = deployed(stateDir);
  }, 120_000);

  test('deploys in place: same resources, same physical IDs, same ServiceTokens, only settings properties changed', async () => {
    const assembly = synth('second.out', configured(second));
    expect(Object.keys(templateOf(assembly).Resources ?? {}).sort()).toEqual(Object.keys(before.template.Resources ?? {}).sort());
    expect(changedProperties(before.template, templateOf(assembly))).toEqual({
      'AWS::Lambda::Function PhoneNumberOrderProviderIsComplete': 'Environment',
      'AWS::Logs::LogGroup PhoneNumberOrderProviderLogs': 'RetentionInDays',
      'AWS::Logs::LogGroup PhoneNumberOrderProviderWaiterLogs': 'RetentionInDays',
      'AWS::StepFunctions::StateMachine PhoneNumberOrderProviderwaiterstatemachine': 'DefinitionString',
      'Custom::ChimePhoneNumberOrder Front': 'ServiceTimeout',
      'Custom::ChimePhoneNumberOrder Back': 'ServiceTimeout',
    });

    const { result } = await run({ app: assembly, stateDir });
    expect(result.exitCode).toBe(0);
    expect(result.stacks[0].status).toBe('UPDATE_COMPLETE');
    const after = deployed(stateDir);
    // Each order sees its new ServiceTimeout as an in-place update, answered with the same physical ID.
    expect(result.events.map(e => `${e.requestType} ${e.status} ${e.physicalResourceId === before.resources[e.logicalResourceId].physicalId}`))
      .toEqual(['Update SUCCESS true', 'Update SUCCESS true']);
    expect(physicalIds(after)).toEqual(physicalIds(before));
    expect(serviceTokens(after)).toEqual(serviceTokens(before));
    expect(Object.values(serviceTokens(after))).toHaveLength(2);
  }, 120_000);

  test('what configure() avoids: giving the orders a provider of their own changes their ServiceToken, which is refused', async () => {
    const assembly = synth('own-provider.out', stack => twoOrders(stack, new PhoneNumberOrderProvider(stack, 'Mine', second)));
    const { result, err } = await run({ app: assembly, stateDir });
    expect(result.exitCode).toBe(1);
    expect(err).toMatch(/Modifying service token is not allowed/);
    expect(result.stacks[0].status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(serviceTokens(deployed(stateDir))).toEqual(serviceTokens(before));
  }, 120_000);
});

describe('a stack whose region is a token at synth', () => {
  let assembly: string;
  beforeAll(() => {
    assembly = synth('anywhere.out', stack => {
      new PhoneNumberOrder(stack, 'Numbers', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: ['+12065550100'] });
    });
  });

  test('deployed where Chime SDK Voice has no phone numbers: the handler fails at once, naming the region and the choices', async () => {
    const stateDir = path.join(root, 'eu-north-1');
    const { result } = await run({ app: assembly, stateDir, region: 'eu-north-1' });
    expect(result.exitCode).toBe(1);
    expect(result.stacks[0].status).toBe('ROLLBACK_COMPLETE');
    expect(result.events[0]).toMatchObject({ requestType: 'Create', status: 'FAILED' });
    const reason = result.events[0].reason!;
    expect(reason).toMatch(/ApiRegion "eu-north-1" .*has no Chime SDK Voice phone number API: phone numbers are ordered and managed only in us-east-1 or us-west-2/);
    expect(reason).toMatch(/set the PhoneNumberOrder's apiRegion prop to us-east-1 or us-west-2 and deploy again\. Logs: \S+\n/);
    // Refused before any order: the account holds nothing, in any state.
    expect(await inventory(path.join(stateDir, 'emulator.json'))).toEqual({});
  }, 120_000);

  test('deployed in us-west-2: the numbers are ordered there', async () => {
    const { result } = await run({ app: assembly, stateDir: path.join(root, 'us-west-2'), region: 'us-west-2' });
    expect(result.exitCode).toBe(0);
    expect(result.events.map(e => `${e.requestType} ${e.status}`)).toEqual(['Create SUCCESS']);
    expect(Object.values(result.outputs[STACK])).toContain('+12065550100');
  }, 120_000);
});
