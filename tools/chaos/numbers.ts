// Each run orders from its own slice of the fictional range (+1 NPA 555-01xx), so that runs
// never share a number: a finding names one run, and logs of concurrent runs cannot mix.

// U.S. area codes whose 555-01xx numbers libphonenumber accepts; none of them is one the
// emulator uses for unrelated orders, so the audit never confuses the two.
const AREA_CODES = [
  '205', '207', '208', '209', '210', '214', '215', '216', '217', '218', '219', '224', '225', '228', '229', '231',
  '234', '239', '240', '248', '251', '252', '253', '254', '256', '260', '262', '267', '269', '270', '276', '281',
  '301', '302', '304', '307', '308', '309', '310', '313',
];

export interface NumberPool {
  /** Numbers the emulator fills. */
  readonly available: string[];
  /** Numbers the emulator fails in any order (setUnavailable). */
  readonly unavailable: string[];
  /** A Canadian number: VoiceConnector refuses it, so it makes an update invalid. */
  readonly foreign: string;
}

export function poolFor(index: number): NumberPool {
  const area = AREA_CODES[index % AREA_CODES.length];
  const block = Math.floor(index / AREA_CODES.length) % 10;
  const n = (i: number) => `+1${area}55501${block}${i}`;
  return { available: [0, 1, 2, 3, 4, 5, 6].map(n), unavailable: [7, 8].map(n), foreign: `+141655501${block}9` };
}

/** Numbers are sensitive: whatever this tool prints shows the last four digits only. */
export function mask(n: string): string {
  return `***${n.slice(-4)}`;
}

/** Masks every digit run long enough to be a phone number (as the handlers' own log does). */
export function redactDigits(text: string): string {
  return text.replace(/\+?\d{7,15}/g, m => mask(m));
}

export function normalize(n: string): string {
  return n.startsWith('+') ? n : `+${n}`;
}
