// How often a call to Chime is tried: a module of its own, without the SDK, so that index.js can
// read it without loading a client.

/**
 * Tries per call, including the first; the SDK's standard strategy backs off between them.
 * 12 rather than 8 (found by the chaos suite, 30 % throttling and 10 % 5xx): with 8, one call in
 * ~3,000 still failed, and an UPDATE_ROLLBACK or stack delete making ~40 calls (ListPhoneNumberOrders
 * in small pages) failed ~1 % of the time, leaving the stack half-done. With 12, one call in
 * ~150,000. Every call stays bounded by the Lambda's remaining time (the port's abort signal).
 */
export const MAX_ATTEMPTS = 12;
