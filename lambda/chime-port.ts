// The narrow interface between the lifecycle logic and Amazon Chime. Both API adapters
// implement it, so nothing above this line knows which API it talks to.
import type { SearchCriteria } from '../lib/search-rules';

export interface OrderedNumber {
  readonly number: string;
  /** `Processing`, `Acquired` or `Failed`. */
  readonly status: string;
}

export interface PhoneOrder {
  readonly id: string;
  readonly status: string;
  readonly productType: string;
  readonly numbers: OrderedNumber[];
  readonly createdAt?: Date;
}

export interface Association {
  readonly name: string;
  readonly value: string;
}

export interface HeldNumber {
  readonly number: string;
  readonly status: string;
  readonly productType?: string;
  readonly associations: Association[];
  /** The order that acquired it (Chime SDK Voice only). */
  readonly orderId?: string;
  /** The number's Name, where a resource's mark lives (Chime SDK Voice only). */
  readonly name?: string;
  readonly createdAt?: Date;
  /** When it entered the deletion queue. */
  readonly deletedAt?: Date;
}

export interface SearchPage {
  readonly numbers: string[];
  readonly nextToken?: string;
}

export interface ReleaseFailure {
  readonly number: string;
  readonly code: string;
  readonly message: string;
}

export interface ChimePort {
  readonly api: string;
  /** Whether numbers carry a Name and an OrderId, so a resource can mark and recognise its own. */
  readonly marksNumbers: boolean;
  /** Sent once, never retried by the SDK: a lost answer must be looked for, not re-sent. */
  createOrder(productType: string, numbers: string[], name?: string): Promise<PhoneOrder>;
  getOrder(id: string): Promise<PhoneOrder | undefined>;
  listOrders(): AsyncIterable<PhoneOrder>;
  getNumber(number: string): Promise<HeldNumber | undefined>;
  /** Every number the account has a record of: every page of ListPhoneNumbers. */
  listNumbers(): AsyncIterable<HeldNumber>;
  /** One page of SearchAvailablePhoneNumbers. */
  searchAvailable(criteria: SearchCriteria, maxResults: number, nextToken?: string): Promise<SearchPage>;
  setProductType(number: string, productType: string): Promise<void>;
  /** Chime SDK Voice only (marksNumbers). */
  setName(number: string, name: string): Promise<void>;
  /** Releases into the deletion queue; answers the numbers it could not release. */
  releaseNumbers(numbers: string[]): Promise<ReleaseFailure[]>;
  restoreNumber(number: string): Promise<void>;
}
