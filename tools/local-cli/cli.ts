#!/usr/bin/env node
// `phone-number-order-local`: the bin of the companion package (scripts/stage-local-package.js),
// bundled with the local deploy and the emulator into one file that runs under plain node.
import { UsageError } from '../local-deploy/errors';
import { exitWith } from '../local-deploy/exit';
import { localDeploy } from '../local-deploy/local-deploy';
import { BIN, HELP, parseCommandLine } from './command-line';
import { requirePhoneNumberOrder } from './phone-number-order-stacks';

/** Set by the bundler (scripts/bundle-local-cli.js) to the package's version. */
declare const PHONE_NUMBER_ORDER_LOCAL_VERSION: string | undefined;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\nRun "${BIN} --help" for the commands and their options.\n`);
    return err.exitCode;
  }
  if (parsed.kind === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (parsed.kind === 'version') {
    process.stdout.write(`${typeof PHONE_NUMBER_ORDER_LOCAL_VERSION === 'string' ? PHONE_NUMBER_ORDER_LOCAL_VERSION : 'unbundled'}\n`);
    return 0;
  }
  return (await localDeploy({ ...parsed.options, checkStacks: requirePhoneNumberOrder })).exitCode;
}

exitWith(main(process.argv.slice(2)));
