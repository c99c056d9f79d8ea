// Everything one stack operation (deploy, rollback, destroy) works with.
import type { DeliveryFault } from './faults';
import type { LocalCloud } from './local-cloud';
import type { StackProgress } from './progress';
import type { ScopeSource } from './scope';
import type { StackEnv } from './simulated';
import type { StackState, StateStore } from './state';
import type { Template } from './template';

/** One event CloudFormation sent a custom resource, as the result reports it. */
export interface SentEvent {
  stackName: string;
  requestType: 'Create' | 'Update' | 'Delete';
  logicalResourceId: string;
  resourceType: string;
  physicalResourceId?: string;
  requestId: string;
  status: 'SUCCESS' | 'FAILED';
  reason?: string;
  /** Answered by the Provider framework without calling the user function (the Delete after a failed Create). */
  swallowed?: boolean;
  /** CloudFormation stopped waiting for the answer: another resource failed first. */
  cancelled?: boolean;
  /** Size of the answer CloudFormation read (its limit is 4,096 bytes). */
  responseBytes?: number;
}

export interface StackRun extends ScopeSource {
  readonly env: StackEnv;
  /** The working record: saved after every resource, so an interrupted run leaves the truth behind. */
  stack: StackState;
  /** The template being applied (for a rollback: the one being returned to). */
  template: Template;
  readonly store: StateStore;
  readonly cloud: LocalCloud;
  readonly progress: StackProgress;
  readonly sent: SentEvent[];
  /** Where the template's file assets are; absent when working from the state alone (destroy). */
  readonly assemblyDir?: string;
  /** Replaces the waiter's interval, keeping its total time (tests, demos). */
  readonly queryIntervalMs?: number;
  /** Replaces every custom resource's ServiceTimeout. */
  readonly serviceTimeoutSeconds?: number;
  readonly faults: readonly DeliveryFault[];
  /** Where AWS::Chime resources of the template are created (see chime-resources.ts). */
  readonly chimeEndpoint?: string;
  unresolvedParameters?: Record<string, string>;
}
