/**
 * The kind of number a search outside the U.S. asks for.
 */
export enum PhoneNumberType {
  /** Geographic numbers. */
  LOCAL = 'Local',
  /** Toll-free numbers. */
  TOLL_FREE = 'TollFree',
}

/**
 * Criteria for a search, as Chime's `SearchAvailablePhoneNumbers` takes them.
 */
export interface PhoneNumberSearchCriteria {
  /**
   * A U.S. area code, e.g. `206`.
   * @default - any
   */
  readonly areaCode?: string;
  /**
   * A U.S. city; needs `state`.
   * @default - any
   */
  readonly city?: string;
  /**
   * A U.S. state's two-letter code, e.g. `WA`.
   * @default - any
   */
  readonly state?: string;
  /**
   * The country, as an ISO 3166-1 alpha-2 code.
   * @default 'US'
   */
  readonly country?: string;
  /**
   * A U.S. toll-free prefix: 800, 833, 844, 855, 866, 877 or 888.
   * @default - none
   */
  readonly tollFreePrefix?: string;
  /**
   * The kind of number; required outside the U.S.
   * @default - any
   */
  readonly phoneNumberType?: PhoneNumberType;
}

/**
 * Which numbers a PhoneNumberOrder finds with `SearchAvailablePhoneNumbers` instead of listing
 * them: the search runs at deploy time, and the order takes `quantity` of the numbers it finds.
 */
export class PhoneNumberSearch {
  /** U.S. numbers in an area code, e.g. `PhoneNumberSearch.areaCode('206')`. */
  public static areaCode(areaCode: string): PhoneNumberSearch {
    return new PhoneNumberSearch({ areaCode });
  }

  /** U.S. numbers in a city, e.g. `PhoneNumberSearch.cityAndState('Seattle', 'WA')`. */
  public static cityAndState(city: string, state: string): PhoneNumberSearch {
    return new PhoneNumberSearch({ city, state });
  }

  /** U.S. numbers anywhere in a state, e.g. `PhoneNumberSearch.state('WA')`. */
  public static state(state: string): PhoneNumberSearch {
    return new PhoneNumberSearch({ state });
  }

  /** U.S. toll-free numbers with a prefix, e.g. `PhoneNumberSearch.tollFree('888')`. */
  public static tollFree(prefix: string): PhoneNumberSearch {
    return new PhoneNumberSearch({ tollFreePrefix: prefix });
  }

  /** Numbers of a country outside the U.S., e.g. `PhoneNumberSearch.country('GB', PhoneNumberType.LOCAL)`. */
  public static country(country: string, phoneNumberType: PhoneNumberType): PhoneNumberSearch {
    return new PhoneNumberSearch({ country, phoneNumberType });
  }

  /** Any combination SearchAvailablePhoneNumbers accepts, e.g. an area code within a state. */
  public static of(criteria: PhoneNumberSearchCriteria): PhoneNumberSearch {
    return new PhoneNumberSearch({ ...criteria });
  }

  /** The criteria, as given. */
  public readonly criteria: PhoneNumberSearchCriteria;

  private constructor(criteria: PhoneNumberSearchCriteria) {
    this.criteria = criteria;
  }
}

