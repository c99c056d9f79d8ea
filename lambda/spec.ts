import {
  APIS, PRODUCT_TYPES, RESPONSE_LIMIT_BYTES, apiProblems, defaultApiFor, duplicateNumbers, maskNumber,
  normalizeNumber, numberProblems, orderNameProblem, worstCaseResponseBytes,
} from '../lib/order-rules';
import { EventFailure } from './failure';

/** What a resource's properties ask for, checked with the same rules as the construct. */
export interface OrderSpec {
  readonly productType: string;
  /** Normalised to a leading +, sorted, unique. */
  readonly numbers: string[];
  readonly api: string;
  readonly name?: string;
  readonly allowPartial: boolean;
}

type Props = Record<string, unknown> | undefined;

export function parseSpec(props: Props, label = 'ResourceProperties'): OrderSpec {
  const problems: string[] = [];
  if (!props || typeof props !== 'object') throw new EventFailure(`${label} is missing: the resource needs ProductType and E164PhoneNumbers`);
  const productType = props.ProductType;
  if (typeof productType !== 'string' || !(PRODUCT_TYPES as readonly string[]).includes(productType)) {
    throw new EventFailure(`${label}.ProductType ${JSON.stringify(productType)} is not one of ${PRODUCT_TYPES.join(', ')}`);
  }
  const raw = props.E164PhoneNumbers;
  if (!Array.isArray(raw) || raw.length === 0 || raw.some(n => typeof n !== 'string')) {
    throw new EventFailure(`${label}.E164PhoneNumbers must be a non-empty list of E.164 numbers (strings), got ${describe(raw)}`);
  }
  const api = props.Api === undefined ? defaultApiFor(productType) : props.Api;
  if (typeof api !== 'string' || !(APIS as readonly string[]).includes(api)) {
    throw new EventFailure(`${label}.Api ${JSON.stringify(api)} is not one of ${APIS.join(', ')}`);
  }
  const name = props.Name;
  if (name !== undefined && typeof name !== 'string') throw new EventFailure(`${label}.Name must be a string`);
  const allowPartial = parseBoolean(props.AllowPartial, `${label}.AllowPartial`);

  for (const n of raw as string[]) problems.push(...numberProblems(n, productType, maskNumber(n)));
  const dups = duplicateNumbers(raw as string[]);
  if (dups.length > 0) problems.push(`${dups.map(maskNumber).join(', ')} listed more than once: list each number once`);
  problems.push(...apiProblems(productType, api, name));
  if (name !== undefined) problems.push(...[orderNameProblem(name)].filter((p): p is string => p !== undefined));
  if (worstCaseResponseBytes(raw as string[]) > RESPONSE_LIMIT_BYTES) {
    problems.push(`${raw.length} numbers do not fit CloudFormation's 4,096-byte response: split them over several PhoneNumberOrder resources`);
  }
  if (problems.length > 0) throw new EventFailure(`Invalid ${label}: ${problems.join('; ')}`);

  const numbers = [...new Set((raw as string[]).map(normalizeNumber))].sort();
  return { productType, numbers, api, name, allowPartial };
}

/** For Delete: the numbers only, leniently, so a resource with bad properties can still leave the stack. */
export function numbersToRelease(props: Props): string[] {
  const raw = props?.E164PhoneNumbers;
  if (!Array.isArray(raw)) return [];
  return [...new Set(raw.filter((n): n is string => typeof n === 'string' && /^\+?[1-9]\d{1,14}$/.test(n)).map(normalizeNumber))].sort();
}

export function apiOf(props: Props): string {
  const api = props?.Api;
  if (typeof api === 'string' && (APIS as readonly string[]).includes(api)) return api;
  return defaultApiFor(String(props?.ProductType));
}

function parseBoolean(v: unknown, label: string): boolean {
  // CloudFormation hands custom resources every scalar as a string.
  if (v === undefined || v === false || v === 'false') return false;
  if (v === true || v === 'true') return true;
  throw new EventFailure(`${label} must be true or false, got ${JSON.stringify(v)}`);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return `a list of ${v.length}${v.length ? ` (${v.map(x => typeof x).join(', ')})` : ''}`;
  return v === undefined ? 'nothing' : typeof v;
}
