import {
  APIS, PRODUCT_TYPES, apiProblems, defaultApiFor, duplicateNumbers, maskNumber, normalizeNumber, orderNameProblem, routingProblems,
} from '../lib/order-rules';
import { SEARCH_FIELDS, type SearchCriteria, quantityProblems, searchProblems } from '../lib/search-rules';
import { EventFailure } from './failure';
import { type RoutingTarget, parseTarget, targetOf } from './routing/target';

/** A search order: numbers found at deploy time, `quantity` of them. */
export interface SearchSpec {
  readonly criteria: SearchCriteria;
  readonly quantity: number;
}

/** What a resource's properties ask for, checked with the construct's rules that cannot change over time. */
export interface OrderSpec {
  readonly productType: string;
  /** Normalised to a leading +, sorted, unique; empty for a search order. */
  readonly numbers: string[];
  /** A search order's criteria and quantity (Chime SDK Voice only); absent for a list. */
  readonly search?: SearchSpec;
  readonly api: string;
  /** The label the numbers' Name carries before the resource's mark. */
  readonly name?: string;
  readonly allowPartial: boolean;
  /** Take numbers the account holds unowned under this resource instead of refusing them. */
  readonly adopt: boolean;
  /** Where the numbers are routed once held; undefined: nowhere. */
  readonly target?: RoutingTarget;
}

/** What the previous properties held, read leniently: they were accepted once, whatever the rules are now. */
export interface PreviousSpec {
  readonly numbers: string[];
  readonly api: string;
  readonly name?: string;
  /** The previous properties asked for a search order. */
  readonly search?: boolean;
  readonly target?: RoutingTarget;
}

type Props = Record<string, unknown> | undefined;

const E164 = /^\+?[1-9]\d{1,14}$/;

/**
 * Structure only. Whether a number is valid in its country's plan (libphonenumber, whose data
 * changes between versions) is checked for the numbers about to be ordered or moved, never for
 * numbers the resource already owns: an upgrade must not wedge a rollback.
 */
export function parseSpec(props: Props, label = 'ResourceProperties'): OrderSpec {
  if (!props || typeof props !== 'object') throw new EventFailure(`${label} is missing: the resource needs ProductType and E164PhoneNumbers`);
  const productType = props.ProductType;
  if (typeof productType !== 'string' || !(PRODUCT_TYPES as readonly string[]).includes(productType)) {
    throw new EventFailure(`${label}.ProductType ${JSON.stringify(productType)} is not one of ${PRODUCT_TYPES.join(', ')}`);
  }
  if (props.Search !== undefined) return parseSearchSpec(props, productType, label);
  const raw = props.E164PhoneNumbers;
  if (!Array.isArray(raw) || raw.length === 0 || raw.some(n => typeof n !== 'string')) {
    throw new EventFailure(`${label}.E164PhoneNumbers must be a non-empty list of E.164 numbers (strings), got ${describe(raw)}`);
  }
  const { api, name, allowPartial } = sharedMembers(props, productType, label);
  const adopt = parseBoolean(props.AdoptExistingNumbers, `${label}.AdoptExistingNumbers`);
  const target = parseTarget(props, label);

  const problems: string[] = [];
  for (const n of raw as string[]) {
    if (!E164.test(n)) problems.push(`${maskNumber(n)} is not an E.164 phone number: write it as + then country code and number, e.g. +12065550100`);
  }
  const dups = duplicateNumbers(raw as string[]);
  if (dups.length > 0) problems.push(`${dups.map(maskNumber).join(', ')} listed more than once: list each number once`);
  problems.push(...apiProblems(productType, api, name));
  if (adopt && api === 'chime') problems.push('adopting numbers needs the chime-sdk-voice API, whose numbers can carry an owner mark');
  if (name !== undefined) problems.push(...[orderNameProblem(name)].filter((p): p is string => p !== undefined));
  if (target) problems.push(...routingProblems(productType, api, target.type));
  if (problems.length > 0) throw new EventFailure(`Invalid ${label}: ${problems.join('; ')}`);

  const numbers = [...new Set((raw as string[]).map(normalizeNumber))].sort();
  return { productType, numbers, api, name, allowPartial, adopt, ...(target ? { target } : {}) };
}

