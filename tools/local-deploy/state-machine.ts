// An Amazon States Language interpreter for what the Provider framework's waiter uses: Task states
// whose Resource is a Lambda function ARN, with Retry (ErrorEquals, IntervalSeconds, MaxAttempts,
// BackoffRate, MaxDelaySeconds, JitterStrategy) and Catch (ErrorEquals, Next, ResultPath), ending
// with End or going on with Next. Anything else is refused up front, naming the state.
import type { InvokeOutcome } from './lambda-runner';
import { Json, JsonObject, isObject } from './template';

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
}

interface TaskState {
  Type: 'Task';
  Resource: string;
  Retry?: Retrier[];
  Catch?: Catcher[];
  Next?: string;
  End?: boolean;
}

export interface Definition {
  StartAt: string;
  States: Record<string, TaskState>;
}

export interface ExecutionDeps {
  invoke(functionArn: string, input: Json): Promise<InvokeOutcome>;
  sleep(ms: number): Promise<void>;
  /** Rewrites a Retry before it is used (the local deploy's --query-interval-ms). */
  retry?(r: Retrier): Retrier;
  /**
   * Whether the state machine still exists. Step Functions terminates the executions of a deleted
   * state machine at their next state transition (a retry is one): a stack rolled back or deleted
   * takes its waiter's running executions with it.
   */
  exists?(): boolean;
}

export type ExecutionResult =
  | { status: 'SUCCEEDED'; output: Json }
  | { status: 'FAILED'; error: string; cause: string }
  | { status: 'ABORTED' };

/** Checks the definition is one this interpreter runs; throws a message naming what is not. */
export function parseDefinition(raw: Json): Definition {
  const d = typeof raw === 'string' ? JSON.parse(raw) as Json : raw;
  if (!isObject(d) || typeof d.StartAt !== 'string' || !isObject(d.States)) throw new Error('the definition has no StartAt and States');
  for (const [name, s] of Object.entries(d.States)) {
    if (!isObject(s) || s.Type !== 'Task') throw new Error(`state ${name} is a ${isObject(s) ? String(s.Type) : 'malformed'} state: local deploy runs Task states only`);
    if (typeof s.Resource !== 'string' || !/^arn:[^:]+:lambda:/.test(s.Resource)) {
      throw new Error(`state ${name}: Resource ${JSON.stringify(s.Resource)} is not a Lambda function ARN, the only Task local deploy runs`);
    }
    const unsupported = Object.keys(s).filter(k => !['Type', 'Resource', 'Retry', 'Catch', 'Next', 'End', 'Comment'].includes(k));
    if (unsupported.length > 0) throw new Error(`state ${name}: ${unsupported.join(', ')} not supported by local deploy`);
    if (s.End !== true && (typeof s.Next !== 'string' || !(s.Next in d.States))) throw new Error(`state ${name} neither ends nor names a Next state`);
  }
  if (!(d.StartAt in d.States)) throw new Error(`StartAt ${d.StartAt} is not a state`);
  return d as unknown as Definition;
}

export async function runExecution(definition: Definition, input: Json, deps: ExecutionDeps): Promise<ExecutionResult> {
  let name = definition.StartAt;
  let data = input;
  for (;;) {
    const state = definition.States[name];
    const result = await runTask(state, data, deps);
    if ('aborted' in result) return { status: 'ABORTED' };
    if (result.ok) {
      if (state.End) return { status: 'SUCCEEDED', output: result.output };
      data = result.output;
      name = state.Next!;
      if (deps.exists?.() === false) return { status: 'ABORTED' };
      continue;
    }
    const catcher = (state.Catch ?? []).find(c => matches(c.ErrorEquals, result.error));
    if (!catcher) return { status: 'FAILED', error: result.error, cause: result.cause };
    const errorOutput = { Error: result.error, Cause: result.cause };
    data = catcher.ResultPath === null ? data : catcher.ResultPath === undefined || catcher.ResultPath === '$'
      ? errorOutput : setPath(data, catcher.ResultPath, errorOutput);
    name = catcher.Next;
    if (deps.exists?.() === false) return { status: 'ABORTED' };
  }
}

type TaskResult = { ok: true; output: Json } | { ok: false; error: string; cause: string } | { aborted: true };

async function runTask(state: TaskState, input: Json, deps: ExecutionDeps): Promise<TaskResult> {
  const retriers = (state.Retry ?? []).map(r => deps.retry?.(r) ?? r);
  const attempts = retriers.map(() => 0);
  for (;;) {
    const out = await deps.invoke(state.Resource, input);
    if (out.ok) return { ok: true, output: (out.payload ?? null) as Json };
    const error = out.errorType || 'Lambda.Unknown';
    const cause = JSON.stringify({ errorType: out.errorType, errorMessage: out.errorMessage, trace: out.trace ?? [] });
    const i = retriers.findIndex(r => matches(r.ErrorEquals, error));
    if (i < 0) return { ok: false, error, cause };
    const r = retriers[i];
    if (attempts[i] >= (r.MaxAttempts ?? 3)) return { ok: false, error, cause };
    await deps.sleep(retryDelayMs(r, attempts[i]));
    attempts[i]++;
    if (deps.exists?.() === false) return { aborted: true };
  }
}

/** Before retry number `attempt` (0-based): IntervalSeconds × BackoffRate^attempt, capped, jittered as asked. */
export function retryDelayMs(r: Retrier, attempt: number): number {
  const base = (r.IntervalSeconds ?? 1) * 1000 * (r.BackoffRate ?? 2) ** attempt;
  const capped = r.MaxDelaySeconds === undefined ? base : Math.min(base, r.MaxDelaySeconds * 1000);
  return r.JitterStrategy === 'FULL' ? Math.random() * capped : capped;
}

/** States.ALL matches every error; States.TaskFailed every error but States.Timeout. */
function matches(names: string[], error: string): boolean {
  return names.some(n => n === error || n === 'States.ALL' || (n === 'States.TaskFailed' && error !== 'States.Timeout'));
}

function setPath(data: Json, resultPath: string, value: JsonObject): Json {
  const keys = resultPath.replace(/^\$\.?/, '').split('.').filter(Boolean);
  const root: JsonObject = isObject(data) ? { ...data } : {};
  let at = root;
  for (const [i, k] of keys.entries()) {
    if (i === keys.length - 1) at[k] = value;
    else at = (at[k] = isObject(at[k]) ? { ...(at[k] as JsonObject) } : {}) as JsonObject;
  }
  return root;
}

/**
 * The Retry with a shorter interval and as many more attempts as keep its total wait: what the
 * waiter allows in all (interval × attempts for the framework's BackoffRate 1) stays what the
 * template says, so the handler's TOTAL_TIMEOUT_SECONDS stays true.
 */
export function withInterval(r: Retrier, intervalMs: number): Retrier {
  const maxAttempts = r.MaxAttempts ?? 3;
  let total = 0;
  for (let k = 0; k < maxAttempts; k++) total += retryDelayMs({ ...r, JitterStrategy: 'NONE' }, k);
  const faster = { ...r, IntervalSeconds: intervalMs / 1000 };
  let attempts = 0;
  for (let spent = 0; spent < total && attempts < 10_000_000; attempts++) spent += retryDelayMs({ ...faster, JitterStrategy: 'NONE' }, attempts);
  return { ...faster, MaxAttempts: attempts };
}
