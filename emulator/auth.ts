/**
 * What the AWS front end does before the service sees a request: which API it is for, whether a
 * host for its region exists, and whether its SigV4 signature is valid for a known access key.
 */
import type { IncomingHttpHeaders } from 'http';
import { EmulatorCredentials } from './credentials';
import { authFailure } from './errors';
import { LEGACY_SIGNING_REGION, VOICE_REGIONS } from './regions';
import * as sigv4 from './sigv4';
import { ApiName } from './types';

const SIGNING_NAME = 'chime';
/** AWS accepts a request date up to five minutes away from its own clock, either way. */
const MAX_SKEW_MS = 5 * 60_000;

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

export interface AuthSettings {
  credentials: readonly EmulatorCredentials[];
  /** The front end's clock, in ms since the epoch. */
  now: number;
}

/**
 * `no-endpoint`: the request is signed for a region where Chime SDK Voice has no endpoint. In AWS
 * the SDK would have resolved `voice-chime.<region>.amazonaws.com`, which does not exist, and the
 * request would never have left the client.
 */
export type AuthOutcome = { ok: true } | { noEndpoint: string };

/** yyyyMMddTHHmmssZ, the form SigV4 dates take. */
export function basicIso(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function requestDate(headers: IncomingHttpHeaders): string | undefined {
  const amz = header(headers, 'x-amz-date');
  if (amz !== undefined) return amz;
  const date = header(headers, 'date');
  const ms = date === undefined ? NaN : Date.parse(date);
  return Number.isNaN(ms) ? date : basicIso(ms);
}

function parseBasicIso(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}

/** Throws the front end's 403 for a request it would refuse; the checks run in the order AWS reports them. */
export function authenticate(req: sigv4.SignedRequest, api: ApiName, settings: AuthSettings): AuthOutcome {
  const value = header(req.headers, 'authorization');
  if (value === undefined) throw authFailure('MissingAuthenticationToken', 'Missing Authentication Token');
  const auth = sigv4.parseAuthorization(value);
  const amzDate = requestDate(req.headers);
  if ('missing' in auth) {
    const problems = auth.missing.map((p) => `Authorization header requires '${p}' parameter.`);
    if (auth.credentialParts !== undefined) {
      problems.push(`Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got ${auth.credentialParts}.`);
    }
    if (amzDate === undefined) problems.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    throw authFailure('IncompleteSignature', problems.join(' '));
  }
  if (api === 'chime-sdk-voice' && !VOICE_REGIONS.includes(auth.region)) return { noEndpoint: auth.region };
  if (amzDate === undefined) {
    throw authFailure('IncompleteSignature', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  const signedAt = parseBasicIso(amzDate);
  if (Number.isNaN(signedAt)) {
    throw authFailure('IncompleteSignature', `Date must be in ISO-8601 'basic format'. Got '${amzDate}'.`);
  }
  const invalid = (message: string) => authFailure('InvalidSignature', message);
  if (auth.terminator !== 'aws4_request') throw invalid(`Credential should be scoped with a valid terminator: 'aws4_request', not '${auth.terminator}'.`);
  if (auth.service !== SIGNING_NAME) throw invalid(`Credential should be scoped to correct service: '${SIGNING_NAME}'. `);
  if (api === 'chime' && auth.region !== LEGACY_SIGNING_REGION) {
    throw invalid(`Credential should be scoped to a valid region, not '${auth.region}'. `);
  }
  if (auth.date !== amzDate.slice(0, 8)) {
    throw invalid(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (!auth.signedHeaders.includes('host')) throw invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  if (header(req.headers, 'x-amz-date') !== undefined && !auth.signedHeaders.includes('x-amz-date')) {
    throw invalid("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const key = settings.credentials.find((c) => c.accessKeyId === auth.accessKeyId);
  if (!key || (key.sessionToken !== undefined && key.sessionToken !== header(req.headers, 'x-amz-security-token'))) {
    throw authFailure('UnrecognizedClient', 'The security token included in the request is invalid.');
  }
  checkSkew(amzDate, signedAt, settings.now);
  const canonical = sigv4.canonicalRequest(req, auth.signedHeaders);
  const expected = sigv4.signature(key.secretAccessKey, auth, sigv4.stringToSign(amzDate, `${auth.date}/${auth.region}/${auth.service}/aws4_request`, canonical));
  if (!sigv4.sameSignature(expected, auth.signature)) {
    // AWS also prints the canonical request and string to sign; they hold the phone number of the path, so they stay out.
    throw invalid(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. ' +
        'Consult the service documentation for details.',
    );
  }
  return { ok: true };
}

function checkSkew(amzDate: string, signedAt: number, now: number): void {
  if (signedAt < now - MAX_SKEW_MS) {
    throw authFailure('InvalidSignature', `Signature expired: ${amzDate} is now earlier than ${basicIso(now - MAX_SKEW_MS)} (${basicIso(now)} - 5 min.)`);
  }
  if (signedAt > now + MAX_SKEW_MS) {
    throw authFailure('InvalidSignature', `Signature not yet current: ${amzDate} is still later than ${basicIso(now + MAX_SKEW_MS)} (${basicIso(now)} + 5 min.)`);
  }
}
