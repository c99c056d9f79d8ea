// Requests derived from the model: a well-formed base request per operation, then one member
// changed at a time to values around each constraint the model states (and to values the model
// does not constrain at all). The model, not this file, decides which of them are well-formed.
import { Api, javaPattern, model, Shape } from './model';

export interface Probe {
  /** For the test name. */
  label: string;
  member: string;
  input: Record<string, unknown>;
}

/**
 * Strings tried on every string member: whitespace of both kinds (Java's `\s` is ASCII only),
 * edges of the patterns in the models, lengths around 15 and 256.
 */
const STRINGS = [
  'a', 'ab', 'Main Line', 'a b', 'a\tb', 'a\u000bb', 'a\nb', 'a\u00a0b', 'a\u2003b', 'a\u3000b', ' a', 'a ', ' ', '',
  'a,b.c_d-e', 'a!b', 'é', 'US', 'us', 'USA', 'xUSx', 'U', '1A', '800', '833', '801', '80', '8000',
  'abcdefghijklmno', 'abcdefghijklmnop', 'a'.repeat(256), 'a'.repeat(257),
];

/**
 * Values of members the service reads beyond their shape. Phone numbers: a number the model
 * accepts must also be one the service can order (a real U.S. number), or the probe would test a
 * service rule, not the model (those are listed apart, in SERVICE_RULES).
 */
const E164_NUMBERS = ['+12065550142', '12065550143', '+18005550144', '206-555-0100', '+0123', '+1206555010012345', '', '+', '+1 2065550100', 'tel:+12065550100'];
/** Area codes that hold fictional 555-01xx numbers, for orders of many numbers. */
const AREAS = ['206', '212', '303', '312', '415', '512', '617', '702'];

export interface ProbeContext {
  /** Held by the account (Unassigned). */
  held: string;
  /** In the deletion queue. */
  queued: string;
  orderId: string;
  /** Chime SDK Voice only: what the routing operations act on (see setup in conformance.test.ts). */
  routing?: RoutingContext;
}

export interface RoutingContext {
  /** A Voice Connector with no numbers and in no group. */
  voiceConnector: string;
  /** A Voice Connector that `routed` is associated with. */
  routedVoiceConnector: string;
  routed: string;
  /** A group with no Voice Connectors and no numbers. */
  group: string;
  /** A group that `grouped` is associated with. */
  routedGroup: string;
  grouped: string;
  /** In us-east-1, targeted by no enabled rule. */
  sipMediaApplication: string;
  /** A SipMediaApplicationDialIn number with no rule. */
  sipNumber: string;
  /** A disabled rule. */
  sipRule: string;
}

export const LAMBDA_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:conformance';

function routingOf(ctx: ProbeContext): RoutingContext {
  if (!ctx.routing) throw new Error('routing operations need the routing context');
  return ctx.routing;
}

/** A well-formed item of a list of structures. */
function baseItem(shape: string, ctx: ProbeContext): Record<string, unknown> {
  switch (shape) {
    case 'Tag': return { Key: 'team', Value: 'voice' };
    case 'VoiceConnectorItem': return { VoiceConnectorId: routingOf(ctx).voiceConnector, Priority: 1 };
    case 'SipMediaApplicationEndpoint': return { LambdaArn: LAMBDA_ARN };
    case 'SipRuleTargetApplication': return { SipMediaApplicationId: routingOf(ctx).sipMediaApplication, Priority: 1, AwsRegion: 'us-east-1' };
    default: throw new Error(`no base item for ${shape}`);
  }
}

