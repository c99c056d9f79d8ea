// `npm run chaos`: prints the figures of a chaos run; exit 1 on any violation, 2 on bad usage.
import { writeFileSync } from 'fs';
import { USAGE, UsageError, parseArgs } from './args';
import { runChaos } from './index';
import { formatReport, seconds } from './table';
import type { RunResult } from './types';

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`chaos: ${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const report = await runChaos({
    runs: options.runs,
    seed: options.seed,
    concurrency: options.concurrency,
    only: options.only,
    keep: options.keep,
    onRun: (r, done, total) => process.stderr.write(`[${done}/${total}] run ${r.index} (${r.shape}): ${r.steps.length} steps, `
      + `${r.steps.reduce((n, s) => n + s.events.length, 0)} events, ${problems(r)} problems, ${seconds(r.lifecycleMs)}\n`),
  });
  process.stdout.write(`${formatReport(report)}\n`);
  if (options.json) writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
  return report.ok ? 0 : 1;
}

function problems(r: RunResult): number {
  return r.problems.length + r.crashes.length + r.steps.reduce((n, s) => n + s.problems.length, 0);
}

main(process.argv.slice(2)).then(
  code => { process.exitCode = code; },
  err => {
    process.stderr.write(`chaos: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 2;
  },
);
