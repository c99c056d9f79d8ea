/**
 * The numbers Chime has on offer: what SearchAvailablePhoneNumbers finds. A fixed stock of
 * fictional numbers (NANP 555-0100..0199, Ofcom's drama ranges in the U.K.), each with the
 * locality a search filters on. A number is available while the account does not hold it (held,
 * being acquired or in its deletion queue) and no other customer has taken it.
 */

export interface StockNumber {
  e164: string;
  country: string;
  type: 'Local' | 'TollFree';
  areaCode?: string;
  city?: string;
  state?: string;
  tollFreePrefix?: string;
}

/** U.S. area codes with the city and state a search by locality finds them under. */
const US_LOCALITIES: [areaCode: string, city: string, state: string][] = [
  ['206', 'Seattle', 'WA'], ['425', 'Bellevue', 'WA'], ['253', 'Tacoma', 'WA'], ['509', 'Spokane', 'WA'], ['360', 'Olympia', 'WA'],
  ['212', 'New York', 'NY'], ['646', 'New York', 'NY'], ['718', 'New York', 'NY'], ['518', 'Albany', 'NY'],
  ['312', 'Chicago', 'IL'], ['773', 'Chicago', 'IL'],
  ['415', 'San Francisco', 'CA'], ['510', 'Oakland', 'CA'], ['213', 'Los Angeles', 'CA'], ['310', 'Los Angeles', 'CA'], ['619', 'San Diego', 'CA'],
  ['303', 'Denver', 'CO'], ['720', 'Denver', 'CO'],
  ['512', 'Austin', 'TX'], ['214', 'Dallas', 'TX'], ['713', 'Houston', 'TX'],
  ['617', 'Boston', 'MA'], ['702', 'Las Vegas', 'NV'], ['919', 'Raleigh', 'NC'], ['404', 'Atlanta', 'GA'], ['305', 'Miami', 'FL'],
  ['503', 'Portland', 'OR'], ['202', 'Washington', 'DC'],
];
/** Area codes where stock is short: only these many numbers are on offer. */
export const SCARCE_AREA_CODES: Readonly<Record<string, number>> = { 907: 3 };
const SCARCE_LOCALITIES: [string, string, string][] = [['907', 'Anchorage', 'AK']];
export const TOLL_FREE_PREFIXES = ['800', '833', '844', '855', '866', '877', '888'];
const CANADA: [string, string, string][] = [['604', 'Vancouver', 'BC'], ['416', 'Toronto', 'ON'], ['514', 'Montreal', 'QC']];
/** Ofcom's numbers for drama: London 020 7946 0xxx, Manchester 0161 496 0xxx, freephone 0808 157 0xxx. */
const UK: [prefix: string, type: 'Local' | 'TollFree', city?: string][] = [['+442079460', 'Local', 'London'], ['+441614960', 'Local', 'Manchester'], ['+448081570', 'TollFree']];

/** The prefix followed by 100, 101, ... */
const hundred = (prefix: string, count = 100) => Array.from({ length: count }, (_, i) => `${prefix}${i + 100}`);

function build(): StockNumber[] {
  const out: StockNumber[] = [];
  for (const [areaCode, city, state] of [...US_LOCALITIES, ...SCARCE_LOCALITIES]) {
    for (const e164 of hundred(`+1${areaCode}5550`, SCARCE_AREA_CODES[areaCode] ?? 100)) out.push({ e164, country: 'US', type: 'Local', areaCode, city, state });
  }
  for (const prefix of TOLL_FREE_PREFIXES) {
    for (const e164 of hundred(`+1${prefix}5550`)) out.push({ e164, country: 'US', type: 'TollFree', areaCode: prefix, tollFreePrefix: prefix });
  }
  for (const [areaCode, city, state] of CANADA) {
    for (const e164 of hundred(`+1${areaCode}5550`)) out.push({ e164, country: 'CA', type: 'Local', areaCode, city, state });
  }
  for (const [prefix, type, city] of UK) {
    for (const e164 of hundred(prefix)) out.push({ e164, country: 'GB', type, ...(city ? { city } : {}) });
  }
  return out;
}

let cached: { list: StockNumber[]; byNumber: Map<string, StockNumber> } | undefined;

function built() {
  if (!cached) {
    const list = build();
    cached = { list, byNumber: new Map(list.map(n => [n.e164, n])) };
  }
  return cached;
}

/** Every number on offer, in a fixed order. */
export function stock(): readonly StockNumber[] {
  return built().list;
}

export function inStock(e164: string): StockNumber | undefined {
  return built().byNumber.get(e164);
}

export interface StockQuery {
  country: string;
  areaCode?: string;
  city?: string;
  state?: string;
  tollFreePrefix?: string;
  phoneNumberType?: 'Local' | 'TollFree';
}

/**
 * The stock numbers a search matches. The API reference: area code, city, state and toll-free
 * prefix apply only to U.S. numbers (elsewhere they are ignored, and the number type is what
 * narrows a search); city and state match without regard to case.
 */
export function matching(q: StockQuery): StockNumber[] {
  const same = (a: string | undefined, b: string | undefined) => b === undefined || (a ?? '').toLowerCase() === b.toLowerCase();
  const us = q.country === 'US';
  return stock().filter(n => n.country === q.country
    && (q.phoneNumberType === undefined || n.type === q.phoneNumberType)
    && (!us || (
      (q.areaCode === undefined || n.areaCode === q.areaCode)
      && (q.tollFreePrefix === undefined || n.tollFreePrefix === q.tollFreePrefix)
      && same(n.city, q.city) && same(n.state, q.state))));
}
