/**
 * Validation of the routing operations' requests (Chime SDK Voice model), before any state is
 * touched: a failure is a defect of the request (`invalid`, counted as malformed). Members are
 * named as the service names them (`targetApplications.1.member.priority`).
 */
import * as c from './constraints';
import { invalid } from './errors';
import { normalize } from './numbers';
import type { SipRuleRecord, SipRuleTarget } from './routing';

// The model's patterns, bounds and enums, verbatim (test/fixtures/chime-model-facts.json holds them).
const E164 = '^\\+?[1-9]\\d{1,14}$';
const NON_EMPTY = '.*\\S.*';
const RESOURCE_NAME = '[a-zA-Z0-9 _.-]+';
const FUNCTION_ARN = 'arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1}:\\d{12}:function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?';
const VOICE_CONNECTOR_REGIONS = ['us-east-1', 'us-west-2', 'ca-central-1', 'eu-central-1', 'eu-west-1', 'eu-west-2', 'ap-northeast-2', 'ap-northeast-1', 'ap-southeast-1', 'ap-southeast-2'] as const;
const INTEGRATION_TYPES = ['CONNECT_CALL_TRANSFER_CONNECTOR', 'CONNECT_ANALYTICS_CONNECTOR'] as const;
const NETWORK_TYPES = ['IPV4_ONLY', 'DUAL_STACK'] as const;
const TRIGGER_TYPES = ['ToPhoneNumber', 'RequestUriHostname'] as const;

type Json = Record<string, unknown>;

const present = (v: unknown) => v !== undefined && v !== null;

/** A path label (`{voiceConnectorId}`): one non-space character; an ID that names nothing is NotFound, not a defect. */
export function validateId(member: string, id: string): string {
  c.checkPattern(member, NON_EMPTY, id, false);
  return id;
}

function str(body: Json, field: string, member: string, opts: { required?: boolean; min?: number; max?: number; pattern?: string; sensitive?: boolean } = {}): string | undefined {
  const v = body[field];
  if (!present(v)) {
    if (opts.required) throw c.required(member);
    return undefined;
  }
  if (typeof v !== 'string') throw invalid(`${field} must be a string.`);
  const shown = opts.sensitive ? undefined : v;
  c.checkLength(member, v, shown, opts.min, opts.max);
  if (opts.pattern !== undefined) c.checkPattern(member, opts.pattern, v, opts.sensitive ?? false);
  return v;
}

function bool(body: Json, field: string, member: string, required = false): boolean | undefined {
  const v = body[field];
  if (!present(v)) {
    if (required) throw c.required(member);
    return undefined;
  }
  if (typeof v !== 'boolean') throw invalid(`${field} must be a boolean.`);
  return v;
}

function int(body: Json, field: string, member: string, min: number, max = Infinity, required = false): number | undefined {
  const v = body[field];
  if (!present(v)) {
    if (required) throw c.required(member);
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) throw invalid(`${field} must be an integer.`);
  c.checkRange(member, v, min, max);
  return v;
}

function list(body: Json, field: string, member: string, opts: { required?: boolean; min?: number; max?: number } = {}): unknown[] | undefined {
  const v = body[field];
  if (!present(v)) {
    if (opts.required) throw c.required(member);
    return undefined;
  }
  if (!Array.isArray(v)) throw invalid(`${field} must be a list.`);
  c.checkLength(member, v, undefined, opts.min, opts.max);
  return v;
}

function structures(items: unknown[], field: string): Json[] {
  if (!items.every(i => i !== null && typeof i === 'object' && !Array.isArray(i))) throw invalid(`${field} must hold objects.`);
  return items as Json[];
}

function enumOf<T extends string>(body: Json, field: string, member: string, allowed: readonly T[], required = false): T | undefined {
  const v = str(body, field, member, { required });
  return v === undefined ? undefined : c.checkEnum(member, allowed, v);
}

function tags(body: Json): void {
  const items = list(body, 'Tags', 'tags', { min: 1, max: 50 });
  structures(items ?? [], 'Tags').forEach((t, i) => {
    str(t, 'Key', `tags.${i + 1}.member.key`, { required: true, min: 1, max: 128, sensitive: true });
    str(t, 'Value', `tags.${i + 1}.member.value`, { required: true, min: 0, max: 256, sensitive: true });
  });
}

export function e164Numbers(body: Json): string[] {
  const items = list(body, 'E164PhoneNumbers', 'e164PhoneNumbers', { required: true }) ?? [];
  return items.map((v, i) => {
    if (typeof v !== 'string') throw invalid('E164PhoneNumbers must hold strings.');
    c.checkPattern(`e164PhoneNumbers.${i + 1}.member`, E164, v, true);
    return v;
  });
}

export function forceAssociate(body: Json): boolean {
  return bool(body, 'ForceAssociate', 'forceAssociate') ?? false;
}