/** Api, Name and AllowPartial: the members lists and searches share. */
function sharedMembers(props: Record<string, unknown>, productType: string, label: string): { api: string; name?: string; allowPartial: boolean } {
  const api = props.Api === undefined ? defaultApiFor(productType) : props.Api;
  if (typeof api !== 'string' || !(APIS as readonly string[]).includes(api)) {
    throw new EventFailure(`${label}.Api ${JSON.stringify(api)} is not one of ${APIS.join(', ')}`);
  }
  const name = props.Name;
  if (name !== undefined && typeof name !== 'string') throw new EventFailure(`${label}.Name must be a string`);
  return { api, name, allowPartial: parseBoolean(props.AllowPartial, `${label}.AllowPartial`) };
}

/** Search, Quantity and the shared members; E164PhoneNumbers must be absent. */
function parseSearchSpec(props: Record<string, unknown>, productType: string, label: string): OrderSpec {
  if (props.E164PhoneNumbers !== undefined) throw new EventFailure(`Invalid ${label}: give E164PhoneNumbers or Search, not both`);
  const raw = props.Search;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new EventFailure(`${label}.Search must be an object of search filters, got ${describe(raw)}`);
  const unknown = Object.keys(raw).filter(k => !(SEARCH_FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new EventFailure(`${label}.Search has ${unknown.join(', ')}, which are not search filters: use ${SEARCH_FIELDS.join(', ')}`);
  const notText = Object.entries(raw).filter(([, v]) => typeof v !== 'string').map(([k]) => k);
  if (notText.length > 0) throw new EventFailure(`${label}.Search.${notText[0]} must be a string`);
  const criteria = raw as SearchCriteria;
  const { api, name, allowPartial } = sharedMembers(props, productType, label);
  // CloudFormation hands custom resources every scalar as a string.
  const quantity = props.Quantity === undefined ? 1 : typeof props.Quantity === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(props.Quantity) ? Number(props.Quantity) : props.Quantity;
  const problems = [
    ...(typeof quantity === 'number' ? quantityProblems(quantity, criteria) : [`Quantity ${JSON.stringify(quantity)} is not a number`]),
    ...searchProblems(criteria, productType, api),
    ...apiProblems(productType, api, name),
  ];
  if (parseBoolean(props.AdoptExistingNumbers, `${label}.AdoptExistingNumbers`)) problems.push('adopting numbers applies to E164PhoneNumbers, not to a search order');
  if (name !== undefined) problems.push(...[orderNameProblem(name)].filter((p): p is string => p !== undefined));
  if (problems.length > 0) throw new EventFailure(`Invalid ${label}: ${[...new Set(problems)].join('; ')}`);
  return { productType, numbers: [], api, name, allowPartial, adopt: false, search: { criteria, quantity: quantity as number } };
}

export function previousSpec(props: Props): PreviousSpec {
  const name = props?.Name;
  const target = targetOf(props);
  return {
    numbers: numbersOf(props), api: apiOf(props), name: typeof name === 'string' ? name : undefined, search: isSearch(props), ...(target ? { target } : {}),
  };
}

/** Whether the properties ask for a search order, read leniently (a Delete must work whatever they hold). */
export function isSearch(props: Props): boolean {
  return props?.Search !== undefined && props.Search !== null && typeof props.Search === 'object';
}

/** The numbers only, leniently, so a resource with bad properties can still leave the stack. */
export function numbersOf(props: Props): string[] {
  const raw = props?.E164PhoneNumbers;
  if (!Array.isArray(raw)) return [];
  return [...new Set(raw.filter((n): n is string => typeof n === 'string' && E164.test(n)).map(normalizeNumber))].sort();
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
