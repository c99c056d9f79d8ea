/** Command line: `npx tsx emulator/cli.ts --port 4566 --seed 1 ...`; runs until SIGINT/SIGTERM. */
import { DEFAULT_CREDENTIALS, EmulatorCredentials } from './credentials';
import { VOICE_REGIONS } from './regions';
import { startEmulator } from './server';
import { ApiName, EmulatorOptions, FaultSettings } from './types';

const HELP = `Usage: tsx emulator/cli.ts [options]

An HTTP emulator of the Amazon Chime phone-number APIs (chime and chime-sdk-voice).
Point the SDK at it with AWS_ENDPOINT_URL_CHIME and AWS_ENDPOINT_URL_CHIME_SDK_VOICE.

Requests need a valid SigV4 signature (service chime; region us-east-1 for chime) made with a
known access key, by default ${DEFAULT_CREDENTIALS.accessKeyId} with secret ${DEFAULT_CREDENTIALS.secretAccessKey}
(emulator/credentials.ts). Chime SDK Voice answers for the regions with its endpoint:
${VOICE_REGIONS.join(', ')};
a request signed for another region gets no answer, as a host that does not exist would give.

Options:
  --port N                    port to listen on (default 0: a free port)
  --host HOST                 address to bind (default 127.0.0.1)
  --seed N                    seed for faults, order ids and search results (default: random)
  --order-delay-ms N          how long new orders stay Processing (default 0)
  --deletion-queue-ms N       how long released numbers stay in the deletion queue (default 7 days)
  --default-api API           chime | chime-sdk-voice, when the user agent names neither (default chime-sdk-voice)
  --throttle-rate R           0..1, answer 429 ThrottledClientException before acting
  --server-error-rate R       0..1, answer 500/503 before acting
  --drop-after-act-rate R     0..1, mutating operations: act, then drop the connection
  --taken-after-search-rate R 0..1, after a search answers, another customer takes half of what it found
  --latency-ms MIN-MAX        random delay per request (or a single N)
  --fault-operations A,B      restrict faults to these operation names
  --max-page-size N           cap ListPhoneNumberOrders and ListPhoneNumbers pages
  --state-file FILE           load the account from FILE at start, save it after every change
  --access-key ID:SECRET      accept this access key instead of the default (repeatable)
  --log-requests              log each request (phone numbers masked)
  --help                      show this help

SearchAvailablePhoneNumbers finds fictional numbers of a fixed stock (emulator/stock.ts): 555-0100..0199
in many U.S. area codes (with their city and state), the toll-free prefixes, Canada and the U.K.

Control endpoints (unauthenticated): GET /_emulator/state, /_emulator/stats, /_emulator/orders,
/_emulator/phone-numbers, /_emulator/taken; POST /_emulator/configure, /_emulator/unavailable,
/_emulator/associate, /_emulator/disassociate, /_emulator/inject, /_emulator/unrelated-orders,
/_emulator/take, /_emulator/take-after-search, /_emulator/advance-clock, /_emulator/reset.
`;

class UsageError extends Error {}

function number(flag: string, raw: string, opts: { integer?: boolean; max?: number } = {}): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || (opts.integer && !Number.isInteger(n)) || (opts.max !== undefined && n > opts.max)) {
    throw new UsageError(`${flag} needs a ${opts.integer ? 'non-negative integer' : 'non-negative number'}${opts.max !== undefined ? ` up to ${opts.max}` : ''}, got '${raw}'`);
  }
  return n;
}

export function parseArgs(argv: string[]): EmulatorOptions | 'help' {
  const options: EmulatorOptions = {};
  const faults: FaultSettings = {};
  const credentials: EmulatorCredentials[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--log-requests') {
      options.logRequests = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--port':
        options.port = number(flag, value(), { integer: true, max: 65535 });
        break;
      case '--host':
        options.host = value();
        break;
      case '--seed':
        options.seed = number(flag, value(), { integer: true });
        break;
      case '--order-delay-ms':
        options.orderDelayMs = number(flag, value());
        break;
      case '--deletion-queue-ms':
        options.deletionQueueMs = number(flag, value());
        break;
      case '--default-api': {
        const api = value();
        if (api !== 'chime' && api !== 'chime-sdk-voice') throw new UsageError(`--default-api must be chime or chime-sdk-voice, got '${api}'`);
        options.defaultApi = api as ApiName;
        break;
      }
      case '--throttle-rate':
        faults.throttleRate = number(flag, value(), { max: 1 });
        break;
      case '--server-error-rate':
        faults.serverErrorRate = number(flag, value(), { max: 1 });
        break;
      case '--drop-after-act-rate':
        faults.dropAfterActRate = number(flag, value(), { max: 1 });
        break;
      case '--taken-after-search-rate':
        faults.takenAfterSearchRate = number(flag, value(), { max: 1 });
        break;
      case '--latency-ms': {
        const [min, max = min] = value().split('-');
        faults.latencyMs = { min: number(flag, min), max: number(flag, max) };
        if (faults.latencyMs.max < faults.latencyMs.min) throw new UsageError('--latency-ms needs MIN <= MAX');
        break;
      }
      case '--fault-operations':
        faults.operations = value().split(',').filter(Boolean);
        break;
      case '--max-page-size': {
        const n = number(flag, value(), { integer: true });
        if (n < 1) throw new UsageError('--max-page-size must be at least 1');
        options.maxPageSize = n;
        break;
      }
      case '--state-file':
        options.stateFile = value();
        break;
      case '--access-key': {
        const pair = value();
        const colon = pair.indexOf(':');
        if (colon < 1 || colon === pair.length - 1) throw new UsageError('--access-key needs ID:SECRET');
        credentials.push({ accessKeyId: pair.slice(0, colon), secretAccessKey: pair.slice(colon + 1) });
        break;
      }
      default:
        throw new UsageError(`unknown option '${arg}' (see --help)`);
    }
  }
  if (Object.keys(faults).length > 0) options.faults = faults;
  if (credentials.length > 0) options.credentials = credentials;
  return options;
}

async function main(): Promise<void> {
  let options: EmulatorOptions | 'help';
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`chime-emulator: ${e.message}\n`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(HELP);
    return;
  }
  const emu = await startEmulator(options);
  process.stdout.write(`Chime emulator listening on ${emu.url}\n`);
  const stop = () => {
    emu.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`chime-emulator: ${(e as Error).message}\n`);
    process.exit(1);
  });
}
