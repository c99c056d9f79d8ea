// The emulator against the AWS service models of both APIs (facts in test/fixtures/chime-model-facts.json):
// for every operation it serves, requests the model accepts are not refused as malformed, requests
// it refuses are refused as the service refuses them, and every answer has the model's shape.
import { ConformanceClient, Exchange } from './conformance/client';
import { APIS, membersSeen, model, violations } from './conformance/model';
import { baseInput, LAMBDA_ARN, ProbeContext, probes, RoutingContext } from './conformance/probes';
import { harness, Harness, signedRaw } from './helpers';

const MUTATING = new Set(['CreatePhoneNumberOrder', 'UpdatePhoneNumber', 'DeletePhoneNumber', 'BatchDeletePhoneNumber', 'RestorePhoneNumber']);
// Creating one more Voice Connector, group or SIP media application leaves what later probes use as it was.
const ADDITIVE = new Set(['CreateVoiceConnector', 'CreateVoiceConnectorGroup', 'CreateSipMediaApplication']);
const isMutating = (operation: string) => MUTATING.has(operation) || (/^(Create|Update|Delete|Associate|Disassociate)/.test(operation) && !ADDITIVE.has(operation));
const [HELD, OTHER, QUEUED] = ['+12065550100', '+12065550101', '+12065550102'];
// Chime SDK Voice's routing operations need Voice Connectors, groups, a SIP media application and numbers around them.
const [ROUTED, GROUPED, SIP_NUMBER, SIP_RULED] = ['+12065550103', '+12065550104', '+12065550105', '+12065550106'];
const hasItem = (input: Record<string, unknown>, member: string, test: (item: Record<string, unknown>) => boolean) =>
  Array.isArray(input[member]) && (input[member] as Record<string, unknown>[]).some((i) => i !== null && typeof i === 'object' && test(i));
const sameRegionTwice = (input: Record<string, unknown>) => Array.isArray(input.TargetApplications)
  && new Set((input.TargetApplications as { AwsRegion?: unknown }[]).map((t) => t?.AwsRegion)).size < input.TargetApplications.length;
const targetUnnamed = (input: Record<string, unknown>) => hasItem(input, 'TargetApplications', (t) => ['SipMediaApplicationId', 'Priority', 'AwsRegion'].some((k) => t[k] === undefined));

/**
 * Rules of the service beyond its model, from the API reference: requests the model accepts and
 * the service still refuses. Each is refused as a BadRequest that does not claim a model constraint.
 */
