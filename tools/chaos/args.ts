// Command-line options of `npm run chaos`.

export interface CliOptions {
  /** Absent: the default (50), or the CI size's with `ci`. */
  readonly runs?: number;
  /** The CI size (ci-size.ts): its runs, seed, steps, faults and order book; --runs and --seed still apply. */
  readonly ci?: boolean;
  readonly seed?: number;
  readonly concurrency?: number;
  readonly json?: string;
  readonly only?: number[];
  readonly keep?: string;
  readonly help: boolean;
}

export const USAGE = `Usage: npm run chaos -- [options]   (or: npx tsx tools/chaos/cli.ts [options])

Deploys apps of several Custom::ChimePhoneNumberOrder resources through the local deploy (the
real Provider framework, resources at once) against the Chime emulator: seeded scenarios of
overlapping and changing number lists, rollbacks and deletes, under emulator faults and delivery
faults. Audits ownership and the emulator's books after every step, prints the figures and exits 1
when any invariant is violated.

Options:
  --ci              the size test/chaos runs in CI (6 runs, seed 11, 2-3 steps, 15 % throttling,
                    a delivery fault for half the steps); --runs and --seed still apply
  --runs N          how many runs (default 50)
  --seed S          seed of the scenarios and faults (default random; printed)
  --concurrency K   worker processes, each playing one run at a time (default min(runs, 10))
  --only I,J        replay only these run indices of the seed
  --json FILE       also write the whole report, per-run results included, to FILE
  --keep DIR        keep each run's state directory (stacks, handler log) under DIR
  --help            show this help`;

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): CliOptions {
  let runs: number | undefined;
  let ci = false;
  let seed: number | undefined;
  let concurrency: number | undefined;
  let json: string | undefined;
  let only: number[] | undefined;
  let keep: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? splitOnce(argv[i]) : [argv[i], undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--runs': runs = integer(flag, value(), 1); break;
      case '--seed': seed = integer(flag, value(), 0, 2 ** 32 - 1); break;
      case '--concurrency': concurrency = integer(flag, value(), 1, 64); break;
      case '--json': json = value(); break;
      case '--only': only = value().split(',').map(v => integer(flag, v.trim(), 0)); break;
      case '--keep': keep = value(); break;
      case '--help': case '-h': help = true; break;
      case '--ci': ci = true; break;
      default: throw new UsageError(`unknown option ${JSON.stringify(argv[i])}`);
    }
  }
  return { ...(runs !== undefined ? { runs } : {}), ...(ci ? { ci } : {}), seed, concurrency, json, only, keep, help };
}

function splitOnce(arg: string): [string, string] {
  const at = arg.indexOf('=');
  return [arg.slice(0, at), arg.slice(at + 1)];
}

function integer(flag: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be an integer from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}, got ${JSON.stringify(raw)}`);
  }
  return n;
}
