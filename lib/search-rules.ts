// Rules for ordering by search, shared by the construct (at synth) and the handler (before calling
// Chime). Plain data in, plain messages out: no aws-cdk-lib here, so the handler bundle stays small.
import { RESPONSE_LIMIT_BYTES, worstCaseResponseBytes } from './order-rules';

/** SearchAvailablePhoneNumbers' filters, named as the resource's `Search` property holds them. */
export interface SearchCriteria {
  readonly AreaCode?: string;
  readonly City?: string;
  readonly State?: string;
  readonly Country?: string;
  readonly TollFreePrefix?: string;
  readonly PhoneNumberType?: string;
}

export const SEARCH_FIELDS = ['AreaCode', 'City', 'State', 'Country', 'TollFreePrefix', 'PhoneNumberType'] as const;
export const PHONE_NUMBER_TYPES = ['Local', 'TollFree'] as const;

/** The Chime SDK Voice model's TollFreePrefix pattern. */
const TOLL_FREE_PREFIX = /^8(00|33|44|55|66|77|88)$/;
// Stricter than the model (which takes any string, or `[A-Z]{2}` anywhere in the country), so a typo
// fails at synth instead of finding nothing at deploy.
const COUNTRY = /^[A-Z]{2}$/;
const US_AREA_CODE = /^[2-9]\d{2}$/;
const US_STATE = /^[A-Z]{2}$/;
/** Countries whose numbers are +1 and ten digits: the longest is 12 characters. */
const NANP_COUNTRIES = ['US', 'CA'];
const E164_MAX_LENGTH = 16;

/** How a field appears in messages: the construct's property names. */
const SHOWN: Record<(typeof SEARCH_FIELDS)[number], string> = {
  AreaCode: 'areaCode', City: 'city', State: 'state', Country: 'country', TollFreePrefix: 'tollFreePrefix', PhoneNumberType: 'phoneNumberType',
};

export function searchCountry(c: SearchCriteria): string {
  return c.Country ?? 'US';
}

/**
 * Problems with a search's criteria, each a sentence saying what is wrong and how to fix it: the
 * combinations SearchAvailablePhoneNumbers documents (U.S. searches need an area code, city, state
 * or toll-free prefix; a city needs its state; elsewhere only the number type applies, and it is
 * required), the model's patterns, and the ordering rules for the product type.
 * `unresolved` tells values only known at deploy (tokens), whose content is not checked.
 */