/** The well-formed request every probe starts from: valid under the model and the service's own rules. */
export function baseInput(api: Api, operation: string, ctx: ProbeContext): Record<string, unknown> {
  switch (operation) {
    case 'CreatePhoneNumberOrder':
      return { ProductType: 'VoiceConnector', E164PhoneNumbers: ['+13035550150'], ...(api === 'chime-sdk-voice' ? { Name: 'conformance' } : {}) };
    case 'GetPhoneNumberOrder':
      return { PhoneNumberOrderId: ctx.orderId };
    case 'BatchDeletePhoneNumber':
      return { PhoneNumberIds: [ctx.held] };
    case 'RestorePhoneNumber':
      return { PhoneNumberId: ctx.queued };
    case 'SearchAvailablePhoneNumbers':
      // State lets City be probed alone; PhoneNumberType lets Country be other than US.
      return { AreaCode: '206', State: 'WA', PhoneNumberType: 'Local' };
    case 'GetPhoneNumber':
    case 'UpdatePhoneNumber':
    case 'DeletePhoneNumber':
      return { PhoneNumberId: ctx.held };
    default:
      return api === 'chime-sdk-voice' && ctx.routing ? routingInput(operation, ctx) : {};
  }
}

function routingInput(operation: string, ctx: ProbeContext): Record<string, unknown> {
  const r = routingOf(ctx);
  const target = [baseItem('SipRuleTargetApplication', ctx)];
  switch (operation) {
    case 'CreateVoiceConnector': return { Name: 'conformance', RequireEncryption: true };
    case 'GetVoiceConnector':
    case 'DeleteVoiceConnector': return { VoiceConnectorId: r.voiceConnector };
    case 'UpdateVoiceConnector': return { VoiceConnectorId: r.voiceConnector, Name: 'renamed', RequireEncryption: false };
    case 'AssociatePhoneNumbersWithVoiceConnector': return { VoiceConnectorId: r.voiceConnector, E164PhoneNumbers: [ctx.held] };
    case 'DisassociatePhoneNumbersFromVoiceConnector': return { VoiceConnectorId: r.routedVoiceConnector, E164PhoneNumbers: [r.routed] };
    case 'CreateVoiceConnectorGroup': return { Name: 'conformance', VoiceConnectorItems: [baseItem('VoiceConnectorItem', ctx)] };
    case 'GetVoiceConnectorGroup':
    case 'DeleteVoiceConnectorGroup': return { VoiceConnectorGroupId: r.group };
    case 'AssociatePhoneNumbersWithVoiceConnectorGroup': return { VoiceConnectorGroupId: r.group, E164PhoneNumbers: [ctx.held] };
    case 'DisassociatePhoneNumbersFromVoiceConnectorGroup': return { VoiceConnectorGroupId: r.routedGroup, E164PhoneNumbers: [r.grouped] };
    case 'CreateSipMediaApplication': return { AwsRegion: 'us-east-1', Name: 'conformance', Endpoints: [baseItem('SipMediaApplicationEndpoint', ctx)] };
    case 'GetSipMediaApplication':
    case 'DeleteSipMediaApplication': return { SipMediaApplicationId: r.sipMediaApplication };
    case 'UpdateSipMediaApplication': return { SipMediaApplicationId: r.sipMediaApplication, Name: 'renamed' };
    case 'CreateSipRule': return { Name: 'conformance', TriggerType: 'ToPhoneNumber', TriggerValue: r.sipNumber, TargetApplications: target };
    case 'GetSipRule':
    case 'DeleteSipRule': return { SipRuleId: r.sipRule };
    case 'UpdateSipRule': return { SipRuleId: r.sipRule, Name: 'renamed' };
    default: return {};
  }
}

function boundaries(s: Shape): number[] {
  const out = new Set<number>();
  if (s.min !== undefined) [s.min - 1, s.min, s.min + 1].forEach((n) => out.add(n));
  if (s.max !== undefined) [s.max - 1, s.max, s.max + 1, s.max * 10].forEach((n) => out.add(n));
  return [...out];
}

function manyNumbers(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `+1${AREAS[Math.floor(i / 100)]}55501${String(i % 100).padStart(2, '0')}`);
}