const SERVICE_RULES: {
  operation: string;
  why: string;
  input: (ctx: ProbeContext) => Record<string, unknown>;
  /** Which model-accepted probes the rule refuses, where the probes reach it. */
  covers?: (input: Record<string, unknown>) => boolean;
  /** An operation only Chime SDK Voice serves. */
  voiceOnly?: boolean;
}[] = [
  { operation: 'CreatePhoneNumberOrder', why: 'an order of no numbers', input: () => ({ ProductType: 'VoiceConnector', E164PhoneNumbers: [] }) },
  { operation: 'CreatePhoneNumberOrder', why: 'a number twice', input: () => ({ ProductType: 'VoiceConnector', E164PhoneNumbers: ['+13035550150', '13035550150'] }) },
  { operation: 'CreatePhoneNumberOrder', why: 'a +1 number of nine digits', input: () => ({ ProductType: 'VoiceConnector', E164PhoneNumbers: ['+1303555015'] }) },
  { operation: 'CreatePhoneNumberOrder', why: 'a U.K. number for a Voice Connector', input: () => ({ ProductType: 'VoiceConnector', E164PhoneNumbers: ['+442079460100'] }) },
  { operation: 'UpdatePhoneNumber', why: 'two details at once', input: (c) => ({ PhoneNumberId: c.held, ProductType: 'VoiceConnector', CallingName: 'Example Co' }) },
  {
    operation: 'BatchDeletePhoneNumber',
    why: 'a blank ID, which the answer could not name',
    input: () => ({ PhoneNumberIds: [' '] }),
    covers: (i) => Array.isArray(i.PhoneNumberIds) && i.PhoneNumberIds.some((id) => !/[^ \t\n\x0B\f\r]/.test(id)),
  },
  { operation: 'ListPhoneNumberOrders', why: 'a token the service never issued', input: () => ({ NextToken: 'garbage' }) },
  { operation: 'ListPhoneNumbers', why: 'a token the service never issued', input: () => ({ NextToken: 'garbage' }) },
  { operation: 'SearchAvailablePhoneNumbers', why: 'City without State', input: () => ({ City: 'Seattle', AreaCode: '206' }) },
  { operation: 'SearchAvailablePhoneNumbers', why: 'a U.S. search without a filter', input: () => ({ Country: 'US' }) },
  ...['CreateSipMediaApplication', 'UpdateSipMediaApplication'].map((operation) => ({
    operation, why: 'an endpoint without its LambdaArn', voiceOnly: true,
    input: (c: ProbeContext) => ({ ...baseInput('chime-sdk-voice', operation, c), Endpoints: [{}] }),
    covers: (i: Record<string, unknown>) => hasItem(i, 'Endpoints', (e) => e.LambdaArn === undefined),
  })),
  ...['CreateSipRule', 'UpdateSipRule'].flatMap((operation) => [
    {
      operation, why: 'a target application without its SIP media application', voiceOnly: true,
      input: (c: ProbeContext) => ({ ...baseInput('chime-sdk-voice', operation, c), TargetApplications: [{ Priority: 1, AwsRegion: 'us-east-1' }] }),
      covers: targetUnnamed,
    },
    {
      // The model: "Only one SIP application per AWS Region can be used."
      operation, why: 'two target applications in one Region', voiceOnly: true,
      input: (c: ProbeContext) => ({
        ...baseInput('chime-sdk-voice', operation, c),
        TargetApplications: [{ SipMediaApplicationId: c.routing!.sipMediaApplication, Priority: 1, AwsRegion: 'us-east-1' }, { SipMediaApplicationId: c.routing!.sipMediaApplication, Priority: 2, AwsRegion: 'us-east-1' }],
      }),
      covers: (i: Record<string, unknown>) => !targetUnnamed(i) && sameRegionTwice(i),
    },
  ]),
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(APIS)('conformance of the %s API', (api) => {
  let h: Harness;
  let client: ConformanceClient;
  beforeAll(async () => {
    h = await harness();
    client = new ConformanceClient(h.emu.url);
  });
  afterAll(async () => {
    client.destroy();
    await h.close();
  });

  const facts = model(api);
  const OPERATIONS = Object.keys(facts.operations);
  const call = (operation: string, input: Record<string, unknown>) => client.call(api, operation, input);

  /** An account holding HELD and OTHER, with QUEUED in the deletion queue; on Chime SDK Voice, routing around them too. */
  async function setup(operation?: string): Promise<ProbeContext> {
    h.emu.reset();
    const placed = await call('CreatePhoneNumberOrder', { ProductType: 'VoiceConnector', E164PhoneNumbers: [HELD, OTHER, QUEUED] });
    await call('DeletePhoneNumber', { PhoneNumberId: QUEUED });
    const orderId = (placed.body.PhoneNumberOrder as { PhoneNumberOrderId: string }).PhoneNumberOrderId;
    const routingOperation = operation === undefined || !(operation in model('chime').operations);
    return { held: HELD, queued: QUEUED, orderId, ...(api === 'chime-sdk-voice' && routingOperation ? { routing: await routingSetup(operation) } : {}) };
  }

  /** Only what the operation's requests name, so that a fresh account per probe stays cheap. */
  async function routingSetup(operation?: string): Promise<RoutingContext> {
    const must = async (op: string, input: Record<string, unknown>) => {
      const ex = await call(op, input);
      if (ex.status >= 300) throw new Error(`setup ${op} failed: ${ex.status} ${String(ex.body.Message)}`);
      return ex.body;
    };
    const id = (body: Record<string, unknown>, key: string, member: string) => (body[key] as Record<string, string>)[member];
    const needs = (...parts: string[]) => operation === undefined || parts.some((p) => operation.includes(p));
    const vc = async () => id(await must('CreateVoiceConnector', { Name: 'conformance', RequireEncryption: true }), 'VoiceConnector', 'VoiceConnectorId');
    const group = async () => id(await must('CreateVoiceConnectorGroup', { Name: 'conformance' }), 'VoiceConnectorGroup', 'VoiceConnectorGroupId');
    const r: RoutingContext = {
      voiceConnector: '', routedVoiceConnector: '', routed: ROUTED, group: '', routedGroup: '', grouped: GROUPED, sipMediaApplication: '', sipNumber: SIP_NUMBER, sipRule: '',
    };
    if (needs('VoiceConnector')) r.voiceConnector = await vc();
    if (needs('DisassociatePhoneNumbersFromVoiceConnector', 'VoiceConnectorGroup')) {
      await must('CreatePhoneNumberOrder', { ProductType: 'VoiceConnector', E164PhoneNumbers: [ROUTED, GROUPED] });
    }
    if (needs('DisassociatePhoneNumbersFromVoiceConnector') && !needs('Group')) {
      r.routedVoiceConnector = await vc();
      await must('AssociatePhoneNumbersWithVoiceConnector', { VoiceConnectorId: r.routedVoiceConnector, E164PhoneNumbers: [ROUTED] });
    }
    if (needs('VoiceConnectorGroup')) r.group = await group();
    if (needs('DisassociatePhoneNumbersFromVoiceConnectorGroup')) {
      r.routedGroup = await group();
      await must('AssociatePhoneNumbersWithVoiceConnectorGroup', { VoiceConnectorGroupId: r.routedGroup, E164PhoneNumbers: [GROUPED] });
    }
    if (needs('Sip')) {
      r.sipMediaApplication = id(await must('CreateSipMediaApplication', { AwsRegion: 'us-east-1', Name: 'conformance', Endpoints: [{ LambdaArn: LAMBDA_ARN }] }),
        'SipMediaApplication', 'SipMediaApplicationId');
    }
    if (needs('SipRule')) {
      await must('CreatePhoneNumberOrder', { ProductType: 'SipMediaApplicationDialIn', E164PhoneNumbers: [SIP_NUMBER, SIP_RULED] });
      r.sipRule = id(await must('CreateSipRule', {
        Name: 'conformance', TriggerType: 'ToPhoneNumber', TriggerValue: SIP_RULED, Disabled: true,
        TargetApplications: [{ SipMediaApplicationId: r.sipMediaApplication, Priority: 1, AwsRegion: 'us-east-1' }],
      }), 'SipRule', 'SipRuleId');
    }
    return r;
  }

  /** Whatever the answer, it is one the model describes for this operation. */
  function answerProblems(operation: string, ex: Exchange): string[] {
    const op = facts.operations[operation];
    if (ex.status < 300) {
      if (ex.status !== op.responseCode) return [`answered ${ex.status}, the model says ${op.responseCode}`];
      return op.output ? violations(api, op.output, ex.body, '').map((v) => `response ${v.path}: ${v.rule}`) : [];
    }
    const type = ex.errorType ?? '';
    const shape = facts.shapes[type];
    if (!op.errors.includes(type) || shape.httpStatusCode !== ex.status) return [`answered ${ex.status} ${type}, not an error of ${operation}`];
    // Both SDK clients model these two members on every error (the voice botocore model lists none).
    const extra = Object.keys(ex.body).filter((k) => k !== 'Code' && k !== 'Message');
    return extra.length > 0 ? [`error body has ${extra.join(', ')}`] : [];
  }

  test.each(OPERATIONS)('%s is bound to the method and URI of the model', async (operation) => {
    const ctx = await setup(operation);
    const op = facts.operations[operation];
    const input = baseInput(api, operation, ctx);
    const inputShape = facts.shapes[op.input];
    let [path, query] = op.requestUri.split('?');
    const params: Record<string, string> = Object.fromEntries(new URLSearchParams(query ?? ''));
    const body: Record<string, unknown> = {};
    for (const [member, ref] of Object.entries(inputShape.members ?? {})) {
      if (input[member] === undefined) continue;
      if (ref.location === 'uri') path = path.replace(`{${ref.locationName}}`, encodeURIComponent(String(input[member])));
      else if (ref.location === 'querystring') params[ref.locationName as string] = String(input[member]);
      else body[member] = input[member];
    }
    const hasBody = op.method === 'POST' || op.method === 'PUT';
    const res = await signedRaw(h.emu.url, op.method, { api, path, query: params, body: hasBody ? JSON.stringify(body) : undefined });
    expect(res.status).toBe(op.responseCode);
    expect(h.emu.stats().byOperation[operation]).toBeGreaterThanOrEqual(1);
    expect(h.emu.stats().malformed).toBe(0);
  });

  test.each(OPERATIONS)('%s accepts what the model accepts and refuses what it refuses', async (operation) => {
    const op = facts.operations[operation];
    let ctx = await setup(operation);
    const failures: string[] = [];
    for (const probe of probes(api, operation, ctx)) {
      if (isMutating(operation)) {
        ctx = await setup(operation);
        Object.assign(probe.input, Object.fromEntries(Object.entries(baseInput(api, operation, ctx)).filter(([k]) => k !== probe.member && k in probe.input)));
      }
      const expected = violations(api, op.input, probe.input, '');
      const rule = SERVICE_RULES.find((r) => r.operation === operation && r.covers?.(probe.input));
      const before = h.emu.stats().malformed;
      const ex = await call(operation, probe.input);
      const refused = h.emu.stats().malformed - before;
      const message = String(ex.body.Message ?? '');
      const fail = (why: string) => failures.push(`${probe.label}: ${why} (answer ${ex.status} ${ex.errorType ?? ''} ${message.slice(0, 160)})`);
      if (expected.length === 0 && rule) {
        if (refused !== 1 || ex.status !== 400 || /failed to satisfy constraint/.test(message)) fail(`expected the refusal of ${rule.why}`);
      } else if (expected.length === 0) {
        if (refused !== 0) fail('the model accepts it, the emulator refused it as malformed');
      } else {
        const at = new RegExp(`^1 validation error detected: Value[^]* at '(${expected.map((v) => escape(v.path)).join('|')})' failed to satisfy constraint: `);
        if (refused !== 1 || ex.status !== 400 || ex.errorType !== 'BadRequestException' || ex.body.Code !== 'BadRequest') {
          fail(`the model refuses it (${expected[0].path}: ${expected[0].rule}), the emulator did not refuse it as a BadRequest`);
        } else if (!at.test(message)) {
          fail(`refused, but the message does not name ${expected.map((v) => v.path).join(' or ')}`);
        }
        const value = probe.input[probe.member];
        const sensitive = facts.shapes[facts.shapes[op.input].members?.[probe.member]?.shape ?? '']?.sensitive;
        if (sensitive && typeof value === 'string' && value.length >= 3 && message.includes(value)) fail('the message shows a sensitive value');
      }
      answerProblems(operation, ex).forEach(fail);
    }
    expect(failures).toEqual([]);
  });

  test.each(SERVICE_RULES.filter((r) => api === 'chime-sdk-voice' || !r.voiceOnly))('$operation: $why is refused, by a rule beyond the model', async ({ operation, input }) => {
    const ctx = await setup(operation);
    const request = input(ctx);
    expect(violations(api, facts.operations[operation].input, request, '')).toEqual([]);
    const before = h.emu.stats().malformed;
    const ex = await call(operation, request);
    expect({ status: ex.status, type: ex.errorType, code: ex.body.Code }).toEqual({ status: 400, type: 'BadRequestException', code: 'BadRequest' });
    expect(ex.body.Message).not.toMatch(/failed to satisfy constraint/);
    expect(h.emu.stats().malformed).toBe(before + 1);
  });

  test('answers carry every member of the model, and only those', async () => {
    const seen = new Map<string, Set<string>>();
    const problems: string[] = [];
    const record = async (operation: string, input: Record<string, unknown>) => {
      const ex = await call(operation, input);
      problems.push(...answerProblems(operation, ex).map((p) => `${operation}: ${p}`));
      if (ex.status >= 300) problems.push(`${operation}: failed with ${ex.status} ${String(ex.body.Message)}`);
      const out = facts.operations[operation].output;
      if (out) membersSeen(api, out, ex.body, seen);
      return ex.body;
    };
    h.emu.reset();
    const name = api === 'chime-sdk-voice' ? { Name: 'front-desk' } : {};
    const placed = await record('CreatePhoneNumberOrder', { ProductType: 'VoiceConnector', E164PhoneNumbers: [HELD, OTHER], ...name });
    await record('CreatePhoneNumberOrder', { ProductType: 'SipMediaApplicationDialIn', E164PhoneNumbers: ['+18005550100'] });
    await record('GetPhoneNumberOrder', { PhoneNumberOrderId: (placed.PhoneNumberOrder as { PhoneNumberOrderId: string }).PhoneNumberOrderId });
    const page = await record('ListPhoneNumberOrders', { MaxResults: 1 });
    await record('ListPhoneNumberOrders', { NextToken: page.NextToken });
    h.emu.associate(HELD, 'VoiceConnectorId', 'abcdef1ghij2klmno3pqr4');
    await record('GetPhoneNumber', { PhoneNumberId: HELD });
    await record('UpdatePhoneNumber', { PhoneNumberId: OTHER, CallingName: 'Example Co' });
    await call('DeletePhoneNumber', { PhoneNumberId: OTHER });
    await record('GetPhoneNumber', { PhoneNumberId: OTHER });
    await record('RestorePhoneNumber', { PhoneNumberId: OTHER });
    await record('BatchDeletePhoneNumber', { PhoneNumberIds: [HELD, '+18005550100'] });
    await record('SearchAvailablePhoneNumbers', { AreaCode: '206', MaxResults: 2 });
    const numbers = await record('ListPhoneNumbers', { MaxResults: 1 });
    await record('ListPhoneNumbers', { NextToken: numbers.NextToken });
    expect(problems).toEqual([]);
    const missing: string[] = [];
    for (const [shape, members] of seen) {
      for (const m of Object.keys(facts.shapes[shape].members ?? {})) if (!members.has(m)) missing.push(`${shape}.${m}`);
    }
    expect(missing).toEqual([]);
    // Every structure the operations answer with was seen.
    expect([...seen.keys()].sort()).toEqual(expect.arrayContaining(['PhoneNumber', 'PhoneNumberAssociation', 'PhoneNumberCapabilities', 'PhoneNumberError', 'PhoneNumberOrder', 'OrderedPhoneNumber']));
  });
});

describe('routing answers of Chime SDK Voice', () => {
  let h: Harness;
  let client: ConformanceClient;
  beforeAll(async () => {
    h = await harness();
    client = new ConformanceClient(h.emu.url);
  });
  afterAll(async () => {
    client.destroy();
    await h.close();
  });

  test('carry every member of the model, and only those', async () => {
    const api = 'chime-sdk-voice';
    const facts = model(api);
    const seen = new Map<string, Set<string>>();
    const problems: string[] = [];
    const record = async (operation: string, input: Record<string, unknown>) => {
      const ex = await client.call(api, operation, input);
      if (ex.status !== facts.operations[operation].responseCode) problems.push(`${operation}: answered ${ex.status} ${String(ex.body.Message)}`);
      const out = facts.operations[operation].output;
      if (out) {
        problems.push(...violations(api, out, ex.body, '').map((v) => `${operation}: response ${v.path}: ${v.rule}`));
        membersSeen(api, out, ex.body, seen);
      }
      return ex.body as Record<string, Record<string, string>>;
    };
    await record('CreatePhoneNumberOrder', { ProductType: 'VoiceConnector', E164PhoneNumbers: [HELD, OTHER] });
    await record('CreatePhoneNumberOrder', { ProductType: 'SipMediaApplicationDialIn', E164PhoneNumbers: [QUEUED] });
    const vc = (await record('CreateVoiceConnector', {
      Name: 'members', RequireEncryption: true, AwsRegion: 'us-west-2', IntegrationType: 'CONNECT_ANALYTICS_CONNECTOR', NetworkType: 'DUAL_STACK', Tags: [{ Key: 'k', Value: 'v' }],
    })).VoiceConnector.VoiceConnectorId;
    await record('GetVoiceConnector', { VoiceConnectorId: vc });
    await record('UpdateVoiceConnector', { VoiceConnectorId: vc, Name: 'members two', RequireEncryption: false });
    const group = (await record('CreateVoiceConnectorGroup', { Name: 'members', VoiceConnectorItems: [{ VoiceConnectorId: vc, Priority: 1 }] })).VoiceConnectorGroup.VoiceConnectorGroupId;
    await record('GetVoiceConnectorGroup', { VoiceConnectorGroupId: group });
    await record('AssociatePhoneNumbersWithVoiceConnector', { VoiceConnectorId: vc, E164PhoneNumbers: [HELD, '+13035550199'] });
    await record('AssociatePhoneNumbersWithVoiceConnectorGroup', { VoiceConnectorGroupId: group, E164PhoneNumbers: [OTHER] });
    await record('DisassociatePhoneNumbersFromVoiceConnector', { VoiceConnectorId: vc, E164PhoneNumbers: [HELD] });
    await record('DisassociatePhoneNumbersFromVoiceConnectorGroup', { VoiceConnectorGroupId: group, E164PhoneNumbers: [OTHER] });
    const sma = (await record('CreateSipMediaApplication', { AwsRegion: 'us-east-1', Name: 'members', Endpoints: [{ LambdaArn: LAMBDA_ARN }] })).SipMediaApplication.SipMediaApplicationId;
    await record('GetSipMediaApplication', { SipMediaApplicationId: sma });
    await record('UpdateSipMediaApplication', { SipMediaApplicationId: sma, Name: 'members two' });
    const target = [{ SipMediaApplicationId: sma, Priority: 1, AwsRegion: 'us-east-1' }];
    const rule = (await record('CreateSipRule', { Name: 'members', TriggerType: 'ToPhoneNumber', TriggerValue: QUEUED, TargetApplications: target })).SipRule.SipRuleId;
    await record('GetSipRule', { SipRuleId: rule });
    await record('UpdateSipRule', { SipRuleId: rule, Name: 'members', Disabled: true });
    await record('GetPhoneNumber', { PhoneNumberId: QUEUED });
    await record('DeleteSipRule', { SipRuleId: rule });
    await record('DeleteSipMediaApplication', { SipMediaApplicationId: sma });
    expect(problems).toEqual([]);
    const missing: string[] = [];
    // PhoneNumber's own members are the other test's; here it is read for its SipRuleId association.
    for (const [shape, members] of [...seen].filter(([shape]) => shape !== 'PhoneNumber')) {
      for (const m of Object.keys(facts.shapes[shape].members ?? {})) if (!members.has(m)) missing.push(`${shape}.${m}`);
    }
    expect(missing).toEqual([]);
    expect([...seen.keys()].sort()).toEqual(expect.arrayContaining([
      'VoiceConnector', 'VoiceConnectorGroup', 'VoiceConnectorItem', 'SipMediaApplication', 'SipMediaApplicationEndpoint', 'SipRule',
      'SipRuleTargetApplication', 'PhoneNumberError', 'PhoneNumberAssociation',
    ]));
    expect(h.emu.stats().malformed).toBe(0);
  });
});