export function searchProblems(c: SearchCriteria, productType: string, api: string, unresolved: (v: string) => boolean = () => false): string[] {
  const problems: string[] = [];
  const given = (k: (typeof SEARCH_FIELDS)[number]) => c[k] !== undefined;
  const check = (k: (typeof SEARCH_FIELDS)[number], ok: (v: string) => boolean, why: (v: string) => string) => {
    const v = c[k];
    if (v !== undefined && !unresolved(v) && !ok(v)) problems.push(why(v));
  };
  if (api === 'chime') {
    problems.push('ordering by search needs the chime-sdk-voice API: the numbers a search order holds are recognised by an owner mark in '
      + 'their Name, which the legacy chime API does not keep. Use a product type other than BUSINESS_CALLING, or api ChimeApi.CHIME_SDK_VOICE');
  }
  check('Country', v => COUNTRY.test(v), v => `search country "${v}" is not an ISO 3166-1 alpha-2 code: write two capital letters, e.g. 'US' or 'GB'`);
  check('PhoneNumberType', v => (PHONE_NUMBER_TYPES as readonly string[]).includes(v), v => `search phoneNumberType "${v}" is not one of ${PHONE_NUMBER_TYPES.join(', ')}`);
  check('TollFreePrefix', v => TOLL_FREE_PREFIX.test(v), v => `toll-free prefix "${v}" is not one Chime offers: use 800, 833, 844, 855, 866, 877 or 888`);
  const country = searchCountry(c);
  const countryKnown = c.Country === undefined || !unresolved(c.Country);
  if (countryKnown && country === 'US') {
    if (!given('AreaCode') && !given('City') && !given('State') && !given('TollFreePrefix')) {
      problems.push('a U.S. search needs an area code, a city and its state, a state or a toll-free prefix (Chime\'s rule): '
        + "e.g. PhoneNumberSearch.areaCode('206') or PhoneNumberSearch.tollFree('888')");
    }
    if (given('City') && !given('State')) {
      problems.push(`search city "${c.City}" needs its state (Chime's rule): use PhoneNumberSearch.cityAndState('${c.City}', 'WA') with the city's two-letter state code`);
    }
    check('City', v => v.trim() !== '', () => 'search city is empty: name a city, or search by state or area code');
    check('AreaCode', v => US_AREA_CODE.test(v), v => `search areaCode "${v}" is not a U.S. area code: three digits, the first 2 to 9 (e.g. '206')`);
    check('State', v => US_STATE.test(v), v => `search state "${v}" is not a two-letter U.S. state code: use e.g. 'WA'`);
    if (given('TollFreePrefix') && c.PhoneNumberType === 'Local') {
      problems.push('a search by toll-free prefix with phoneNumberType Local finds nothing: leave phoneNumberType out, or set it to TOLL_FREE');
    }
  } else if (countryKnown) {
    const usOnly = (['AreaCode', 'City', 'State', 'TollFreePrefix'] as const).filter(given);
    if (usOnly.length > 0) {
      problems.push(`${usOnly.map(k => SHOWN[k]).join(', ')} apply only to U.S. searches: outside the U.S. a search takes only the country and `
        + `the number type (Chime's rule), e.g. PhoneNumberSearch.country('${country}', PhoneNumberType.LOCAL)`);
    }
    if (!given('PhoneNumberType')) {
      problems.push(`searching ${country} numbers needs a number type (Chime's rule for numbers outside the U.S.): `
        + `use PhoneNumberSearch.country('${country}', PhoneNumberType.LOCAL) or PhoneNumberType.TOLL_FREE`);
    }
    if (productType !== 'SipMediaApplicationDialIn') {
      problems.push(`numbers outside the U.S. (${country}) must use SipMediaApplicationDialIn: set productType to SIP_MEDIA_APPLICATION_DIAL_IN`);
    }
  }
  return problems;
}

/** The most numbers one search order may hold: its answer (every number listed) must fit CloudFormation's 4,096 bytes. */
export function maxSearchQuantity(c: SearchCriteria): number {
  const length = NANP_COUNTRIES.includes(searchCountry(c)) ? 12 : E164_MAX_LENGTH;
  const sample = (n: number) => Array.from({ length: n }, (_, i) => `+${String(i).padStart(length - 1, '9')}`);
  let fits = 0;
  while (worstCaseResponseBytes(sample(fits + 1)) <= RESPONSE_LIMIT_BYTES) fits++;
  return fits;
}

export function quantityProblems(quantity: number, c: SearchCriteria): string[] {
  if (!Number.isInteger(quantity) || quantity < 1) return [`quantity ${quantity} is not a whole number of at least 1: say how many numbers to order`];
  const max = maxSearchQuantity(c);
  if (quantity > max) {
    return [`quantity ${quantity} is too many for CloudFormation's 4,096-byte custom resource response, which lists every number: `
      + `at most ${max} fit; split the order over several PhoneNumberOrder constructs`];
  }
  return [];
}

/** The criteria in words, for messages: "area code 206", "Seattle, WA", "toll-free prefix 888", "GB Local numbers". */
export function describeSearch(c: SearchCriteria): string {
  const parts: string[] = [];
  if (c.TollFreePrefix) parts.push(`toll-free prefix ${c.TollFreePrefix}`);
  if (c.AreaCode) parts.push(`area code ${c.AreaCode}`);
  if (c.City) parts.push(c.State ? `${c.City}, ${c.State}` : c.City);
  else if (c.State) parts.push(`state ${c.State}`);
  if (searchCountry(c) !== 'US') parts.push(`country ${searchCountry(c)}`);
  if (c.PhoneNumberType) parts.push(`${c.PhoneNumberType} numbers`);
  return parts.join(', ') || 'no criteria';
}
