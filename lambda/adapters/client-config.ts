/** Tries per call, including the first; the SDK's standard strategy backs off between them. */
export const MAX_ATTEMPTS = 8;

/**
 * Settings shared by both API clients. Endpoints come from the SDK's own
 * AWS_ENDPOINT_URL_* variables, so a local emulator needs no code path here.
 */
export function clientConfig(region: string, maxAttempts = MAX_ATTEMPTS) {
  return {
    region,
    maxAttempts,
    retryMode: 'standard',
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 15_000 },
  };
}

export function lambdaRegion(): string {
  return process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
}

