/** What the emulator needs to know about a phone number, without a phone-number library. */

export const E164_PATTERN = /^\+?[1-9]\d{1,14}$/;

export const TOLL_FREE_AREA_CODES = ['800', '833', '844', '855', '866', '877', '888'];

// NANP area codes outside the U.S.; every other +1 area code counts as U.S.
const CANADA = new Set(
  ('204 226 236 249 250 263 289 306 343 354 365 367 368 382 403 416 418 428 431 437 438 450 468 474 506 514 ' +
    '519 548 579 581 584 587 604 613 639 647 672 683 705 709 742 753 778 780 782 807 819 825 867 873 879 902 905').split(' '),
);
const CARIBBEAN: Record<string, string> = {
  '242': 'BS', '246': 'BB', '264': 'AI', '268': 'AG', '284': 'VG', '345': 'KY', '441': 'BM', '473': 'GD',
  '649': 'TC', '658': 'JM', '664': 'MS', '721': 'SX', '758': 'LC', '767': 'DM', '784': 'VC', '787': 'PR',
  '809': 'DO', '829': 'DO', '849': 'DO', '868': 'TT', '869': 'KN', '876': 'JM', '939': 'PR',
};
// Longest prefix wins; enough to give non-NANP numbers a believable Country.
const CALLING_CODES: Record<string, string> = {
  '44': 'GB', '33': 'FR', '49': 'DE', '34': 'ES', '39': 'IT', '31': 'NL', '32': 'BE', '41': 'CH', '43': 'AT',
  '45': 'DK', '46': 'SE', '47': 'NO', '48': 'PL', '353': 'IE', '351': 'PT', '358': 'FI', '61': 'AU', '64': 'NZ',
  '81': 'JP', '82': 'KR', '65': 'SG', '852': 'HK', '91': 'IN', '52': 'MX', '55': 'BR', '54': 'AR', '56': 'CL',
  '57': 'CO', '27': 'ZA', '972': 'IL', '971': 'AE',
};

export interface NumberInfo {
  country: string;
  type: 'Local' | 'TollFree';
  inUS: boolean;
}

/** Adds the leading '+' the pattern lets callers omit; IDs always carry it. */
export function normalize(e164: string): string {
  return e164.startsWith('+') ? e164 : `+${e164}`;
}

/** Why a pattern-valid number still cannot be a real number, or undefined when it can. */
export function nanpDefect(e164: string): string | undefined {
  const digits = normalize(e164).slice(1);
  if (!digits.startsWith('1')) return undefined;
  if (digits.length !== 11) return 'a +1 number needs 10 digits after the country code';
  if (!/^[2-9]\d\d[2-9]\d{6}$/.test(digits.slice(1))) return 'not a valid NANP area code and exchange';
  return undefined;
}

export function classify(e164: string): NumberInfo {
  const digits = normalize(e164).slice(1);
  if (digits.startsWith('1')) {
    const area = digits.slice(1, 4);
    if (TOLL_FREE_AREA_CODES.includes(area)) return { country: 'US', type: 'TollFree', inUS: true };
    if (CANADA.has(area)) return { country: 'CA', type: 'Local', inUS: false };
    const caribbean = CARIBBEAN[area];
    if (caribbean) return { country: caribbean, type: 'Local', inUS: false };
    return { country: 'US', type: 'Local', inUS: true };
  }
  for (const len of [3, 2]) {
    const country = CALLING_CODES[digits.slice(0, len)];
    if (country) return { country, type: 'Local', inUS: false };
  }
  return { country: 'ZZ', type: 'Local', inUS: false };
}

/** Phone numbers are sensitive in the Chime model: anything logged or recorded shows the last four digits only. */
export function mask(e164: string): string {
  return `***${e164.replace(/\D/g, '').slice(-4)}`;
}

/** Masks every phone-number-like run (5+ digits, optionally after '+' or '%2B') in free text. */
export function maskText(text: string): string {
  return text.replace(/(?:\+|%2B)?\d{5,}/gi, (m) => mask(m));
}
