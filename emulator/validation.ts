/**
 * Request validation as the service does it before touching any state: first the models'
 * constraints (./constraints), then the rules the API reference adds on top. Every failure here is
 * a defect of the request itself, so it is thrown with `invalid()` and counted as malformed. Where
 * the models state no limit (how many numbers an order or a batch delete may hold), there is none.
 */
import * as c from './constraints';
import { invalid } from './errors';
import { classify, E164_PATTERN, mask, nanpDefect, normalize } from './numbers';
import { ApiName, ProductType } from './types';

// The models' patterns and bounds, verbatim (test/fixtures/chime-model-facts.json holds them all).
const E164 = '^\\+?[1-9]\\d{1,14}$';
const NAME = '^$|^[a-zA-Z0-9\\,\\.\\_\\-]+(\\s+[a-zA-Z0-9\\,\\.\\_\\-]+)*$';
const NAME_MAX = 256;
const CALLING_NAME = '^$|^[a-zA-Z0-9 ]{2,15}$';
const GUID = '[a-fA-F0-9]{8}(?:-[a-fA-F0-9]{4}){3}-[a-fA-F0-9]{12}';
const NON_EMPTY = '.*\\S.*';
const ALPHA2 = '[A-Z]{2}';
const TOLL_FREE_PREFIX = '^8(00|33|44|55|66|77|88)$';
const SEARCH_MAX_RESULTS = 500;
const PHONE_NUMBER_TYPES = ['Local', 'TollFree'] as const;
const LEGACY_NUMBER_STATUSES = [
  'AcquireInProgress', 'AcquireFailed', 'Unassigned', 'Assigned', 'ReleaseInProgress', 'DeleteInProgress', 'ReleaseFailed', 'DeleteFailed',
] as const;
const LEGACY_FILTER_NAMES = ['AccountId', 'UserId', 'VoiceConnectorId', 'VoiceConnectorGroupId', 'SipRuleId'] as const;
const VOICE_FILTER_NAMES = ['VoiceConnectorId', 'VoiceConnectorGroupId', 'SipRuleId'] as const;

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
  if (typeof value !== 'string') throw invalid('ProductType must be a string.');
  return c.checkEnum('productType', productTypes(api), value);
}

function e164List(values: unknown, member: string, minItems?: number): string[] {
  if (values === undefined || values === null) throw c.required(member);
  if (!Array.isArray(values)) throw invalid(`${member} must be a list.`);
  if (minItems !== undefined) c.checkLength(member, values, undefined, minItems);
  return values.map((v, i) => {
    if (typeof v !== 'string') throw invalid(`${member} must hold strings.`);
    c.checkPattern(`${member}.${i + 1}.member`, E164, v, true);
    return v;
  });
}

/** The API reference's rules for numbers to order: real numbers, each listed once, at least one. */
function orderableNumbers(values: string[]): string[] {
  if (values.length === 0) throw invalid('E164PhoneNumbers lists no phone number: give at least one.');
  const seen = new Set<string>();
  return values.map((v) => {
    const defect = nanpDefect(v);
    if (defect) throw invalid(`Invalid phone number ${mask(v)}: ${defect}.`);
    const n = normalize(v);
    if (seen.has(n)) throw invalid(`E164PhoneNumbers lists ${mask(n)} more than once.`);
    seen.add(n);
    return n;
  });
}