function stringValues(api: Api, shapeName: string, location: string | undefined, ctx: ProbeContext): unknown[] {
  const s = model(api).shapes[shapeName];
  if (s.enum) return [...s.enum, 'NotAValue', s.enum[0].toLowerCase()];
  if (shapeName === 'E164PhoneNumber') return E164_NUMBERS;
  if (shapeName === 'GuidString') {
    const upper = ctx.orderId.toUpperCase();
    return [ctx.orderId, upper, `x${ctx.orderId}x`, 'not-a-guid', ctx.orderId.slice(0, -1), '0f0e0d0c-0b0a-4908-8706-050403020100'];
  }
  // An empty path label is no label: the URI would name another operation.
  const values = location === 'uri' ? [ctx.held, ...STRINGS.filter((v) => v !== '')] : STRINGS;
  const filler = ['a', '8'].find((f) => s.max === undefined || !s.pattern || javaPattern(s.pattern).test(f.repeat(s.max))) ?? 'a';
  return [...values, ...boundaries(s).filter((n) => n >= 0).map((n) => filler.repeat(n))];
}

/** Values of one member of a structure: around its constraints, as for a top-level member. */
function memberValues(api: Api, shapeName: string, location: string | undefined, ctx: ProbeContext): unknown[] {
  const s = model(api).shapes[shapeName];
  if (s.type === 'boolean') return [true, false];
  if (s.type === 'integer') return boundaries(s);
  if (s.type === 'list') return listValues(api, s, ctx);
  return stringValues(api, shapeName, location, ctx);
}

/** Lists of structures: a well-formed item with one member changed (or left out) at a time, and lengths around the bounds. */
function structureListValues(api: Api, s: Shape, ctx: ProbeContext): unknown[][] {
  const itemShape = model(api).shapes[s.member as string];
  const base = baseItem(s.member as string, ctx);
  const out: unknown[][] = [];
  for (const [member, ref] of Object.entries(itemShape.members ?? {})) {
    for (const value of memberValues(api, ref.shape, undefined, ctx)) out.push([{ ...base, [member]: value }]);
    const { [member]: _left, ...rest } = base;
    out.push([rest]);
  }
  const lengths = s.max !== undefined ? boundaries(s) : [...boundaries(s), 2, 600];
  return [...out, ...lengths.filter((n) => n >= 0).map((n) => Array.from({ length: n }, () => ({ ...base })))];
}

function listValues(api: Api, s: Shape, ctx: ProbeContext): unknown[][] {
  if (model(api).shapes[s.member as string].type === 'structure') return structureListValues(api, s, ctx);
  const items = s.member === 'E164PhoneNumber' ? E164_NUMBERS : stringValues(api, s.member as string, undefined, ctx);
  const lengths = s.max !== undefined ? boundaries(s) : [...boundaries(s), 2, 600];
  const sample = (n: number) => (s.member === 'E164PhoneNumber' ? manyNumbers(n) : [ctx.held, ...manyNumbers(n - 1)].slice(0, n));
  return [...items.map((v) => [v]), ...lengths.filter((n) => n >= 0).map(sample)];
}

/** Every probe of one operation: one member at a time, its required members left out one at a time. */
export function probes(api: Api, operation: string, ctx: ProbeContext): Probe[] {
  const facts = model(api);
  const input = facts.shapes[facts.operations[operation].input];
  const base = baseInput(api, operation, ctx);
  const out: Probe[] = [];
  for (const [member, ref] of Object.entries(input.members ?? {})) {
    if (member === 'NextToken') continue; // opaque: only tokens the service issued are meaningful (see SERVICE_RULES)
    const values = memberValues(api, ref.shape, ref.location, ctx);
    for (const value of values) {
      const shown = Array.isArray(value) ? `${value.length} item(s) ${JSON.stringify(value.slice(0, 2))}` : JSON.stringify(value);
      out.push({ label: `${member} = ${shown.slice(0, 40)}`, member, input: { ...base, [member]: value } });
    }
    if (input.required?.includes(member) && ref.location !== 'uri') {
      const { [member]: _left, ...rest } = base;
      out.push({ label: `${member} left out`, member, input: rest });
    }
  }
  return out;
}
