// SearchAvailablePhoneNumbers for a search order: a read, so it belongs to observing, not to the
// executor. It asks for as many numbers as are needed, so that an order takes every number the
// search handed out, and pages on only past numbers the resource has already tried.
import type { SearchCriteria } from '../lib/search-rules';
import type { ChimePort } from './chime-port';
import { chimeFailure } from './failure';

/** The model's PhoneNumberMaxResults. */
const SEARCH_PAGE_MAX = 500;
/** A search yielding nothing new after this many pages is taken to have found all it will. */
const MAX_PAGES = 10;

/** Up to `count` available numbers matching the criteria, none of them in `exclude`, in the order Chime offered them. */
export async function findAvailable(port: ChimePort, criteria: SearchCriteria, count: number, exclude: Iterable<string>): Promise<string[]> {
  const skip = new Set(exclude);
  const found: string[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES && found.length < count; page++) {
    let answer;
    try {
      answer = await port.searchAvailable(criteria, Math.min(SEARCH_PAGE_MAX, count - found.length), token);
    } catch (err) {
      throw chimeFailure('SearchAvailablePhoneNumbers', err);
    }
    for (const n of answer.numbers) {
      const number = n.startsWith('+') ? n : `+${n}`;
      if (!skip.has(number) && !found.includes(number)) found.push(number);
    }
    token = answer.nextToken;
    if (!token) break;
  }
  return found.slice(0, count);
}
