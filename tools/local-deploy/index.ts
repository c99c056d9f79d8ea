/** Local deploy: `cdk deploy` of a CDK app's custom resources without AWS. */
export { localDeploy } from './local-deploy';
export { localDeployCaptured } from './captured';
export { openLocalSession } from './session';
export type { LocalSession, SessionOptions } from './session';
export type { CapturedDeploy } from './captured';
export type { LocalDeployOptions, LocalDeployResult } from './local-deploy';
export type { StackResult } from './stack-operation';
export type { SentEvent } from './stack-run';
export { parseArgs, HELP } from './options';
export { LocalDeployError, UsageError } from './errors';
export { resolve, evaluateCondition, IntrinsicError, NO_VALUE, SUPPORTED_INTRINSICS } from './intrinsics';
export type { Scope } from './intrinsics';
export { FAULT_KINDS } from './faults';
export type { DeliveryFault, FaultKind } from './faults';
export { LambdaRunner } from './lambda-runner';
export type { FunctionSpec, InvokeOutcome } from './lambda-runner';
export type { AssemblyStack } from './assembly';
