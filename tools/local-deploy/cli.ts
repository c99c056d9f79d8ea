// `npm start -- [options]`: the command line over localDeploy.
import { UsageError } from './errors';
import { exitWith } from './exit';
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

exitWith(main(process.argv.slice(2)));
