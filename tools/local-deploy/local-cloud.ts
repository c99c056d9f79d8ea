// The AWS services a Provider-backed custom resource meets, run locally for one local deploy:
// Lambda (functions in warm child processes, and an Invoke/GetFunction endpoint for the framework's
// outbound calls), Step Functions (the waiter, from its definition in the template) and the
// presigned S3 URL CloudFormation reads answers from. The framework's own code, from the cloud
// assembly, is pointed at them with the SDK's AWS_ENDPOINT_URL_* variables.
import * as fs from 'fs';
import * as path from 'path';
import { findFunction, findStateMachine } from './deployed-functions';
import type { DeliveryFault } from './faults';
import { startLambdaService, type LambdaEndpoint } from './lambda-service';
import { FunctionSpec, InvokeOutcome, LambdaRunner } from './lambda-runner';
import { ResponseEndpoint, type ResponseTransport } from './response-endpoint';
import { withInterval, type ExecutionDeps } from './state-machine';
import { startStepFunctions, type StepFunctionsEndpoint } from './step-functions';
import type { StackRun } from './stack-run';
import type { StateStore } from './state';
import { Json, isObject } from './template';

export interface LocalCloudOptions {
  store: StateStore;
  /** Variables every function gets (credentials, the Chime endpoint). */
  commonEnv: Record<string, string>;
  /** Replaces the waiter's interval, keeping its total time. */
  queryIntervalMs?: number;
  transport?: ResponseTransport;
}

/** What the local services know about one CloudFormation request while it is being worked on. */
interface RequestRecord {
  faults: DeliveryFault[];
  /** Invocations and executions working on it now. */
  running: number;
  /** Invokes of user functions carrying it (through the Lambda endpoint). */
  userInvokes: number;
  /** Answers PUT to its ResponseURL, lost ones included. */
  answers: number;
  lastError?: string;
  /** Called when nothing works on it any more. */
  idle: Set<() => void>;
}

export class LocalCloud {
  static async start(options: LocalCloudOptions): Promise<LocalCloud> {
    const cloud = new LocalCloud(options);
    try {
      await cloud.startServices();
    } catch (err) {
      await cloud.close();
      throw err;
    }
    return cloud;
  }

  runner!: LambdaRunner;
  responses!: ResponseEndpoint;
  private lambda?: LambdaEndpoint;
  private sfn?: StepFunctionsEndpoint;
  private readonly runs = new Set<StackRun>();
  private readonly requests = new Map<string, RequestRecord>();
  private readonly background = new Set<Promise<unknown>>();

  private constructor(private readonly options: LocalCloudOptions) {}

  /** The stack's functions and state machines can be found while it is being worked on. */
  attach(run: StackRun): () => void {
    this.runs.add(run);
    return () => this.runs.delete(run);
  }

  /** Starts tracking a CloudFormation request; returns the function that forgets it. */
  track(requestId: string, faults: DeliveryFault[]): { record: RequestRecord; forget: () => void } {
    const record: RequestRecord = { faults, running: 0, userInvokes: 0, answers: 0, idle: new Set() };
    this.requests.set(requestId, record);
    const forget = () => { this.requests.delete(requestId); };
    return { record, forget: () => { if (record.running === 0) forget(); else record.idle.add(forget); } };
  }

  /** An asynchronous invoke (InvocationType Event), as CloudFormation invokes a ServiceToken. */
  invokeAsync(spec: FunctionSpec, event: Json, requestId: string): Promise<InvokeOutcome> {
    const record = this.requests.get(requestId);
    return this.working(record, this.runner.invoke(spec, event).then(outcome => {
      if (!outcome.ok && record) record.lastError = `${spec.name} failed: ${outcome.errorType}: ${outcome.errorMessage}`;
      return outcome;
    }));
  }

  /** Invocations and executions at work now. */
  pending(): number {
    return this.background.size;
  }

