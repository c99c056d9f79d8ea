import type { PhoneNumberSearch } from './phone-number-search';
import type { SearchCriteria } from './search-rules';

/** The criteria as the resource's `Search` property holds them. */
export function searchProperties(search: PhoneNumberSearch): SearchCriteria {
  const c = search.criteria;
  const props: Record<string, string | undefined> = {
    AreaCode: c.areaCode, City: c.city, State: c.state, Country: c.country, TollFreePrefix: c.tollFreePrefix, PhoneNumberType: c.phoneNumberType,
  };
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) as SearchCriteria;
}
