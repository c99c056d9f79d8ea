// Rules shared by the construct (at synth) and the handler (before calling Chime).
// Plain data in, plain messages out: no aws-cdk-lib here, so the handler bundle stays small.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export const PRODUCT_TYPES = ['BusinessCalling', 'VoiceConnector', 'SipMediaApplicationDialIn'] as const;
export const APIS = ['chime', 'chime-sdk-voice'] as const;
/** Where numbers can be routed, and the product type each needs. */
export const ROUTING_TARGET_PRODUCT_TYPE = {
  VoiceConnector: 'VoiceConnector',
  VoiceConnectorGroup: 'VoiceConnector',
  SipMediaApplication: 'SipMediaApplicationDialIn',
} as const;
export type RoutingTargetType = keyof typeof ROUTING_TARGET_PRODUCT_TYPE;

const E164 = /^\+?[1-9]\d{1,14}$/;
// The model's pattern; its \s is Java's, ASCII whitespace only.
const ORDER_NAME = /^$|^[a-zA-Z0-9,._-]+([ \t\n\x0B\f\r]+[a-zA-Z0-9,._-]+)*$/;
/** Chime's limit on a phone number's Name. */
const NAME_MAX = 256;
/**
 * Characters of a number's Name taken by the owning resource's mark (a space and
 * `pno.<16 hex>.<kind><8 hex>`, see lambda/ownership.ts), so the user's name must leave room.
 */
export const NAME_MARK_LENGTH = 31;
export const MAX_NAME_LENGTH = NAME_MAX - NAME_MARK_LENGTH;

/** CloudFormation refuses a custom resource response larger than this. */
export const RESPONSE_LIMIT_BYTES = 4096;

export function normalizeNumber(n: string): string {
  return n.startsWith('+') ? n : `+${n}`;
}

/** Shows only the last four digits: numbers are sensitive data in the Chime API model. */
export function maskNumber(n: string): string {
  return `***${n.slice(-4)}`;
}

export function defaultApiFor(productType: string): string {
  return productType === 'BusinessCalling' ? 'chime' : 'chime-sdk-voice';
}

/**
 * How messages name product types and APIs: the construct's enums at synth (what the user wrote),
 * the values in the template in the handler (what the event holds).
 */
export interface Vocabulary {
  productType(wire: string): string;
  api(wire: string): string;
  /** The API as the subject of a sentence: "the legacy chime API". */
  apiPhrase(wire: string): string;
  /** Suggests the number the user probably meant; absent where numbers must not be shown whole (handler logs and reasons). */
  readonly suggestNumbers?: boolean;
}

export const WIRE_VOCABULARY: Vocabulary = {
  productType: p => p,
  api: a => a,
  apiPhrase: a => (a === 'chime' ? 'the legacy chime API' : `the ${a} API`),
};

/**
 * Problems with one number, each a sentence saying what is wrong and how to fix it.
 * `shown` is how the number appears in the message (whole at synth, masked in the handler).
 */
export function numberProblems(raw: string, productType: string, shown: string, v: Vocabulary = WIRE_VOCABULARY): string[] {
  const hint = v.suggestNumbers ? didYouMean(raw) : undefined;
  const withHint = (problem: string) => (hint ? `${problem}. Did you mean ${hint}?` : problem);
  if (!E164.test(raw)) {
    return [withHint(`${shown} is not an E.164 phone number: write it as + then country code and number, digits only, at most 15 (e.g. +12065550100)`)];
  }
  const label = v.suggestNumbers && !raw.startsWith('+')
    ? `${shown} (read as ${normalizeNumber(raw)}: a number without + starts with its country code)`
    : shown;
  const parsed = parsePhoneNumberFromString(normalizeNumber(raw));
  if (!parsed || !parsed.isValid() || !parsed.country) {
    return [withHint(`${label} is not a valid phone number in any country's numbering plan: check the country code and digits`)];
  }
  const problems: string[] = [];
  const sma = v.productType('SipMediaApplicationDialIn');
  if (parsed.getType() === 'TOLL_FREE' && productType === 'BusinessCalling') {
    problems.push(`${label} is toll-free, and toll-free numbers cannot use ${v.productType('BusinessCalling')}: `
      + `use ${v.productType('VoiceConnector')} or ${sma}, or order it separately`);
  }
  if (parsed.country !== 'US' && productType !== 'SipMediaApplicationDialIn') {
    problems.push(withHint(`${label} is outside the U.S. (${parsed.country}), and such numbers must use ${sma}: `
      + `set productType to ${sma} or order it separately`));
  }
  return problems;
}

/**
 * The number the user probably meant, for the usual slips: a U.S. number without its country code
 * (2065550100, +2065550100), or spaces and punctuation (+1 (206) 555-0100); only a valid number is suggested.
 */
