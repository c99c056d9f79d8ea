// The command line of `npm start -- [options]`.
import { UsageError } from './errors';
import { parseFault } from './faults';
import type { LocalDeployOptions } from './local-deploy';

/** What the local deploy does; the companion package's help says it too. */
export const ABOUT = `Deploys the CDK app's stack without AWS, as \`cdk deploy\` would: synthesises the app, then plays
CloudFormation for the template (independent resources at once, in dependency order), running the
Provider framework's code and the bundled handler code from the cloud assembly as Lambda would,
the framework's waiter as Step Functions would, against a Chime endpoint: the Chime emulator,
embedded, unless --endpoint names another. A second run updates what the first one created.
`;

/** Every option, as the companion package's help lists them too. */
export const OPTIONS_HELP = `  -a, --app CMD|DIR         the CDK app command (default: "app" in cdk.json), or the directory
                            of an existing cloud assembly to deploy as is
  -c, --context KEY=VALUE   context for the app (repeatable), e.g. -c allowPartial=true
      --stack NAME          the stack to deploy or destroy (repeatable, * wildcards; also
                            positional). Needed when the app has several stacks, unless --all
      --all                 every stack of the app, in dependency order
      --parameters KEY=VALUE  a template parameter value (repeatable); others keep their
                            previous value, else their default
      --endpoint URL        the Chime-compatible endpoint to use instead of the embedded
                            emulator; the handlers get it as AWS_ENDPOINT_URL_CHIME and
                            AWS_ENDPOINT_URL_CHIME_SDK_VOICE, with dummy credentials
      --state-dir DIR       where the deployed stacks, the embedded emulator's inventory
                            (emulator.json), the deployed function code and the handler log
                            (lambda.log) are kept (default: .local-deploy)
  -o, --output DIR          where to synthesise the cloud assembly (default: STATE-DIR/cdk.out)
      --destroy             delete the deployed stack(s) instead: dependents first, each as its
                            DeletionPolicy says (Retain and RetainExceptOnCreate keep it)
  -O, --outputs-file FILE   write the stack outputs as JSON: {"Stack": {"OutputKey": "value"}}
      --rehearse-rollback   after a successful deploy, roll it back as CloudFormation does when
                            a later resource fails (updated custom resources get an Update with
                            their old properties); the state directory keeps the rolled-back stack
      --region REGION       region of environment-agnostic stacks (default: AWS_REGION, else
                            AWS_DEFAULT_REGION, else us-east-1); the account is 123456789012
      --order-delay-ms N    embedded emulator: how long a new order stays Processing (default 0)
      --query-interval-ms N poll isComplete every N ms instead of the waiter's IntervalSeconds,
                            with as many more attempts as keep the waiter's total time (the
                            handler's QUERY_INTERVAL_SECONDS says N ms too)
      --service-timeout S   give up on a custom resource's answer after S seconds instead of its
                            ServiceTimeout (default: the template's, else 3600), as CloudFormation
                            does: "CloudFormation did not receive a response from your Custom Resource"
      --fault KIND[:LOGICAL_ID[:TYPE]]  play a delivery fault on the requests for that resource
                            (default: all) of that type (Create, Update, Delete; default: all);
                            repeatable. KIND is one of:
                              duplicate-at-once       the request is delivered twice at once
                              duplicate-after-answer  delivered again once its answer arrived
                              invoke-answer-lost      the user function's first invoke runs, its
                                                      answer is lost; the framework invokes again
                              no-answer               the answer never reaches CloudFormation: the
                                                      resource fails after its ServiceTimeout
      --continue-update-rollback  instead of deploying, retry the rollback of a stack left in
                            UPDATE_ROLLBACK_FAILED (which CloudFormation refuses to update)
      --resources-to-skip ID  with --continue-update-rollback: a resource whose rollback failed,
                            taken as rolled back without calling its handler (repeatable)
  -h, --help                show this help
`;

