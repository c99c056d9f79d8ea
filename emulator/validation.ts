/**
 * Request validation as the service does it before touching any state. Every failure here is a
 * defect of the request itself, so it is thrown with `invalid()` and counted as malformed.
 */
import { invalid } from './errors';
import { classify, E164_PATTERN, mask, nanpDefect, normalize, TOLL_FREE_AREA_CODES } from './numbers';
import { ApiName, ProductType } from './types';

/** Not stated by the models; 500 matches the largest search page and fits any order the construct can place. */
export const MAX_NUMBERS_PER_ORDER = 500;
export const MAX_BATCH_DELETE = 250;
export const MAX_SEARCH_RESULTS = 500;
const NAME_PATTERN = /^$|^[a-zA-Z0-9,._-]+(\s+[a-zA-Z0-9,._-]+)*$/;
const CALLING_NAME_PATTERN = /^$|^[a-zA-Z0-9 ]{2,15}$/;
const GUID_PATTERN = /^[a-fA-F0-9]{8}(?:-[a-fA-F0-9]{4}){3}-[a-fA-F0-9]{12}$/;

export function productTypes(api: ApiName): ProductType[] {
  return api === 'chime'
    ? ['BusinessCalling', 'VoiceConnector', 'SipMediaApplicationDialIn']
    : ['VoiceConnector', 'SipMediaApplicationDialIn'];
}

export function maxListResults(api: ApiName): number {
  return api === 'chime' ? 99 : 100;
}

type Json = Record<string, unknown>;

export function parseJsonObject(raw: string): Json {
  if (raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid('The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid('The request body must be a JSON object.');
  return parsed as Json;
}

function optionalString(body: Json, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(`${field} must be a string.`);
  return v;
}

function productType(api: ApiName, value: unknown): ProductType {
  const allowed = productTypes(api);
  if (typeof value !== 'string' || !(allowed as string[]).includes(value)) {
    throw invalid(
      `1 validation error detected: Value '${String(value)}' at 'productType' failed to satisfy constraint: ` +
        `Member must satisfy enum value set: [${allowed.join(', ')}]`,
    );
  }
  return value as ProductType;
}

function e164(value: unknown, field: string): string {
  if (typeof value !== 'string' || !E164_PATTERN.test(value)) {
    throw invalid(`${field} contains a value that is not an E.164 phone number${typeof value === 'string' ? ` (${mask(value)})` : ''}.`);
  }
  const defect = nanpDefect(value);
  if (defect) throw invalid(`Invalid phone number ${mask(value)}: ${defect}.`);
  return normalize(value);
}

function uniqueNumbers(values: unknown, field: string, max: number): string[] {
  if (!Array.isArray(values)) throw invalid(`${field} is required and must be a list.`);
  if (values.length < 1 || values.length > max) throw invalid(`${field} must contain between 1 and ${max} items.`);
  const numbers = values.map((v) => e164(v, field));
  const seen = new Set<string>();
  for (const n of numbers) {
    if (seen.has(n)) throw invalid(`${field} lists ${mask(n)} more than once.`);
    seen.add(n);
  }
  return numbers;
}

function phoneName(body: Json): string | undefined {
  const name = optionalString(body, 'Name');
  if (name !== undefined && (name.length > 256 || !NAME_PATTERN.test(name))) {
    throw invalid('Name must be at most 256 letters, digits, spaces and , . _ - characters, without leading or trailing spaces.');
  }
  return name;
}

/** The ordering rules of the API reference: toll-free excludes BusinessCalling; outside the U.S. only SipMediaApplicationDialIn. */
export function checkProductTypeRules(type: ProductType, numbers: string[]): void {
  for (const n of numbers) {
    const info = classify(n);
    if (info.type === 'TollFree' && type === 'BusinessCalling') {
      throw invalid(`Toll-free phone number ${mask(n)} cannot use product type BusinessCalling.`);
    }
    if (!info.inUS && type !== 'SipMediaApplicationDialIn') {
      throw invalid(`Phone number ${mask(n)} is outside the U.S. (${info.country}) and must use product type SipMediaApplicationDialIn.`);
    }
  }
}

export interface CreateInput {
  productType: ProductType;
  numbers: string[];
  name?: string;
}

export function validateCreate(api: ApiName, body: Json): CreateInput {
  if (body.ProductType === undefined || body.ProductType === null) throw invalid('ProductType is required.');
  const type = productType(api, body.ProductType);
  const numbers = uniqueNumbers(body.E164PhoneNumbers, 'E164PhoneNumbers', MAX_NUMBERS_PER_ORDER);
  // The legacy model has no Name member, so like any unknown member it is ignored there.
  const name = api === 'chime-sdk-voice' ? phoneName(body) : undefined;
  checkProductTypeRules(type, numbers);
  return { productType: type, numbers, name };
}

export function validatePhoneNumberId(id: string): string {
  if (!E164_PATTERN.test(id)) throw invalid(`PhoneNumberId ${mask(id)} is not an E.164 phone number.`);
  return id;
}

export function validateOrderId(id: string): string {
  if (!GUID_PATTERN.test(id)) throw invalid('PhoneNumberOrderId must be a GUID.');
  return id;
}

export interface UpdateInput {
  productType?: ProductType;
  callingName?: string;
  name?: string;
}

export function validateUpdate(api: ApiName, id: string, body: Json): UpdateInput {
  validatePhoneNumberId(id);
  const input: UpdateInput = {};
  if (body.ProductType !== undefined && body.ProductType !== null) input.productType = productType(api, body.ProductType);
  const callingName = optionalString(body, 'CallingName');
  if (callingName !== undefined && !CALLING_NAME_PATTERN.test(callingName)) {
    throw invalid('CallingName must be 2 to 15 letters, digits or spaces.');
  }
  input.callingName = callingName;
  if (api === 'chime-sdk-voice') input.name = phoneName(body);
  const details = [input.productType, input.callingName, input.name].filter((v) => v !== undefined).length;
  // The API reference: "You can update one phone number detail at a time."
  if (details > 1) throw invalid('You can update only one phone number detail (ProductType, CallingName or Name) at a time.');
  if (input.productType) checkProductTypeRules(input.productType, [normalize(id)]);
  return input;
}

export function validateBatchDelete(body: Json): string[] {
  return uniqueNumbers(body.PhoneNumberIds, 'PhoneNumberIds', MAX_BATCH_DELETE);
}

/** Page tokens are opaque to clients; inside they are the offset into an append-only list. */
export function encodeToken(kind: string, offset: number): string {
  return Buffer.from(JSON.stringify({ k: kind, o: offset })).toString('base64url');
}

function decodeToken(kind: string, token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { k?: unknown; o?: unknown };
    if (parsed.k === kind && Number.isInteger(parsed.o) && (parsed.o as number) > 0) return parsed.o as number;
  } catch {
    // fall through to the error below
  }
  throw invalid('The NextToken is invalid.');
}

function maxResults(query: URLSearchParams, max: number): number | undefined {
  const raw = query.get('max-results');
  if (raw === null) return undefined;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw invalid(`1 validation error detected: Value '${raw}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${max}.`);
  }
  return n;
}

