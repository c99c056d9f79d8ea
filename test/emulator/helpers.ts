import * as http from 'http';
import { ChimeClient } from '@aws-sdk/client-chime';
import { ChimeSDKVoiceClient } from '@aws-sdk/client-chime-sdk-voice';
import { Emulator, EmulatorOptions, startEmulator } from '../../emulator';

export const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' };
export const T0 = Date.parse('2026-03-01T12:00:00.000Z');

/** A clock the test moves by hand, so order and queue timing needs no real waiting. */
export class FakeClock {
  constructor(public t = T0) {}
  readonly now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface Harness {
  emu: Emulator;
  clock: FakeClock;
  voice: ChimeSDKVoiceClient;
  legacy: ChimeClient;
  close(): Promise<void>;
}

export async function harness(options: EmulatorOptions = {}, clientOptions: { maxAttempts?: number } = {}): Promise<Harness> {
  const clock = new FakeClock();
  const emu = await startEmulator({ seed: 1, clock: clock.now, ...options });
  const config = { endpoint: emu.url, region: 'us-east-1', credentials, ...clientOptions };
  const voice = new ChimeSDKVoiceClient(config);
  const legacy = new ChimeClient(config);
  return {
    emu,
    clock,
    voice,
    legacy,
    async close() {
      voice.destroy();
      legacy.destroy();
      await emu.close();
    },
  };
}

/** Rejection of a promise, for asserting on SDK exceptions. */
export async function failure(p: Promise<unknown>): Promise<Error & { name: string; Code?: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { name: string; Code?: string };
  }
  throw new Error('expected the call to fail');
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A plain HTTP request, for what the SDK would never send. */
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

/** Headers that pass the emulator's signature-shape check, for raw requests that should reach validation. */
export function signedHeaders(api: 'chime' | 'chime-sdk-voice' = 'chime-sdk-voice', date = '20260301T120000Z'): Record<string, string> {
  return {
    authorization:
      `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${date.slice(0, 8)}/us-east-1/chime/aws4_request, ` +
      `SignedHeaders=host;x-amz-date, Signature=${'a'.repeat(64)}`,
    'x-amz-date': date,
    'user-agent': `test api/${api}#1.0.0`,
    'content-type': 'application/json',
  };
}

export const N = {
  a: '+12065550100',
  b: '+12065550101',
  c: '+12065550102',
  d: '+12065550103',
  tollFree: '+18005550100',
  canada: '+16045550100',
};