function phoneName(body: Json): string | undefined {
  const name = optionalString(body, 'Name');
  if (name !== undefined) {
    c.checkLength('name', name, undefined, 0, NAME_MAX);
    c.checkPattern('name', NAME, name, true);
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
  if (body.ProductType === undefined || body.ProductType === null) throw c.required('productType');
  const type = productType(api, body.ProductType);
  const numbers = orderableNumbers(e164List(body.E164PhoneNumbers, 'e164PhoneNumbers'));
  // The legacy model has no Name member, so like any unknown member it is ignored there.
  const name = api === 'chime-sdk-voice' ? phoneName(body) : undefined;
  checkProductTypeRules(type, numbers);
  return { productType: type, numbers, name };
}

/**
 * The legacy model types most phone-number IDs as any string; its RestorePhoneNumber and every
 * voice operation ask for one non-space character. An ID that names no number is not a defect:
 * the lookup answers NotFound.
 */
export function validatePhoneNumberId(api: ApiName, id: string, restore = false): string {
  if (api === 'chime-sdk-voice' || restore) c.checkPattern('phoneNumberId', NON_EMPTY, id, api === 'chime-sdk-voice');
  return id;
}

export function validateOrderId(id: string): string {
  c.checkPattern('phoneNumberOrderId', GUID, id, false);
  return id;
}

export interface UpdateInput {
  productType?: ProductType;
  callingName?: string;
  name?: string;
}

export function validateUpdate(api: ApiName, id: string, body: Json): UpdateInput {
  validatePhoneNumberId(api, id);
  const input: UpdateInput = {};
  if (body.ProductType !== undefined && body.ProductType !== null) input.productType = productType(api, body.ProductType);
  const callingName = optionalString(body, 'CallingName');
  if (callingName !== undefined) c.checkPattern('callingName', CALLING_NAME, callingName, true);
  input.callingName = callingName;
  if (api === 'chime-sdk-voice') input.name = phoneName(body);
  const details = [input.productType, input.callingName, input.name].filter((v) => v !== undefined).length;
  // The API reference: "You can update one phone number detail at a time."
  if (details > 1) throw invalid('You can update only one phone number detail (ProductType, CallingName or Name) at a time.');
  // An ID that is no number can hold no number either: the lookup answers NotFound.
  if (input.productType && E164_PATTERN.test(id)) checkProductTypeRules(input.productType, [normalize(id)]);
  return input;
}

export function validateBatchDelete(body: Json): string[] {
  const ids = body.PhoneNumberIds;
  if (ids === undefined || ids === null) throw c.required('phoneNumberIds');
  if (!Array.isArray(ids) || !ids.every((v) => typeof v === 'string')) throw invalid('PhoneNumberIds must be a list of strings.');
  c.checkLength('phoneNumberIds', ids, undefined, 1);
  // The answer names failed IDs in a member that must hold a non-space character: a blank ID cannot be answered for.
  if (ids.some((id) => !c.modelPattern(NON_EMPTY).test(id))) throw invalid('PhoneNumberIds holds a blank phone number ID.');
  return ids;
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
  if (!/^-?\d+$/.test(raw)) throw invalid(`max-results must be an integer, not '${raw}'.`);
  const n = Number(raw);
  c.checkRange('maxResults', n, 1, max);
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
  const country = get('country');
  if (country !== undefined) c.checkPattern('country', ALPHA2, country, false);
  const tollFreePrefix = get('toll-free-prefix');
  if (tollFreePrefix !== undefined) {
    c.checkLength('tollFreePrefix', tollFreePrefix, tollFreePrefix, 3, 3);
    c.checkPattern('tollFreePrefix', TOLL_FREE_PREFIX, tollFreePrefix, false);
  }
  const type = get('phone-number-type');
  const input: SearchInput = {
    areaCode: get('area-code'),
    city: get('city'),
    state: get('state'),
    country: country ?? 'US',
    tollFreePrefix,
    phoneNumberType: type === undefined ? undefined : c.checkEnum('phoneNumberType', PHONE_NUMBER_TYPES, type),
    maxResults: maxResults(query, SEARCH_MAX_RESULTS),
    offset: get('next-token') ? decodeToken('search', get('next-token') as string) : 0,
  };
  // The API reference's rules for combining the filters. Outside the U.S. the U.S.-only filters
  // ("Only applies to the US") are not refused: they do not apply there.
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

export interface ListNumbersInput {
  maxResults?: number;
  /** The last number of the previous page: pages follow the numbers' order, so changes between pages skip nothing that stays. */
  after?: string;
  status?: string;
  productType?: ProductType;
  filter?: { name: string; value: string };
}

export function validateListNumbers(api: ApiName, query: URLSearchParams): ListNumbersInput {
  const get = (k: string) => query.get(k) ?? undefined;
  const status = get('status');
  // The legacy model enumerates the statuses; Chime SDK Voice types Status as any string.
  if (status !== undefined && api === 'chime') c.checkEnum('status', LEGACY_NUMBER_STATUSES, status);
  const type = get('product-type');
  const filterName = get('filter-name');
  if (filterName !== undefined) c.checkEnum('filterName', api === 'chime' ? LEGACY_FILTER_NAMES : VOICE_FILTER_NAMES, filterName);
  const filterValue = get('filter-value');
  const token = get('next-token');
  return {
    maxResults: maxResults(query, maxListResults(api)),
    after: token ? decodeCursor('numbers', token) : undefined,
    status,
    productType: type === undefined ? undefined : c.checkEnum('productType', productTypes(api), type),
    // The models say nothing of a name without a value or the reverse: only the pair filters.
    filter: filterName !== undefined && filterValue !== undefined ? { name: filterName, value: filterValue } : undefined,
  };
}

/** A page token that carries the last item's key instead of an offset. */
export function encodeCursor(kind: string, after: string): string {
  return Buffer.from(JSON.stringify({ k: kind, a: after })).toString('base64url');
}

function decodeCursor(kind: string, token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { k?: unknown; a?: unknown };
    if (parsed.k === kind && typeof parsed.a === 'string' && parsed.a !== '') return parsed.a;
  } catch {
    // fall through to the error below
  }
  throw invalid('The NextToken is invalid.');
}
