// `cdk deploy` without AWS: synthesise, then deploy (or destroy) each stack locally, and print
// what the CDK CLI prints. Never throws for a failure the user can act on: it reports it and
// answers a non-zero exit code.
import * as path from 'path';
import { AssemblyStack, readAssembly, selectStacks } from './assembly';
import { continueUpdateRollback } from './continue-rollback';
import { deployStack } from './deploy';
import { destroyStack } from './destroy';
import { LocalDeployError } from './errors';
import type { DeliveryFault } from './faults';
import { LocalCloud } from './local-cloud';
import { writeOutputsFile } from './outputs';
import { Writer, seconds } from './progress';
import type { ResponseTransport } from './response-endpoint';
import { type LocalSession, openLocalSession } from './session';
import type { StackOperation, StackResult } from './stack-operation';
import type { SentEvent } from './stack-run';
import { synthesise } from './synth';

export interface LocalDeployOptions {
  /** The project directory: where cdk.json is, and what relative paths are relative to (default: the current directory). */
  cwd?: string;
  /** The app command (default: cdk.json's), or an existing cloud assembly directory. */
  app?: string;
  context?: Record<string, string>;
  /** A Chime-compatible endpoint; default: the embedded emulator. */
  endpoint?: string;
  /** Default `.local-deploy`. */
  stateDir?: string;
  /** Where to synthesise; default `<stateDir>/cdk.out`. */
  output?: string;
  destroy?: boolean;
  outputsFile?: string;
  rehearseRollback?: boolean;
  /** Embedded emulator: how long a new order stays Processing. */
  orderDelayMs?: number;
  /**
   * Polls isComplete every N ms instead of the waiter's IntervalSeconds, with as many more attempts
   * as keep the waiter's total time; functions whose environment has QUERY_INTERVAL_SECONDS are told.
   */
  queryIntervalMs?: number;
  /** Replaces every custom resource's ServiceTimeout (default: the template's, else 3600). */
  serviceTimeoutSeconds?: number;
  /** Delivery faults to play (duplicate events, lost invoke answers, lost answers to CloudFormation). */
  faults?: DeliveryFault[];
  /** Instead of a deploy: continue the rollback of a stack in UPDATE_ROLLBACK_FAILED. */
  continueUpdateRollback?: boolean;
  /** With continueUpdateRollback: resources whose rollback failed, to take as rolled back. */
  resourcesToSkip?: string[];
  /** How the CloudFormation response endpoint is reached; default: port 443 of its own loopback address when it can listen there. */
  responseTransport?: ResponseTransport;
  stacks?: string[];
  all?: boolean;
  /** Refuses the stacks chosen for a deploy before anything is deployed, by throwing a LocalDeployError. */
  checkStacks?: (stacks: readonly AssemblyStack[]) => void;
  region?: string;
  parameters?: Record<string, string>;
  stdout?: Writer;
  stderr?: Writer;
  /** Whether to draw a spinner; default: whether stdout is a terminal. */
  tty?: boolean;
  /**
   * A session kept open across deploys of one state directory (see session.ts): its state
   * directory, endpoint, query interval and response transport are used, and stay open afterwards.
   */
  session?: LocalSession;
}

export interface LocalDeployResult {
  exitCode: number;
  stacks: StackResult[];
  /** As written by --outputs-file. */
  outputs: Record<string, Record<string, string>>;
  /** Every event sent to a custom resource, in order. */
  events: SentEvent[];
  stateDir: string;
  logFile: string;
  assemblyDir?: string;
  /** The message printed for a failure that stopped the run before or between stacks. */
  error?: string;
}

const ACCOUNT = '123456789012';

