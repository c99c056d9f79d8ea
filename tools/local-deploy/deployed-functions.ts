// From a stack's deployed records to what runs: its Lambda functions (their deployed asset,
// Handler, environment, logging) and its state machines (their definition), looked up by name or
// ARN as Lambda and Step Functions look them up; and the function a ServiceToken names.
import * as path from 'path';
import { LocalDeployError } from './errors';
import type { FunctionSpec } from './lambda-runner';
import type { StackRun } from './stack-run';
import type { MachineRecord } from './step-functions';
import type { ResourceState } from './state';
import { isObject } from './template';

/** The Provider framework's onEvent function that a custom resource's ServiceToken names. */
export function serviceFunction(run: StackRun, serviceToken: string): FunctionSpec {
  const found = byArnOrName(run, 'AWS::Lambda::Function', serviceToken);
  if (!found) {
    throw new LocalDeployError(`ServiceToken ${serviceToken} is not a Lambda function of this stack: local deploy runs custom resources whose custom_resources.Provider is in the same stack`);
  }
  if (!variables(found[1]).USER_ON_EVENT_FUNCTION_ARN) {
    throw new LocalDeployError(`ServiceToken ${serviceToken} (${found[1].path ?? found[0]}) is not a custom_resources.Provider framework function `
      + '(no USER_ON_EVENT_FUNCTION_ARN): local deploy runs only Provider-backed custom resources');
  }
  return functionSpec(run, found[0], found[1]);
}

/** A function of this stack by name, ARN or qualified ARN, as Lambda's FunctionName accepts it. */
export function findFunction(run: StackRun, nameOrArn: string): FunctionSpec | undefined {
  const unqualified = nameOrArn.replace(/^(arn:[^:]+:lambda:[^:]+:\d+:function:[^:]+):.*$/, '$1');
  const found = byArnOrName(run, 'AWS::Lambda::Function', unqualified);
  return found ? functionSpec(run, found[0], found[1]) : undefined;
}

export function findStateMachine(run: StackRun, arn: string): MachineRecord | undefined {
  const found = byArnOrName(run, 'AWS::StepFunctions::StateMachine', arn);
  if (!found) return undefined;
  const props = found[1].properties;
  return { arn, name: String(found[1].attributes.Name ?? found[0]), definition: props.DefinitionString ?? props.Definition ?? null };
}

function functionSpec(run: StackRun, logicalId: string, fn: ResourceState): FunctionSpec {
  const where = fn.path ?? logicalId;
  const props = fn.properties;
  const runtime = String(props.Runtime ?? '');
  if (!runtime.startsWith('nodejs')) throw new LocalDeployError(`${where}: runtime ${runtime || '(none)'} is not supported: local deploy runs Node.js functions only`);
  if (!fn.codeDir) {
    throw new LocalDeployError(`${where}: no local code for this function: its Code is not a directory asset of the cloud assembly `
      + '(no aws:asset:path metadata; synthesise with asset metadata enabled, as the CDK CLI does)');
  }
  const logging = isObject(props.LoggingConfig) ? props.LoggingConfig : {};
  const environment = variables(fn);
  // A shortened waiter interval (--query-interval-ms) is what the function is told, too.
  if (run.queryIntervalMs !== undefined && environment.QUERY_INTERVAL_SECONDS !== undefined) {
    environment.QUERY_INTERVAL_SECONDS = String(run.queryIntervalMs / 1000);
  }
  return {
    name: fn.physicalId,
    arn: String(fn.attributes.Arn),
    region: run.env.region,
    codeDir: path.join(run.store.dir, fn.codeDir),
    handler: String(props.Handler ?? 'index.handler'),
    runtime,
    timeoutSeconds: Number(props.Timeout ?? 3),
    memoryMb: Number(props.MemorySize ?? 128),
    environment,
    logFormat: logging.LogFormat === 'JSON' ? 'JSON' : 'Text',
    logLevel: typeof logging.ApplicationLogLevel === 'string' ? logging.ApplicationLogLevel : undefined,
    ...(typeof logging.LogGroup === 'string' ? { logGroup: logging.LogGroup } : {}),
  };
}

function byArnOrName(run: StackRun, type: string, value: string): [string, ResourceState] | undefined {
  return Object.entries(run.stack.resources).find(([, r]) => r.type === type && (r.attributes.Arn === value || r.physicalId === value));
}

function variables(fn: ResourceState): Record<string, string> {
  const env = fn.properties.Environment;
  const vars = isObject(env) && isObject(env.Variables) ? env.Variables : {};
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}
