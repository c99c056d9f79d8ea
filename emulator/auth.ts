/** Which API a request is for, and whether it carries a plausible SigV4 signature. */
import type { IncomingHttpHeaders } from 'http';
import { ApiError } from './errors';
import { ApiName } from './types';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/**
 * The SDK v3 user agent names the client package (`api/chime-sdk-voice#3.x` or `api/chime#3.x`);
 * both clients reach the emulator at the same URL, so this is all that tells them apart.
 */
export function detectApi(headers: IncomingHttpHeaders, fallback: ApiName): ApiName {
  const ua = `${header(headers, 'x-amz-user-agent') ?? ''} ${header(headers, 'user-agent') ?? ''}`;
  if (/(^|\s)api\/chime-sdk-voice#/.test(ua)) return 'chime-sdk-voice';
  if (/(^|\s)api\/chime#/.test(ua)) return 'chime';
  return fallback;
}

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([A-Za-z0-9]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/**
 * Checks the shape of the signature, not its value: the emulator does not know the caller's secret.
 * Failures answer 403 ForbiddenException, the status AWS front ends give for missing or bad
 * signatures (UnauthorizedClientException is the service's own "not allowed" answer).
 */
export function checkAuth(headers: IncomingHttpHeaders, api: ApiName): void {
  const fail = (message: string) => new ApiError('Forbidden', message, { malformed: true });
  const authorization = header(headers, 'authorization');
  if (!authorization) throw fail('Missing Authentication Token: the request carries no Authorization header.');
  const m = AUTH.exec(authorization);
  if (!m) throw fail('Authorization header is not a well-formed AWS4-HMAC-SHA256 signature.');
  const [, , date, region, service, signedHeaders] = m;
  if (service !== 'chime') throw fail(`Credential should be scoped to correct service: 'chime', not '${service}'.`);
  // The legacy endpoint lives only in us-east-1 and verifies signatures for that region.
  if (api === 'chime' && region !== 'us-east-1') {
    throw fail(`Credential should be scoped to a valid region: 'us-east-1', not '${region}'.`);
  }
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw fail(`Credential scope has an invalid region '${region}'.`);
  const amzDate = header(headers, 'x-amz-date');
  if (!amzDate) throw fail('Missing X-Amz-Date header.');
  if (!/^\d{8}T\d{6}Z$/.test(amzDate)) throw fail('X-Amz-Date is not in the basic ISO 8601 format yyyyMMddTHHmmssZ.');
  if (amzDate.slice(0, 8) !== date) throw fail('Credential scope date does not match X-Amz-Date.');
  const signed = signedHeaders.split(';');
  for (const required of ['host', 'x-amz-date']) {
    if (!signed.includes(required)) throw fail(`SignedHeaders must include '${required}'.`);
  }
}
