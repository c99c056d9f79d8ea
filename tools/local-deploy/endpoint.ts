// The Chime endpoint the handlers call: a given one (checked up front, so a wrong URL fails
// in seconds rather than after the SDK's retries), or the project's emulator, started in-process
// with its inventory in the state directory so that it lasts from one run to the next.
import * as net from 'net';
import { startEmulator } from '../../emulator';
import { LocalDeployError } from './errors';

export interface ChimeEndpoint {
  url: string;
  /** For the summary: what the handlers are talking to. */
  description: string;
  close(): Promise<void>;
}

const PROBE_TIMEOUT_MS = 2000;

export async function chimeEndpoint(options: { endpoint?: string; emulatorStateFile: string; orderDelayMs?: number }): Promise<ChimeEndpoint> {
  if (options.endpoint !== undefined) {
    const url = parseEndpoint(options.endpoint);
    await probe(url);
    return { url: url.href.replace(/\/$/, ''), description: `endpoint ${url.href}`, close: async () => undefined };
  }
  const emulator = await startEmulator({ stateFile: options.emulatorStateFile, orderDelayMs: options.orderDelayMs }).catch((err: Error) => {
    throw new LocalDeployError(`The embedded Chime emulator did not start (${err.message}): check ${options.emulatorStateFile}, or use --endpoint`);
  });
  return {
    url: emulator.url,
    description: `embedded Chime emulator at ${emulator.url} (inventory: ${options.emulatorStateFile})`,
    close: () => emulator.close(),
  };
}

export function parseEndpoint(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new LocalDeployError(`--endpoint ${JSON.stringify(raw)} is not a URL: give one like http://127.0.0.1:4566`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw new LocalDeployError(`--endpoint ${JSON.stringify(raw)} is not an http(s) URL with a host: give one like http://127.0.0.1:4566`);
  }
  return url;
}

/** Connects once, with a short timeout: reachability only, the handlers do the talking. */
export function probe(url: URL, timeoutMs = PROBE_TIMEOUT_MS): Promise<void> {
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const fail = (why: string) => {
      socket.destroy();
      reject(new LocalDeployError(`Nothing answers at --endpoint ${url.href} (${why}): start the emulator (npm run emulator -- --port ${port}) or fix the URL`));
    };
    socket.setTimeout(timeoutMs, () => fail(`no connection within ${timeoutMs} ms`));
    socket.once('error', err => fail((err as NodeJS.ErrnoException).code ?? err.message));
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
  });
}