export function validateCreateVoiceConnector(body: Json) {
  const name = str(body, 'Name', 'name', { required: true, min: 1, max: 256, pattern: RESOURCE_NAME })!;
  const awsRegion = enumOf(body, 'AwsRegion', 'awsRegion', VOICE_CONNECTOR_REGIONS);
  const requireEncryption = bool(body, 'RequireEncryption', 'requireEncryption', true)!;
  tags(body);
  const integrationType = enumOf(body, 'IntegrationType', 'integrationType', INTEGRATION_TYPES);
  const networkType = enumOf(body, 'NetworkType', 'networkType', NETWORK_TYPES);
  return { name, awsRegion, requireEncryption, integrationType, networkType };
}

export function validateUpdateVoiceConnector(body: Json) {
  const name = str(body, 'Name', 'name', { required: true, min: 1, max: 256, pattern: RESOURCE_NAME })!;
  const requireEncryption = bool(body, 'RequireEncryption', 'requireEncryption', true)!;
  return { name, requireEncryption };
}

export function validateCreateVoiceConnectorGroup(body: Json) {
  const name = str(body, 'Name', 'name', { required: true, min: 1, max: 256, pattern: RESOURCE_NAME })!;
  const items = structures(list(body, 'VoiceConnectorItems', 'voiceConnectorItems') ?? [], 'VoiceConnectorItems').map((item, i) => ({
    voiceConnectorId: str(item, 'VoiceConnectorId', `voiceConnectorItems.${i + 1}.member.voiceConnectorId`, { required: true, pattern: NON_EMPTY })!,
    priority: int(item, 'Priority', `voiceConnectorItems.${i + 1}.member.priority`, 1, 99, true)!,
  }));
  return { name, items };
}

function endpoints(body: Json, required: boolean): { lambdaArn: string }[] | undefined {
  const items = list(body, 'Endpoints', 'endpoints', { required, min: 1, max: 1 });
  if (!items) return undefined;
  return structures(items, 'Endpoints').map((e, i) => {
    const lambdaArn = str(e, 'LambdaArn', `endpoints.${i + 1}.member.lambdaArn`, { max: 10000, pattern: FUNCTION_ARN, sensitive: true });
    // Not required by the model, but an endpoint is its function: the API reference asks for a valid ARN.
    if (lambdaArn === undefined) throw invalid('An endpoint needs its LambdaArn.');
    return { lambdaArn };
  });
}

export function validateCreateSipMediaApplication(body: Json) {
  const awsRegion = str(body, 'AwsRegion', 'awsRegion', { required: true })!;
  const name = str(body, 'Name', 'name', { required: true, min: 1, max: 256, pattern: RESOURCE_NAME })!;
  const eps = endpoints(body, true)!;
  tags(body);
  return { awsRegion, name, endpoints: eps };
}

export function validateUpdateSipMediaApplication(body: Json) {
  const name = str(body, 'Name', 'name', { min: 1, max: 256, pattern: RESOURCE_NAME });
  return { name, endpoints: endpoints(body, false) };
}

function targetApplications(body: Json): SipRuleTarget[] | undefined {
  const items = list(body, 'TargetApplications', 'targetApplications', { min: 1, max: 25 });
  if (!items) return undefined;
  const targets = structures(items, 'TargetApplications').map((t, i) => {
    const at = `targetApplications.${i + 1}.member`;
    const sipMediaApplicationId = str(t, 'SipMediaApplicationId', `${at}.sipMediaApplicationId`, { pattern: NON_EMPTY });
    const priority = int(t, 'Priority', `${at}.priority`, 1);
    const awsRegion = str(t, 'AwsRegion', `${at}.awsRegion`);
    // Unconstrained by the model, but a target without its application, priority and region routes nowhere.
    if (sipMediaApplicationId === undefined || priority === undefined || awsRegion === undefined) {
      throw invalid('Each target application needs SipMediaApplicationId, Priority and AwsRegion.');
    }
    return { sipMediaApplicationId, priority, awsRegion };
  });
  // The model: "Only one SIP application per AWS Region can be used."
  const regions = targets.map(t => t.awsRegion);
  if (new Set(regions).size < regions.length) throw invalid('TargetApplications names more than one SIP media application in the same AWS Region: only one per Region can be used.');
  return targets;
}

export function validateCreateSipRule(body: Json): Omit<SipRuleRecord, 'id' | 'createdAt' | 'updatedAt'> {
  const name = str(body, 'Name', 'name', { required: true, min: 1, max: 256, pattern: RESOURCE_NAME })!;
  const triggerType = enumOf(body, 'TriggerType', 'triggerType', TRIGGER_TYPES, true)!;
  let triggerValue = str(body, 'TriggerValue', 'triggerValue', { required: true, pattern: NON_EMPTY })!;
  const disabled = bool(body, 'Disabled', 'disabled') ?? false;
  const targets = targetApplications(body) ?? [];
  if (triggerType === 'ToPhoneNumber' && /^\+?[1-9]\d{1,14}$/.test(triggerValue)) triggerValue = normalize(triggerValue);
  return { name, triggerType, triggerValue, disabled, targets };
}

export function validateUpdateSipRule(body: Json) {
  const name = str(body, 'Name', 'name', { required: true, min: 1, max: 256, pattern: RESOURCE_NAME })!;
  return { name, disabled: bool(body, 'Disabled', 'disabled'), targets: targetApplications(body) };
}
