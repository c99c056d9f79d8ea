import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Tries per call, including the first; the SDK's standard strategy backs off between them.
 * 12 rather than 8 (found by the chaos suite, 30 % throttling and 10 % 5xx): with 8, one call in
 * ~3,000 still failed, and an UPDATE_ROLLBACK or stack delete making ~40 calls (ListPhoneNumberOrders
 * in small pages) failed ~1 % of the time, leaving the stack half-done. With 12, one call in
 * ~150,000. Every call stays bounded by the Lambda's remaining time (the port's abort signal).
 */
export const MAX_ATTEMPTS = 12;

/**
 * Settings shared by both API clients. Endpoints come from the SDK's own
 * AWS_ENDPOINT_URL_* variables, so a local emulator needs no code path here. Credentials come from
 * the environment, where Lambda puts the execution role's: the SDK's default chain (profiles, SSO,
 * web identity, instance metadata) finds them there first anyway, and leaving it out of the bundle
 * (scripts/bundle-handler.js) makes a cold start load a third less.
 */
export function clientConfig(region: string, maxAttempts = MAX_ATTEMPTS) {
  return {
    region,
    credentials: fromEnv(),
    maxAttempts,
    retryMode: 'standard',
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 15_000 },
  };
}
