import { fromEnv } from '@aws-sdk/credential-provider-env';
import { MAX_ATTEMPTS } from '../attempts';

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