function didYouMean(raw: string): string | undefined {
  const digits = raw.replace(/\D/g, '');
  const candidate = digits.length === 10 ? `+1${digits}` : `+${digits}`;
  if (candidate === normalizeNumber(raw) || !E164.test(candidate)) return undefined;
  return parsePhoneNumberFromString(candidate)?.isValid() ? candidate : undefined;
}

export function duplicateNumbers(numbers: string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const n of numbers.map(normalizeNumber)) {
    if (seen.has(n)) dups.add(n);
    seen.add(n);
  }
  return [...dups];
}

export function orderNameProblem(name: string): string | undefined {
  if (name.length > MAX_NAME_LENGTH || !ORDER_NAME.test(name)) {
    return `order name "${name}" is invalid: use at most ${MAX_NAME_LENGTH} letters, digits, spaces and , . _ - (no leading or trailing space; `
      + `Chime allows ${NAME_MAX}, and the numbers' Name also carries the resource's ${NAME_MARK_LENGTH}-character owner mark)`;
  }
  if (name.split(/\s+/).some(w => /^pno\./.test(w))) {
    return `order name "${name}" has a word starting with "pno.", which marks the owning resource in the numbers' Name: choose another word`;
  }
  return undefined;
}

/** API and product type combinations the APIs refuse; the advice never leads to another of them. */
export function apiProblems(productType: string, api: string, name: string | undefined, v: Vocabulary = WIRE_VOCABULARY): string[] {
  const businessCalling = productType === 'BusinessCalling';
  const legacy = v.apiPhrase('chime');
  if (businessCalling && api === 'chime-sdk-voice') {
    const fix = name !== undefined
      ? `remove name (${legacy} takes none) and set api to ${v.api('chime')} or leave it unset, or choose another product type`
      : `set api to ${v.api('chime')} or leave it unset, or choose another product type`;
    return [`${v.productType('BusinessCalling')} exists only in ${legacy}: ${fix}`];
  }
  if (name !== undefined && api === 'chime') {
    const fix = businessCalling
      ? `remove name: ${v.productType('BusinessCalling')} exists only in ${legacy}, which takes no order name`
      : `remove name, or set api to ${v.api('chime-sdk-voice')}`;
    return [`an order name is supported only by ${v.apiPhrase('chime-sdk-voice')}: ${fix}`];
  }
  return [];
}

/** Why numbers of this product type and API cannot be routed to this kind of target; empty when they can. */
export function routingProblems(productType: string, api: string, targetType: string): string[] {
  const needs = (ROUTING_TARGET_PRODUCT_TYPE as Record<string, string>)[targetType];
  if (!needs) return [`routing target type "${targetType}" is not one of ${Object.keys(ROUTING_TARGET_PRODUCT_TYPE).join(', ')}`];
  const problems: string[] = [];
  if (api !== 'chime-sdk-voice') {
    problems.push('routing numbers needs the Chime SDK Voice API (the legacy chime API is past its end of support): use api ChimeApi.CHIME_SDK_VOICE, or remove target');
  }
  if (productType !== needs) {
    problems.push(`a ${targetType} target takes ${needs} numbers, not ${productType}: use productType ${needs === 'VoiceConnector' ? 'VOICE_CONNECTOR' : 'SIP_MEDIA_APPLICATION_DIAL_IN'}, `
      + `or a ${needs === 'VoiceConnector' ? 'SIP media application' : 'Voice Connector (group)'} target`);
  }
  return problems;
}

/**
 * The largest answer the handler may send for this list: every number listed once
 * (acquired or failed), with the other fields at their longest; with routing, the target and
 * (SIP media applications) one SIP rule ID per number.
 */
export function worstCaseResponseBytes(numbers: string[], logicalId = 'L'.repeat(255), routing?: string): number {
  const all = numbers.map(normalizeNumber).sort();
  return Buffer.byteLength(JSON.stringify({
    Status: 'SUCCESS',
    Reason: 'R'.repeat(300),
    PhysicalResourceId: '00000000-0000-0000-0000-000000000000',
    StackId: `arn:aws:cloudformation:ap-southeast-2:123456789012:stack/${'S'.repeat(128)}/00000000-0000-0000-0000-000000000000`,
    RequestId: '00000000-0000-0000-0000-000000000000',
    LogicalResourceId: logicalId,
    NoEcho: false,
    // Every number is either acquired or failed; the lists are JSON arrays, so Fn::GetAtt gives lists.
    Data: {
      OrderId: '00000000-0000-0000-0000-000000000000',
      OrderStatus: 'Successful',
      PhoneNumbers: all,
      PhoneNumberCount: String(numbers.length),
      FailedPhoneNumbers: [],
      StartedAt: String(Date.UTC(2100, 0)),
      ...(routing ? {
        RoutingTargetType: 'VoiceConnectorGroup',
        RoutingTargetId: 'T'.repeat(64),
        SipRuleIds: routing === 'SipMediaApplication' ? all.map(() => '00000000-0000-0000-0000-000000000000') : [],
      } : {}),
    },
  }));
}