export const EXIT_STATUS = `Exit status: 0 deployed (or destroyed); 1 failed (the reason is printed, the stack rolled back);
2 bad command line.
`;

export const HELP = `Usage: npm start -- [options] [STACK...]\n\n${ABOUT}\nOptions:\n${OPTIONS_HELP}\n${EXIT_STATUS}`;

type Setter = (options: LocalDeployOptions, value: string, flag: string) => void;

const WITH_VALUE: Record<string, Setter> = {
  '--app': (o, v) => { o.app = v; },
  '--context': (o, v, f) => { o.context = { ...o.context, ...keyValue(f, v) }; },
  '--stack': (o, v) => { o.stacks = [...(o.stacks ?? []), v]; },
  '--parameters': (o, v, f) => { o.parameters = { ...o.parameters, ...keyValue(f, v) }; },
  '--endpoint': (o, v) => { o.endpoint = v; },
  '--state-dir': (o, v) => { o.stateDir = v; },
  '--output': (o, v) => { o.output = v; },
  '--outputs-file': (o, v) => { o.outputsFile = v; },
  '--region': (o, v) => { o.region = v; },
  '--order-delay-ms': (o, v, f) => { o.orderDelayMs = count(f, v); },
  '--query-interval-ms': (o, v, f) => { o.queryIntervalMs = count(f, v, 1); },
  '--service-timeout': (o, v, f) => { o.serviceTimeoutSeconds = count(f, v, 1); },
  '--fault': (o, v) => { o.faults = [...(o.faults ?? []), parseFault(v)]; },
  '--resources-to-skip': (o, v) => { o.resourcesToSkip = [...(o.resourcesToSkip ?? []), v]; },
};

const SWITCHES: Record<string, (o: LocalDeployOptions) => void> = {
  '--destroy': o => { o.destroy = true; },
  '--rehearse-rollback': o => { o.rehearseRollback = true; },
  '--all': o => { o.all = true; },
  '--continue-update-rollback': o => { o.continueUpdateRollback = true; },
};

const ALIASES: Record<string, string> = { '-a': '--app', '-c': '--context', '-o': '--output', '-O': '--outputs-file' };

export function parseArgs(argv: string[]): LocalDeployOptions | 'help' {
  const options: LocalDeployOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (!arg.startsWith('-')) {
      options.stacks = [...(options.stacks ?? []), arg];
      continue;
    }
    const eq = arg.indexOf('=');
    const given = eq > 0 ? arg.slice(0, eq) : arg;
    const flag = ALIASES[given] ?? given;
    if (SWITCHES[flag]) {
      if (eq > 0) throw new UsageError(`${flag} takes no value`);
      SWITCHES[flag](options);
      continue;
    }
    const set = WITH_VALUE[flag];
    if (!set) throw new UsageError(`Unknown option ${given}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    set(options, value, flag);
  }
  if (options.destroy && options.rehearseRollback) throw new UsageError('--rehearse-rollback applies to a deploy, not --destroy');
  if (options.destroy && options.outputsFile) throw new UsageError('--outputs-file applies to a deploy, not --destroy');
  if (options.continueUpdateRollback && (options.destroy || options.rehearseRollback)) {
    throw new UsageError('--continue-update-rollback is an operation of its own: not with --destroy or --rehearse-rollback');
  }
  if (options.resourcesToSkip && !options.continueUpdateRollback) throw new UsageError('--resources-to-skip applies to --continue-update-rollback');
  if (options.endpoint !== undefined && options.orderDelayMs !== undefined) {
    throw new UsageError('--order-delay-ms configures the embedded emulator; with --endpoint, configure that endpoint instead');
  }
  return options;
}

function keyValue(flag: string, raw: string): Record<string, string> {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw new UsageError(`${flag} needs KEY=VALUE, got "${raw}"`);
  return { [raw.slice(0, eq)]: raw.slice(eq + 1) };
}

function count(flag: string, raw: string, min = 0): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < min) throw new UsageError(`${flag} needs a whole number of at least ${min}, got "${raw}"`);
  return n;
}
