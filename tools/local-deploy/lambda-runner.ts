// Runs Lambda functions as Lambda would: long-lived Node processes (warm execution environments),
// one invocation at a time each, so concurrent invocations of a function get environments of
// their own; the function's own environment, its timeout enforced, its logs in the log file.
import { ChildProcess, fork } from 'child_process';
import { randomBytes, randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

const CHILD_SCRIPT = path.join(__dirname, 'lambda-child.js');

export interface FunctionSpec {
  /** The function's physical name. */
  name: string;
  arn: string;
  /** The stack's region: where Lambda runs the function. */
  region: string;
  /** Directory holding the deployed code (LAMBDA_TASK_ROOT). */
  codeDir: string;
  /** e.g. `index.onEvent` */
  handler: string;
  runtime: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** The function's Environment.Variables. */
  environment: Record<string, string>;
  logFormat: 'JSON' | 'Text';
  logLevel?: string;
  /** LoggingConfig.LogGroup; Lambda's default is /aws/lambda/<name>. */
  logGroup?: string;
}

export type InvokeOutcome =
  | { ok: true; payload: unknown }
  | { ok: false; errorType: string; errorMessage: string; trace?: string[] };

export interface RunnerOptions {
  logFile: string;
  /** Set for every function, over its own variables: credentials, endpoints. */
  commonEnv: Record<string, string>;
  /** What the Lambda runtime puts on NODE_PATH (the AWS SDK it provides). */
  runtimeModules?: string;
  /** Read by the runtime (lambda-child.js), never shown to the function. */
  runtimeEnv?: Record<string, string>;
}

interface Container {
  readonly key: string;
  readonly child: ChildProcess;
  exited: boolean;
  busy: boolean;
}

interface ChildResult {
  type: 'result';
  requestId: string;
  ok: boolean;
  payload?: string;
  error?: { errorType: string; errorMessage: string; trace?: string[] };
}

export class LambdaRunner {
  private readonly containers = new Map<string, Container[]>();
  private readonly logFd: number;

  constructor(private readonly options: RunnerOptions) {
    fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
    this.logFd = fs.openSync(options.logFile, 'a');
  }

  get logFile(): string {
    return this.options.logFile;
  }

  async invoke(spec: FunctionSpec, event: unknown): Promise<InvokeOutcome> {
    const container = this.container(spec);
    const { child } = container;
    container.busy = true;
    const requestId = randomUUID();
    const started = Date.now();
    const timeoutMs = spec.timeoutSeconds * 1000;
    this.platform(spec, 'start', `START RequestId: ${requestId} Version: $LATEST`, { requestId, version: '$LATEST' });
    const [outcome, status] = await new Promise<[InvokeOutcome, string]>(resolve => {
      const finish = (o: InvokeOutcome, status: string) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve([o, status]);
      };
      const onMessage = (m: ChildResult) => {
        if (m?.type !== 'result' || m.requestId !== requestId) return;
        if (m.ok) finish({ ok: true, payload: JSON.parse(m.payload ?? 'null') }, 'success');
        else finish({ ok: false, ...(m.error ?? { errorType: 'Error', errorMessage: 'unknown error' }) }, 'error');
      };
      const onExit = (code: number | null, signal: string | null) => finish({
        ok: false, errorType: 'Runtime.ExitError',
        errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${signal ? `signal: ${signal}` : `exit status ${code}`}`,
      }, 'error');
      const timer = setTimeout(() => {
        finish({
          ok: false, errorType: 'Sandbox.Timedout',
          errorMessage: `RequestId: ${requestId} Error: Task timed out after ${spec.timeoutSeconds.toFixed(2)} seconds`,
        }, 'timeout');
        // Lambda throws a timed-out sandbox away; the next invoke starts cold.
        void this.discard(spec.name, container);
      }, timeoutMs);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ type: 'invoke', requestId, event, deadline: started + timeoutMs, functionArn: spec.arn }, err => {
        if (err) finish({ ok: false, errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: ${err.message}` }, 'error');
      });
    });
    const durationMs = Date.now() - started;
    this.platform(spec, 'report',
      `REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${durationMs} ms\tMemory Size: ${spec.memoryMb} MB${status === 'timeout' ? '\tStatus: timeout' : ''}`,
      { requestId, metrics: { durationMs, billedDurationMs: durationMs, memorySizeMB: spec.memoryMb }, status });
    if (!outcome.ok && outcome.errorType === 'Runtime.ExitError') await this.discard(spec.name, container);
    container.busy = false;
    return outcome;
  }

  /** A line of local deploy's own in the log file, so a reader can tell runs and events apart. */
  note(type: string, record: Record<string, unknown>): void {
    fs.writeSync(this.logFd, `${JSON.stringify({ time: new Date().toISOString(), type: `local-deploy.${type}`, record })}\n`);
  }

  /** Ends the idle environments of every function `keep` says no to (a function deleted with its stack). */
  async retire(keep: (functionName: string) => boolean): Promise<void> {
    await Promise.all([...this.containers.entries()].filter(([name]) => !keep(name))
      .flatMap(([name, list]) => list.filter(c => !c.busy).map(c => this.discard(name, c))));
  }

  async close(): Promise<void> {
    await Promise.all([...this.containers.entries()].flatMap(([name, list]) => list.map(c => this.discard(name, c))));
    fs.closeSync(this.logFd);
  }

  /** An idle warm environment of this function's current configuration, else a new one (a cold start). */
  private container(spec: FunctionSpec): Container {
    const key = JSON.stringify(spec);
    const list = this.containers.get(spec.name) ?? [];
    for (const stale of list.filter(c => c.key !== key && !c.busy)) void this.discard(spec.name, stale);
    const idle = (this.containers.get(spec.name) ?? []).find(c => c.key === key && !c.busy && !c.exited);
    if (idle) return idle;
    this.platform(spec, 'initStart', `INIT_START Runtime Version: ${spec.runtime}`, {
      initializationType: 'on-demand', phase: 'init', runtimeVersion: spec.runtime, functionVersion: '$LATEST',
    });
    const child = fork(CHILD_SCRIPT, [], {
      cwd: spec.codeDir,
      env: { ...this.environment(spec), ...this.options.runtimeEnv },
      execArgv: [],
      stdio: ['ignore', this.logFd, this.logFd, 'ipc'],
      serialization: 'json',
    });
    const container: Container = { key, child, exited: false, busy: false };
    child.once('exit', () => { container.exited = true; });
    // Reported per invoke (Runtime.ExitError); here only so it is not an unhandled 'error' event.
    child.on('error', () => { container.exited = true; });
    this.containers.set(spec.name, [...(this.containers.get(spec.name) ?? []), container]);
    return container;
  }

  private discard(name: string, container: Container): Promise<void> {
    this.containers.set(name, (this.containers.get(name) ?? []).filter(c => c !== container));
    if (container.exited) return Promise.resolve();
    return new Promise(resolve => {
      container.child.once('exit', () => resolve());
      container.child.kill('SIGKILL');
    });
  }

  private environment(spec: FunctionSpec): NodeJS.ProcessEnv {
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
    return {
      ...spec.environment,
      PATH: [path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(path.delimiter),
      LANG: 'en_US.UTF-8',
      TZ: 'UTC',
      LAMBDA_TASK_ROOT: spec.codeDir,
      LAMBDA_RUNTIME_DIR: __dirname,
      _HANDLER: spec.handler,
      AWS_EXECUTION_ENV: `AWS_Lambda_${spec.runtime}`,
      AWS_REGION: spec.region,
      AWS_DEFAULT_REGION: spec.region,
      AWS_LAMBDA_FUNCTION_NAME: spec.name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
      AWS_LAMBDA_LOG_GROUP_NAME: spec.logGroup ?? `/aws/lambda/${spec.name}`,
      AWS_LAMBDA_LOG_STREAM_NAME: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      ...(this.options.runtimeModules ? { NODE_PATH: this.options.runtimeModules } : {}),
      ...(spec.logFormat === 'JSON' ? { AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: (spec.logLevel ?? 'INFO').toUpperCase() } : {}),
      ...this.options.commonEnv,
    };
  }

  /** Lambda's platform records; functionName added because every function shares one file here. */
  private platform(spec: FunctionSpec, type: string, text: string, record: Record<string, unknown>): void {
    const line = spec.logFormat === 'JSON'
      ? JSON.stringify({ time: new Date().toISOString(), type: `platform.${type}`, record: { functionName: spec.name, ...record } })
      : `${text}\tFunction: ${spec.name}`;
    fs.writeSync(this.logFd, `${line}\n`);
  }
}
