/**
 * Signature Version 4 as the receiving side computes it, from the request as it arrived: the
 * canonical request, the string to sign and the signature. Written from the SigV4 specification
 * rather than borrowed from the SDK's signer, so that the two check each other.
 */
import { createHash, createHmac, timingSafeEqual } from 'crypto';
import type { IncomingHttpHeaders } from 'http';

export const ALGORITHM = 'AWS4-HMAC-SHA256';

export interface Authorization {
  accessKeyId: string;
  /** Credential scope: yyyyMMdd, region, service, terminator. */
  date: string;
  region: string;
  service: string;
  terminator: string;
  signedHeaders: string[];
  signature: string;
}

export interface SignedRequest {
  method: string;
  /** Path and query exactly as they arrived. */
  rawUrl: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The parts of an `Authorization` header, or the names of the parts it lacks. */
export function parseAuthorization(value: string): Authorization | { missing: string[]; credentialParts?: number } {
  const space = value.indexOf(' ');
  const algorithm = space < 0 ? value : value.slice(0, space);
  const params = new Map<string, string>();
  if (algorithm === ALGORITHM) {
    for (const part of value.slice(space + 1).split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((k) => !params.get(k));
  if (missing.length > 0) return { missing };
  const credential = (params.get('Credential') as string).split('/');
  if (credential.length !== 5) return { missing: [], credentialParts: credential.length };
  const [accessKeyId, date, region, service, terminator] = credential;
  const signedHeaders = (params.get('SignedHeaders') as string).split(';').map((h) => h.trim().toLowerCase());
  return { accessKeyId, date, region, service, terminator, signedHeaders, signature: params.get('Signature') as string };
}

/** RFC 3986 unreserved characters stay; everything else is %XX, as SigV4 requires. */
export function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Every service but S3 signs the path as sent (already encoded once) encoded again, segment by
 * segment, after removing empty, `.` and `..` segments.
 */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const s of path.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') segments.pop();
    else segments.push(s);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `/${segments.map(escapeUri).join('/')}${trailing}`;
}

function canonicalQuery(query: string): string {
  if (query === '') return '';
  return query
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      const [k, v] = eq < 0 ? [p, ''] : [p.slice(0, eq), p.slice(eq + 1)];
      return [escapeUri(decode(k)), escapeUri(decode(v))];
    })
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const v = headers[name];
  const joined = Array.isArray(v) ? v.join(',') : (v ?? '');
  return joined.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').trim();
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The payload hash is always that of the body received: a body changed after signing, or a
 * client-supplied `x-amz-content-sha256` that does not match it, fails the signature.
 */
export function canonicalRequest(req: SignedRequest, signedHeaders: string[]): string {
  const q = req.rawUrl.indexOf('?');
  const path = q < 0 ? req.rawUrl : req.rawUrl.slice(0, q);
  const query = q < 0 ? '' : req.rawUrl.slice(q + 1);
  const headers = signedHeaders.map((h) => `${h}:${headerValue(req.headers, h)}\n`).join('');
  return [req.method, canonicalPath(path), canonicalQuery(query), headers, signedHeaders.join(';'), sha256Hex(req.body)].join('\n');
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
}

export function signature(secret: string, auth: Pick<Authorization, 'date' | 'region' | 'service'>, toSign: string): string {
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const key = [auth.date, auth.region, auth.service, 'aws4_request'].reduce<string | Buffer>((k, part) => hmac(k, part), `AWS4${secret}`);
  return createHmac('sha256', key).update(toSign).digest('hex');
}

export function sameSignature(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}
