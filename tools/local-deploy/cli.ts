// `npm start -- [options]`: the command line over localDeploy.
import { UsageError } from './errors';
import { localDeploy } from './local-deploy';
import { HELP, parseArgs } from './options';

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${HELP}`);
    return err.exitCode;
  }
  if (parsed === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  return (await localDeploy(parsed)).exitCode;
}

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
    // Everything is closed by now; this only guards against a stray handle keeping the process up.
    setTimeout(() => process.exit(code), 2000).unref();
  },
  err => {
    process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  },
);
