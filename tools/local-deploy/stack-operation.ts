// The shared shape of a stack operation: what it is given, and what it reports.
import type { DeliveryFault } from './faults';
import type { LocalCloud } from './local-cloud';
import { StackProgress, Writer } from './progress';
import type { StackEnv } from './simulated';
import type { SentEvent, StackRun } from './stack-run';
import type { StackState, StateStore } from './state';
import type { Template } from './template';

/** A stack of the cloud assembly. */
export interface StackTarget {
  stackName: string;
  template: Template;
  /** The directory its asset paths are relative to. */
  assemblyDir: string;
  /** From the stack's environment, when it names one. */
  region?: string;
  account?: string;
}

export interface StackOperation {
  store: StateStore;
  cloud: LocalCloud;
  out: Writer;
  tty: boolean;
  /** Every event sent to a custom resource is appended here. */
  sent: SentEvent[];
  /** For environment-agnostic stacks. */
  region: string;
  account: string;
  queryIntervalMs?: number;
  serviceTimeoutSeconds?: number;
  faults: readonly DeliveryFault[];
  /** Where AWS::Chime resources of the template are created. */
  chimeEndpoint?: string;
}

export interface StackResult {
  stackName: string;
  /** The stack status reached, e.g. CREATE_COMPLETE, UPDATE_ROLLBACK_COMPLETE, DELETE_COMPLETE. */
  status: string;
  ok: boolean;
  noChanges: boolean;
  /** After --rehearse-rollback. */
  rehearsed?: boolean;
  outputs: Record<string, string>;
  stackId?: string;
  /** Why it failed: `<LogicalId> <STATUS>: <reason>`. */
  reason?: string;
  /** The *_FAILED event lines. */
  failures: string[];
}

export function startRun(op: StackOperation, env: StackEnv, stack: StackState, template: Template, assemblyDir: string | undefined,
  unresolvedParameters?: Record<string, string>): StackRun {
  const types = [...Object.values(template.Resources ?? {}).map(r => r.Type), ...Object.values(stack.resources).map(r => r.type), 'AWS::CloudFormation::Stack'];
  const run: StackRun = {
    env, stack, template, assemblyDir, unresolvedParameters,
    store: op.store,
    cloud: op.cloud,
    sent: op.sent,
    queryIntervalMs: op.queryIntervalMs,
    serviceTimeoutSeconds: op.serviceTimeoutSeconds,
    faults: op.faults,
    chimeEndpoint: op.chimeEndpoint,
    progress: new StackProgress(op.out, env.stackName, 1, Math.max(...types.map(t => t.length)), op.tty),
  };
  // Its functions and state machines answer Lambda's and Step Functions' look-ups from now on.
  op.cloud.attach(run);
  return run;
}