export async function localDeploy(options: LocalDeployOptions = {}): Promise<LocalDeployResult> {
  const began = Date.now();
  const out = options.stdout ?? process.stdout;
  const err = options.stderr ?? process.stderr;
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const stateDir = options.session?.store.dir ?? path.resolve(cwd, options.stateDir ?? '.local-deploy');
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const result: LocalDeployResult = { exitCode: 0, stacks: [], outputs: {}, events: [], stateDir, logFile: path.join(stateDir, 'lambda.log') };
  let session = options.session;
  try {
    session ??= await openLocalSession({ ...options, cwd });
    const { store, cloud, endpoint } = session;
    const command = options.destroy ? 'destroy' : options.continueUpdateRollback ? 'continue-update-rollback' : 'deploy';
    cloud.runner.note('run', { command, endpoint: endpoint.url, responses: cloud.responses.description, pid: process.pid });
    const op: StackOperation = {
      store, cloud, out, tty: options.tty ?? Boolean((out as NodeJS.WriteStream).isTTY), sent: result.events,
      region, account: ACCOUNT, queryIntervalMs: session.queryIntervalMs, serviceTimeoutSeconds: options.serviceTimeoutSeconds,
      faults: options.faults ?? [], chimeEndpoint: endpoint.url,
    };
    const where = `Chime: ${endpoint.description}\nHandler logs: ${shortPath(cwd, store.logFile)}\n\n`;
    try {
      if (options.destroy) await destroyAll(options, op, err, where, result);
      else if (options.continueUpdateRollback) await continueAll(options, op, err, where, result);
      else await deployAll(options, cwd, op, err, where, result);
    } finally {
      await finishBackground(cloud, out);
    }
  } catch (e) {
    const message = e instanceof LocalDeployError ? e.message : (e as Error)?.stack ?? String(e);
    err.write(`\n❌  ${message}\n`);
    result.exitCode = e instanceof LocalDeployError ? e.exitCode : 1;
    result.error = message;
  } finally {
    if (options.session) await options.session.settle();
    else await session?.close();
  }
  out.write(`\n✨  Total time: ${seconds(Date.now() - began)}\n\n`);
  return result;
}

async function deployAll(options: LocalDeployOptions, cwd: string, op: StackOperation, err: Writer, where: string, result: LocalDeployResult): Promise<void> {
  const { out } = op;
  const synthStarted = Date.now();
  const { assemblyDir, synthesised } = await synthesise({
    cwd, app: options.app, context: options.context ?? {}, region: op.region, account: op.account,
    outdir: path.resolve(cwd, options.output ?? op.store.defaultAssemblyDir),
  });
  result.assemblyDir = assemblyDir;
  if (synthesised) out.write(`\n✨  Synthesis time: ${seconds(Date.now() - synthStarted)}\n\n`);
  const targets = selectStacks(readAssembly(assemblyDir), options.stacks ?? [], options.all ?? false);
  options.checkStacks?.(targets);
  out.write(where);
  try {
    for (const [i, target] of targets.entries()) {
      out.write(`${target.displayName}: deploying... [${i + 1}/${targets.length}]\n`);
      const started = Date.now();
      const r = await deployStack(target, { ...op, parameters: options.parameters ?? {}, rehearseRollback: options.rehearseRollback ?? false });
      result.stacks.push(r);
      const exists = op.store.load(r.stackName) !== undefined;
      if (r.ok && exists) result.outputs[r.stackName] = r.outputs;
      if (!r.ok) {
        reportFailure(op, err, r, r.rehearsed ? 'rollback rehearsal' : 'deployment');
        result.exitCode = 1;
        return;
      }
      if (options.rehearseRollback && r.noChanges) out.write(`${r.stackName}: nothing to roll back (no changes)\n`);
      const note = r.noChanges ? ' (no changes)' : r.rehearsed ? ` (rolled back: ${r.status})` : '';
      out.write(`\n ✅  ${r.stackName}${note}\n\n✨  Deployment time: ${seconds(Date.now() - started)}\n\n`);
      printOutputs(op, r, exists);
    }
  } finally {
    if (options.outputsFile) writeOutputsFile(path.resolve(cwd, options.outputsFile), result.outputs);
  }
}

