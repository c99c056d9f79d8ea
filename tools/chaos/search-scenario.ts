// Search orders in the chaos suite: what a run ordering by search asks of the custom resource.
// Kept apart from the list scenarios (scenario.ts) and free of the runner's machinery, so that it
// carries over as is to a chaos suite built on the local deploy: a create kind with its
// properties and the emulator's race rate, then updates drawn from the properties the stack holds.
import type { Rng } from './random';
import type { Props } from './types';

export type SearchCreateKind = 'search' | 'search-race' | 'search-short' | 'search-short-allowed';
export type SearchUpdateKind = 'quantity-up' | 'quantity-down' | 'criteria' | 'no-op' | 'invalid';

const CREATE_KINDS: Record<SearchCreateKind, number> = { search: 40, 'search-race': 35, 'search-short': 12, 'search-short-allowed': 13 };
const UPDATE_KINDS: Record<SearchUpdateKind, number> = { 'quantity-up': 28, 'quantity-down': 24, criteria: 20, 'no-op': 14, invalid: 14 };
/** Area codes with 100 numbers in the emulator's stock, and one with 3 (emulator/stock.ts). */
const AREA_CODES = ['206', '212', '303', '312', '415', '512', '617', '702'];
const SCARCE = '907';
const SCARCE_STOCK = 3;
/** In a racing run, the share of searches after which another customer takes half of what was found. */
const RACE_RATE = 0.5;

export interface SearchCreate {
  readonly kind: SearchCreateKind;
  readonly props: Props;
  /** The emulator's takenAfterSearchRate for the run. */
  readonly takenAfterSearchRate: number;
}

export interface SearchUpdate {
  readonly kind: SearchUpdateKind;
  readonly props: Props;
}

export function planSearchCreate(r: Rng, index: number): SearchCreate {
  const kind = r.weighted(CREATE_KINDS);
  const short = kind === 'search-short' || kind === 'search-short-allowed';
  const props: Props = {
    ProductType: r.chance(0.6) ? 'VoiceConnector' : 'SipMediaApplicationDialIn',
    Search: { AreaCode: short ? SCARCE : r.pick(AREA_CODES) },
    Quantity: String(short ? SCARCE_STOCK + r.int(1, 2) : r.int(1, 4)),
    Api: 'chime-sdk-voice',
    AllowPartial: String(kind === 'search-short-allowed' || (kind !== 'search-short' && r.chance(0.3))),
    Revision: '0',
  };
  if (r.chance(0.4)) props.Name = `chaos search ${index}`;
  return { kind, props, takenAfterSearchRate: kind === 'search-race' ? RACE_RATE : 0 };
}

export function nextSearchUpdate(r: Rng, current: Props, revision: number): SearchUpdate {
  const kind = r.weighted(UPDATE_KINDS);
  const quantity = Number(current.Quantity);
  const props: Props = { ...current, Search: { ...(current.Search as Record<string, string>) }, Revision: String(revision) };
  switch (kind) {
    case 'quantity-up': props.Quantity = String(quantity + r.int(1, 2)); break;
    case 'quantity-down': props.Quantity = String(Math.max(1, quantity - r.int(1, 2))); break;
    // Changed criteria apply to what is ordered from then on; sometimes with more numbers, sometimes where stock is short.
    case 'criteria':
      props.Search = { AreaCode: r.chance(0.2) ? SCARCE : r.pick(AREA_CODES) };
      if (r.chance(0.5)) props.Quantity = String(quantity + 1);
      break;
    case 'no-op': props.AllowPartial = props.AllowPartial === 'true' ? 'false' : 'true'; break;
    // A city without its state: the handler must refuse it before calling Chime.
    case 'invalid': props.Search = { City: 'Seattle' }; break;
  }
  return { kind, props };
}

export function isSearchProps(props: Props): boolean {
  return typeof props.Search === 'object' && props.Search !== null;
}
