// Each run orders from its own slice of the fictional range (+1 NPA 555-01xx), so that runs
// never share a number: a finding names one run, and logs of concurrent runs cannot mix.

// U.S. area codes whose 555-01xx numbers libphonenumber accepts; none of them is one the
// emulator uses for unrelated orders, so the audit never confuses the two.
const AREA_CODES = [
  '205', '207', '208', '209', '210', '214', '215', '216', '217', '218', '219', '224', '225', '228', '229', '231',
  '234', '239', '240', '248', '251', '252', '253', '254', '256', '260', '262', '267', '269', '270', '276', '281',
  '301', '302', '304', '307', '308', '309', '310', '313',
];
/** 555-0100..555-0199 holds five slices of twenty. */
const SLICES_PER_AREA = 5;

export interface NumberPool {
  /** Numbers the emulator fills when ordered, handed out fresh by the scenarios. */
  readonly available: readonly string[];
  /** Numbers the emulator fails in any order (setUnavailable). */
  readonly unavailable: readonly string[];
  /** Numbers put in the account outside any stack (unmarked), to be adopted or refused. */
  readonly seeded: readonly string[];
  /** A Canadian number: VoiceConnector refuses it, so it makes an update invalid. */
  readonly foreign: string;
  /** Whether a number is this run's (the audit judges only those). */
  has(number: string): boolean;
}

export function poolFor(index: number): NumberPool {
  const area = AREA_CODES[index % AREA_CODES.length];
  const slice = Math.floor(index / AREA_CODES.length) % SLICES_PER_AREA;
  const n = (i: number) => `+1${area}55501${String(slice * 20 + i).padStart(2, '0')}`;
  const all = Array.from({ length: 20 }, (_, i) => n(i));
  const foreign = `+141655501${String(slice * 20).padStart(2, '0')}`;
  return {
    available: all.slice(0, 16),
    unavailable: all.slice(16, 18),
    seeded: all.slice(18, 20),
    foreign,
    has: number => all.includes(number) || number === foreign,
  };
}

/** Numbers are sensitive: whatever this tool prints shows the last four digits only. */
export function mask(n: string): string {
  return `***${n.slice(-4)}`;
}

/** Masks every digit run long enough to be a phone number (as the handlers' own log does). */
export function redactDigits(text: string): string {
  return text.replace(/\+?\d{7,15}/g, m => mask(m));
}
