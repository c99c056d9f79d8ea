// The command line of the companion package, `phone-number-order-local <command> [options]`: each
// command is the local deploy with its options (tools/local-deploy/options.ts), run in the user's project.
import { UsageError } from '../local-deploy/errors';
import type { LocalDeployOptions } from '../local-deploy/local-deploy';
import { ABOUT, EXIT_STATUS, OPTIONS_HELP, parseArgs } from '../local-deploy/options';

export const BIN = 'phone-number-order-local';

/** What each command adds to the options given. */
const COMMANDS = { deploy: [], destroy: ['--destroy'] } as const satisfies Record<string, readonly string[]>;

export type CommandName = keyof typeof COMMANDS;

export type CommandLine =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; command: CommandName; options: LocalDeployOptions };

export const HELP = `Usage: ${BIN} deploy [options] [STACK...]
       ${BIN} destroy [options] [STACK...]
       ${BIN} --version

Run it in your CDK project's directory: the app is cdk.json's "app", with cdk.json's "context",
cdk.context.json and -c on top, unless --app names another.

${ABOUT}
Commands:
  deploy    synthesise the app and deploy its stack(s); at least one of them must hold a
            PhoneNumberOrder. A second deploy updates what the first created
  destroy   delete the stack(s) earlier deploys left in the state directory (no synth)

Options (destroy is deploy --destroy):
${OPTIONS_HELP}
${EXIT_STATUS}`;

export function parseCommandLine(argv: string[]): CommandLine {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') return { kind: 'help' };
  if (first === '--version') return { kind: 'version' };
  if (first === undefined) throw new UsageError(`Give a command: ${BIN} deploy, or ${BIN} destroy`);
  if (!isCommand(first)) {
    if (!first.startsWith('-')) throw new UsageError(`Unknown command ${first}: use deploy or destroy`);
    const given = argv.find(isCommand);
    const reordered = given ? [given, ...argv.filter(a => a !== given)] : ['deploy', ...argv];
    throw new UsageError(`The command comes first, then the options: ${BIN} ${reordered.join(' ')}`);
  }
  const options = parseArgs([...rest, ...COMMANDS[first]]);
  return options === 'help' ? { kind: 'help' } : { kind: 'run', command: first, options };
}

function isCommand(word: string): word is CommandName {
  return Object.prototype.hasOwnProperty.call(COMMANDS, word);
}
