// Requests the SDK clients would not send as they stand: plain, or signed by the SDK's own SigV4
// signer (the emulator's verifier is written apart from it, so each checks the other).
import { createHash, createHmac, type Hash, type Hmac } from 'crypto';
import * as http from 'http';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { DEFAULT_CREDENTIALS, type EmulatorCredentials } from '../../emulator';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A plain HTTP request. Rejects when the emulator drops the connection. */
export function raw(url: string, method: string, path: string, opts: { headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method, headers: opts.headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Data): Buffer =>
  typeof d === 'string' ? Buffer.from(d) : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d);

/** The SHA-256 (or HMAC-SHA-256, given a key) the signer asks for, on Node's crypto. */
class Sha256 {
  private h!: Hash | Hmac;
  constructor(private readonly secret?: Data) {
    this.reset();
  }
  update(data: Data): void {
    this.h.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
  reset(): void {
    this.h = this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.secret));
  }
}

export interface SignedRawOptions {
  api?: 'chime' | 'chime-sdk-voice';
  /** Path as sent, labels already encoded (`/phone-numbers/%2B12065550100`). */
  path: string;
  query?: Record<string, string>;
  body?: string;
  region?: string;
  service?: string;
  credentials?: EmulatorCredentials;
  signingDate?: Date;
  /** Extra headers, signed with the rest. */
  headers?: Record<string, string>;
  /** Changes the request after signing, e.g. to tamper with it. */
  after?: (req: { path: string; headers: Record<string, string>; body?: string }) => void;
}

/** A request signed as the SDK signs it, sent over plain HTTP. */
export async function signedRaw(url: string, method: string, opts: SignedRawOptions): Promise<RawResponse> {
  const target = new URL(url);
  const creds = opts.credentials ?? DEFAULT_CREDENTIALS;
  const signer = new SignatureV4({
    credentials: creds,
    region: opts.region ?? 'us-east-1',
    service: opts.service ?? 'chime',
    sha256: Sha256,
    applyChecksum: false,
  });
  const request = new HttpRequest({
    method,
    protocol: 'http:',
    hostname: target.hostname,
    port: Number(target.port),
    path: opts.path,
    query: opts.query ?? {},
    headers: {
      host: target.host,
      'content-type': 'application/json',
      ...(opts.body !== undefined ? { 'content-length': String(Buffer.byteLength(opts.body)) } : {}),
      ...(creds.sessionToken !== undefined ? { 'x-amz-security-token': creds.sessionToken } : {}),
      ...opts.headers,
    },
    body: opts.body,
  });
  const signed = await signer.sign(request, { signingDate: opts.signingDate });
  const query = Object.entries(opts.query ?? {}).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const sent = { path: `${opts.path}${query ? `?${query}` : ''}`, headers: { ...signed.headers, 'user-agent': `test api/${opts.api ?? 'chime-sdk-voice'}#1.0.0` }, body: opts.body };
  opts.after?.(sent);
  return raw(url, method, sent.path, { headers: sent.headers, body: sent.body });
}
