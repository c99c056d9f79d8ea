// What a local deploy works with besides the stacks: the state directory (locked), the Chime
// endpoint, and the local cloud (Lambda's warm execution environments, Step Functions, the
// response endpoint). One local deploy opens and closes its own; a tool that deploys the same
// state directory many times in a row (the chaos suite) keeps one open across them, so that
// functions stay warm from one deploy to the next, as Lambda keeps them.
import * as path from 'path';
import { DEFAULT_CREDENTIALS } from '../../emulator';
import { ChimeEndpoint, chimeEndpoint } from './endpoint';
import { LocalCloud } from './local-cloud';
import type { ResponseTransport } from './response-endpoint';
import { StateStore } from './state';

export interface SessionOptions {
  cwd?: string;
  /** Default `.local-deploy`. */
  stateDir?: string;
  /** A Chime-compatible endpoint; default: the embedded emulator. */
  endpoint?: string;
  orderDelayMs?: number;
  queryIntervalMs?: number;
  responseTransport?: ResponseTransport;
}

export interface LocalSession {
  readonly store: StateStore;
  /** Replaces the waiter's interval, keeping its total time. */
  readonly queryIntervalMs?: number;
  readonly endpoint: ChimeEndpoint;
  readonly cloud: LocalCloud;
  /** Between two deploys: forgets the stacks of the last one and lets go of environments of functions no stack has any more. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function openLocalSession(options: SessionOptions = {}): Promise<LocalSession> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const store = new StateStore(path.resolve(cwd, options.stateDir ?? '.local-deploy'));
  const unlock = store.lock();
  let endpoint: ChimeEndpoint | undefined;
  try {
    // Before the synth: a wrong --endpoint should cost seconds, not a synth.
    endpoint = await chimeEndpoint({ endpoint: options.endpoint, emulatorStateFile: store.emulatorFile, orderDelayMs: options.orderDelayMs });
    const cloud = await LocalCloud.start({
      store,
      queryIntervalMs: options.queryIntervalMs,
      transport: options.responseTransport,
      commonEnv: {
        // The embedded emulator verifies signatures against these.
        AWS_ACCESS_KEY_ID: DEFAULT_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: DEFAULT_CREDENTIALS.secretAccessKey,
        AWS_SESSION_TOKEN: 'local-deploy-dummy-session',
        AWS_ENDPOINT_URL_CHIME: endpoint.url,
        AWS_ENDPOINT_URL_CHIME_SDK_VOICE: endpoint.url,
        AWS_CONFIG_FILE: store.noAwsConfigFile,
        AWS_SHARED_CREDENTIALS_FILE: store.noAwsConfigFile,
        // Lambda runs the handlers on Node.js 24; the SDK's warning about this machine's older Node is noise here.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
    const opened = endpoint;
    return {
      store, endpoint: opened, cloud, queryIntervalMs: options.queryIntervalMs,
      settle: () => cloud.settle(),
      close: async () => {
        try {
          await cloud.close();
          await opened.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (err) {
    await endpoint?.close();
    unlock();
    throw err;
  }
}
