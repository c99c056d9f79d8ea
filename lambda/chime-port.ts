// The narrow interface between the lifecycle logic and Amazon Chime. Both API adapters
// implement it, so nothing above this line knows which API it talks to.

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
  /** The order that acquired it, where the API says (Chime SDK Voice does; the legacy API does not). */
  readonly orderId?: string;
}

export interface ReleaseFailure {
  readonly number: string;
  readonly code: string;
  readonly message: string;
}

export interface ChimePort {
  readonly api: string;
  /** Sent once, never retried by the SDK: a lost answer must be looked for, not re-sent. */
  createOrder(productType: string, numbers: string[], name?: string): Promise<PhoneOrder>;
  getOrder(id: string): Promise<PhoneOrder | undefined>;
  listOrders(): AsyncIterable<PhoneOrder>;
  getNumber(number: string): Promise<HeldNumber | undefined>;
  setProductType(number: string, productType: string): Promise<void>;
  /** Releases into the deletion queue; answers the numbers it could not release. */
  releaseNumbers(numbers: string[]): Promise<ReleaseFailure[]>;
  restoreNumber(number: string): Promise<void>;
}
