// `npm run chaos`: prints the figures of a chaos run; exit 1 on any violation, 2 on bad usage.
import { writeFileSync } from 'fs';
import { USAGE, UsageError, parseArgs } from './args';
import { CI_SIZE } from './ci-size';
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
    ...(options.ci ? CI_SIZE : {}),
    runs: options.runs ?? (options.ci ? CI_SIZE.runs : 50),
    seed: options.seed ?? (options.ci ? CI_SIZE.seed : undefined),
    concurrency: options.concurrency ?? (options.ci ? CI_SIZE.concurrency : undefined),
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
