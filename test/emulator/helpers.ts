import { ChimeClient } from '@aws-sdk/client-chime';
import { ChimeSDKVoiceClient } from '@aws-sdk/client-chime-sdk-voice';
import { DEFAULT_CREDENTIALS, Emulator, EmulatorOptions, startEmulator } from '../../emulator';

export { raw, signedRaw, type RawResponse, type SignedRawOptions } from './http';
export const credentials = DEFAULT_CREDENTIALS;
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

export const N = {
  a: '+12065550100',
  b: '+12065550101',
  c: '+12065550102',
  d: '+12065550103',
  tollFree: '+18005550100',
  canada: '+16045550100',
};