async function destroyAll(options: LocalDeployOptions, op: StackOperation, err: Writer, where: string, result: LocalDeployResult): Promise<void> {
  const { out } = op;
  const deployed = op.store.stacks().reverse();
  const patterns = (options.stacks ?? []).map(p => new RegExp(`^${p.split('*').map(s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`));
  const chosen = patterns.length === 0 ? deployed : deployed.filter(s => patterns.some(p => p.test(s.stackName)));
  out.write(where);
  if (chosen.length === 0) {
    out.write(` ✅  Nothing to destroy: no ${patterns.length ? 'matching ' : ''}stack is deployed in ${op.store.dir}\n`);
    return;
  }
  for (const [i, s] of chosen.entries()) {
    out.write(`${s.stackName}: destroying... [${i + 1}/${chosen.length}]\n`);
    const r = await destroyStack(s.stackName, op);
    result.stacks.push(r);
    if (!r.ok) {
      reportFailure(op, err, r, 'destroy');
      result.exitCode = 1;
      return;
    }
    out.write(`\n ✅  ${s.stackName}: destroyed\n`);
  }
}

async function continueAll(options: LocalDeployOptions, op: StackOperation, err: Writer, where: string, result: LocalDeployResult): Promise<void> {
  const patterns = (options.stacks ?? []).map(p => new RegExp(`^${p.split('*').map(s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`));
  const deployed = op.store.stacks().filter(s => patterns.length === 0 || patterns.some(p => p.test(s.stackName)));
  if (deployed.length !== 1) {
    const names = deployed.map(s => s.stackName).join(', ') || 'none';
    throw new LocalDeployError(`--continue-update-rollback works on one stack: name it with --stack (deployed${patterns.length ? ' and matching' : ''}: ${names})`);
  }
  const [stack] = deployed;
  op.out.write(`${where}${stack.stackName}: continuing the update rollback...\n`);
  const r = await continueUpdateRollback(stack.stackName, op, options.resourcesToSkip ?? []);
  result.stacks.push(r);
  if (!r.ok) {
    reportFailure(op, err, r, 'continue-update-rollback');
    result.exitCode = 1;
    return;
  }
  op.out.write(`\n ✅  ${r.stackName} (${r.status})\n\n`);
  result.outputs[r.stackName] = r.outputs;
  printOutputs(op, r, true);
}

/** Requests CloudFormation stopped waiting for (duplicates, cancelled ones) are still at work: let them end, as they would in AWS. */
async function finishBackground(cloud: LocalCloud, out: Writer): Promise<void> {
  // The framework's own last steps (returning after its answer went out) take milliseconds.
  await cloud.drain(1000);
  const pending = cloud.pending();
  if (pending === 0) return;
  out.write(`\nWaiting for ${pending} invocation(s) CloudFormation no longer waits for (duplicate deliveries, cancelled operations) to end, as they would in AWS...\n`);
  await cloud.drain();
  cloud.runner.note('background-finished', { count: pending });
}

function printOutputs(op: StackOperation, r: StackResult, exists: boolean): void {
  const keys = Object.keys(r.outputs).sort();
  if (keys.length > 0) op.out.write(`Outputs:\n${keys.map(k => `${r.stackName}.${k} = ${r.outputs[k]}`).join('\n')}\n`);
  if (exists) op.out.write(`Stack ARN:\n${r.stackId}\n`);
}

function reportFailure(op: StackOperation, err: Writer, r: StackResult, what: string): void {
  if (r.failures.length > 0) op.out.write(`\nFailed resources:\n${r.failures.join('\n')}\n`);
  err.write(`\n ❌  ${r.stackName} failed (${what}): ${r.status}${r.reason ? `: ${r.reason}` : ''}\n`);
}

/** Relative when inside the project, as people type it; absolute otherwise. */
function shortPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}