  /** Waits until everything still working on requests CloudFormation no longer waits for is done, or `ms` passed. */
  async drain(ms = Infinity): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.background.size > 0 && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>(resolve => { if (Number.isFinite(ms)) timer = setTimeout(resolve, deadline - Date.now()); });
      await Promise.race([Promise.allSettled([...this.background]), timeout]);
      clearTimeout(timer);
    }
  }

  /**
   * Between two operations of a session (after `drain`): the stacks of the last one are looked up
   * afresh next time, and the warm environments of functions no stack has any more are let go.
   */
  async settle(): Promise<void> {
    this.runs.clear();
    const functions = new Set(this.options.store.stacks()
      .flatMap(s => Object.values(s.resources).filter(r => r.type === 'AWS::Lambda::Function').map(r => r.physicalId)));
    await this.runner.retire(name => functions.has(name));
  }

  async close(): Promise<void> {
    await this.lambda?.close();
    await this.sfn?.close();
    await this.responses?.close();
    await this.runner?.close();
  }

  private working<T>(record: RequestRecord | undefined, work: Promise<T>): Promise<T> {
    if (record) record.running++;
    const tracked = work.finally(() => {
      this.background.delete(tracked);
      if (record && --record.running === 0) for (const listener of [...record.idle]) listener();
    });
    this.background.add(tracked);
    return tracked;
  }

  private async startServices(): Promise<void> {
    const { store } = this.options;
    this.responses = await ResponseEndpoint.start({
      transport: this.options.transport,
      lose: requestId => this.answerArrived(requestId),
      note: (type, record) => this.runner?.note(type, record),
    });
    this.lambda = await startLambdaService({
      resolve: name => this.findFunction(name),
      invoke: (spec, payload) => {
        const record = this.recordOf(payload);
        if (record) record.userInvokes++;
        return this.working(record, this.runner.invoke(spec, payload));
      },
      loseAnswer: payload => {
        const record = this.recordOf(payload);
        const fault = record?.faults.find(f => f.kind === 'invoke-answer-lost');
        return fault !== undefined && record!.userInvokes <= (fault.times ?? 1);
      },
      note: (type, record) => this.runner.note(type, record),
    });
    this.sfn = await startStepFunctions({
      machine: arn => this.first(run => findStateMachine(run, arn)),
      deps: arn => this.executionDeps(arn),
      started: (input, done, executionArn) => {
        const record = this.recordOf(input);
        this.runner.note('states.StartExecution', { executionArn, requestId: isObject(input) ? input.RequestId : undefined });
        void this.working(record, done.then(result => {
          // Status and error name only: the input and the cause hold the event, numbers included.
          this.runner.note('states.execution-ended', { executionArn, status: result.status, ...(result.status === 'FAILED' ? { error: result.error } : {}) });
          if (result.status === 'FAILED' && record) record.lastError = `the waiter execution failed: ${result.error}: ${result.cause}`;
        }, err => {
          if (record) record.lastError = `the waiter execution failed: ${(err as Error).message}`;
        }));
      },
    });
    this.runner = new LambdaRunner({
      logFile: store.logFile,
      runtimeModules: runtimeModules(store),
      runtimeEnv: this.responses.runtimeEnv,
      commonEnv: {
        ...this.options.commonEnv,
        ...this.responses.functionEnv,
        AWS_ENDPOINT_URL_LAMBDA: this.lambda.url,
        AWS_ENDPOINT_URL_SFN: this.sfn.url,
      },
    });
  }

  /** Counts an answer PUT to a ResponseURL; true when a no-answer fault loses it. */
  private answerArrived(requestId: string): boolean {
    const record = this.requests.get(requestId);
    if (record) record.answers++;
    return record?.faults.some(f => f.kind === 'no-answer') ?? false;
  }

  answersArrived(requestId: string): number {
    return this.requests.get(requestId)?.answers ?? 0;
  }

  private executionDeps(machineArn: string): ExecutionDeps {
    return {
      exists: () => this.first(run => findStateMachine(run, machineArn)) !== undefined,
      invoke: async (arn, input) => {
        const spec = this.findFunction(arn);
        if (!spec) return { ok: false, errorType: 'Lambda.ResourceNotFoundException', errorMessage: `Function not found: ${arn}` };
        return this.working(this.recordOf(input), this.runner.invoke(spec, input));
      },
      sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
      retry: r => (this.options.queryIntervalMs === undefined ? r : withInterval(r, this.options.queryIntervalMs)),
    };
  }

  private findFunction(nameOrArn: string): FunctionSpec | undefined {
    return this.first(run => findFunction(run, nameOrArn));
  }

  private first<T>(find: (run: StackRun) => T | undefined): T | undefined {
    for (const run of this.runs) {
      const found = find(run);
      if (found) return found;
    }
    return undefined;
  }

  /** The request an event belongs to: CloudFormation's RequestId travels in every payload. */
  private recordOf(payload: unknown): RequestRecord | undefined {
    return isObject(payload) && typeof payload.RequestId === 'string' ? this.requests.get(payload.RequestId) : undefined;
  }
}

/**
 * Where the companion package (phone-number-order-local) ships the runtime's SDK clients, beside its
 * bundled code (scripts/bundle-local-cli.js); absent when running from the repository's sources.
 */
const BUNDLED_RUNTIME_MODULES = path.join(__dirname, 'lambda-runtime');

/**
 * What the Lambda Node.js runtime provides on NODE_PATH: the AWS SDK for JavaScript v3, which the
 * framework's outbound.js requires and does not bundle. Linked from this project's node_modules,
 * unless the companion package ships it.
 */
function runtimeModules(store: StateStore): string {
  if (fs.existsSync(BUNDLED_RUNTIME_MODULES)) return BUNDLED_RUNTIME_MODULES;
  const dir = path.join(store.dir, 'runtime', 'node_modules');
  fs.mkdirSync(dir, { recursive: true });
  for (const scope of ['@aws-sdk', '@smithy']) {
    const source = path.dirname(path.dirname(require.resolve(`${scope === '@aws-sdk' ? '@aws-sdk/client-lambda' : '@smithy/core'}/package.json`)));
    const link = path.join(dir, scope);
    let current: string | undefined;
    try {
      current = fs.readlinkSync(link);
    } catch {
      current = undefined;
    }
    if (current === source) continue;
    fs.rmSync(link, { recursive: true, force: true });
    fs.symlinkSync(source, link, 'dir');
  }
  return dir;
}
