// From a custom resource's ServiceToken to the code that serves it, the way the deployed stack
// wires it: ServiceToken → the Provider framework's onEvent function → its environment's
// USER_ON_EVENT_FUNCTION_ARN / USER_IS_COMPLETE_FUNCTION_ARN / WAITER_STATE_MACHINE_ARN →
// the user functions (their deployed asset and Handler) and the waiter's Retry settings.
import * as path from 'path';
import { LocalDeployError } from './errors';
import type { FunctionSpec } from './lambda-runner';
import type { WaiterSettings } from './provider-driver';
import type { StackRun } from './stack-run';
import type { ResourceState } from './state';
import { Json, JsonObject, isObject } from './template';

export interface ProviderFunctions {
  onEvent: FunctionSpec;
  isComplete?: FunctionSpec;
  waiter?: WaiterSettings;
}

export function providerFor(run: StackRun, serviceToken: string): ProviderFunctions {
  const framework = byAttribute(run, 'AWS::Lambda::Function', 'Arn', serviceToken);
  if (!framework) {
    throw new LocalDeployError(`ServiceToken ${serviceToken} is not a Lambda function of this stack: local deploy runs custom resources whose custom_resources.Provider is in the same stack`);
  }
  const env = variables(framework[1]);
  if (!env.USER_ON_EVENT_FUNCTION_ARN) {
    throw new LocalDeployError(`ServiceToken ${serviceToken} (${framework[1].path ?? framework[0]}) is not a custom_resources.Provider framework function `
      + '(no USER_ON_EVENT_FUNCTION_ARN): local deploy runs only Provider-backed custom resources');
  }
  const isComplete = env.USER_IS_COMPLETE_FUNCTION_ARN ? userFunction(run, env.USER_IS_COMPLETE_FUNCTION_ARN) : undefined;
  return {
    onEvent: userFunction(run, env.USER_ON_EVENT_FUNCTION_ARN),
    isComplete,
    waiter: isComplete ? waiterSettings(run, env.WAITER_STATE_MACHINE_ARN, run.queryIntervalMs) : undefined,
  };
}

function userFunction(run: StackRun, arn: string): FunctionSpec {
  const found = byAttribute(run, 'AWS::Lambda::Function', 'Arn', arn);
  if (!found) throw new LocalDeployError(`The Provider's function ${arn} is not a Lambda function of this stack`);
  const [logicalId, fn] = found;
  const where = fn.path ?? logicalId;
  const props = fn.properties;
  const runtime = String(props.Runtime ?? '');
  if (!runtime.startsWith('nodejs')) throw new LocalDeployError(`${where}: runtime ${runtime || '(none)'} is not supported: local deploy runs Node.js functions only`);
  if (!fn.codeDir) {
    throw new LocalDeployError(`${where}: no local code for this function: its Code is not a directory asset of the cloud assembly `
      + '(no aws:asset:path metadata; synthesise with asset metadata enabled, as the CDK CLI does)');
  }
  const logging = isObject(props.LoggingConfig) ? props.LoggingConfig : {};
  return {
    name: fn.physicalId,
    arn,
    codeDir: path.join(run.store.dir, fn.codeDir),
    handler: String(props.Handler ?? 'index.handler'),
    runtime,
    timeoutSeconds: Number(props.Timeout ?? 3),
    memoryMb: Number(props.MemorySize ?? 128),
    environment: variables(fn),
    logFormat: logging.LogFormat === 'JSON' ? 'JSON' : 'Text',
    logLevel: typeof logging.ApplicationLogLevel === 'string' ? logging.ApplicationLogLevel : undefined,
  };
}

/** The waiter's Retry on its isComplete task: how often, and how many times, isComplete is asked. */
function waiterSettings(run: StackRun, arn: string | undefined, intervalOverrideMs?: number): WaiterSettings {
  const found = arn ? byAttribute(run, 'AWS::StepFunctions::StateMachine', 'Arn', arn) : undefined;
  if (!found) throw new LocalDeployError(`The Provider's waiter state machine ${arn ?? '(WAITER_STATE_MACHINE_ARN unset)'} is not in this stack`);
  const [logicalId, machine] = found;
  const raw = machine.properties.DefinitionString ?? machine.properties.Definition;
  let definition: Json;
  try {
    definition = typeof raw === 'string' ? JSON.parse(raw) : raw;
  } catch {
    throw new LocalDeployError(`${machine.path ?? logicalId}: DefinitionString is not JSON`);
  }
  const states = isObject(definition) && isObject(definition.States) ? Object.values(definition.States) : [];
  const retry = states.flatMap(s => (isObject(s) && Array.isArray(s.Retry) ? s.Retry : []))
    .find((r): r is JsonObject => isObject(r) && Array.isArray(r.ErrorEquals) && r.ErrorEquals.includes('States.ALL'));
  if (!retry) throw new LocalDeployError(`${machine.path ?? logicalId}: the waiter has no Retry on States.ALL to take the polling interval from`);
  // Amazon States Language defaults.
  const intervalSeconds = Number(retry.IntervalSeconds ?? 1);
  return {
    intervalMs: intervalOverrideMs ?? intervalSeconds * 1000,
    maxAttempts: Number(retry.MaxAttempts ?? 3),
    backoffRate: Number(retry.BackoffRate ?? 2),
    maxDelayMs: retry.MaxDelaySeconds === undefined ? undefined : Number(retry.MaxDelaySeconds) * 1000,
  };
}

function byAttribute(run: StackRun, type: string, attribute: string, value: string): [string, ResourceState] | undefined {
  return Object.entries(run.stack.resources).find(([, r]) => r.type === type && (r.attributes[attribute] === value || r.physicalId === value));
}

function variables(fn: ResourceState): Record<string, string> {
  const env = fn.properties.Environment;
  const vars = isObject(env) && isObject(env.Variables) ? env.Variables : {};
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}