export interface PageInput {
  maxResults?: number;
  offset: number;
}

export function validateListQuery(api: ApiName, query: URLSearchParams): PageInput {
  const token = query.get('next-token');
  return { maxResults: maxResults(query, maxListResults(api)), offset: token ? decodeToken('orders', token) : 0 };
}

export interface SearchInput extends PageInput {
  areaCode?: string;
  city?: string;
  state?: string;
  country: string;
  tollFreePrefix?: string;
  phoneNumberType?: 'Local' | 'TollFree';
}

export function validateSearch(query: URLSearchParams): SearchInput {
  const get = (k: string) => query.get(k) ?? undefined;
  const input: SearchInput = {
    areaCode: get('area-code'),
    city: get('city'),
    state: get('state'),
    country: get('country') ?? 'US',
    tollFreePrefix: get('toll-free-prefix'),
    maxResults: maxResults(query, MAX_SEARCH_RESULTS),
    offset: get('next-token') ? decodeToken('search', get('next-token') as string) : 0,
  };
  const type = get('phone-number-type');
  if (type !== undefined) {
    if (type !== 'Local' && type !== 'TollFree') throw invalid(`PhoneNumberType must be Local or TollFree, not '${type}'.`);
    input.phoneNumberType = type;
  }
  if (!/^[A-Z]{2}$/.test(input.country)) throw invalid('Country must be a two-letter ISO country code.');
  if (input.areaCode !== undefined && !/^[2-9]\d\d$/.test(input.areaCode)) throw invalid('AreaCode must be a three-digit area code.');
  if (input.tollFreePrefix !== undefined && !TOLL_FREE_AREA_CODES.includes(input.tollFreePrefix)) {
    throw invalid(`TollFreePrefix must be one of ${TOLL_FREE_AREA_CODES.join(', ')}.`);
  }
  if (input.city !== undefined && input.state === undefined) throw invalid('City requires State.');
  if (input.country === 'US') {
    if (!input.areaCode && !input.city && !input.state && !input.tollFreePrefix) {
      throw invalid('Searching U.S. numbers requires at least one of AreaCode, City, State or TollFreePrefix.');
    }
  } else if (input.phoneNumberType === undefined) {
    throw invalid('Searching numbers outside the U.S. requires PhoneNumberType.');
  }
  return input;
}
