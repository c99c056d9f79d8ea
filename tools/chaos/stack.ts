// CloudFormation's side of one stack holding the custom resource: deploy, updates, rollbacks
// and deletion, with the reactions CloudFormation has to a FAILED answer and to DeletionPolicy.
import type { EventRequest, ProviderAnswer } from './provider';
import { ROUTING_LOGICAL_ID, ROUTING_RESOURCE_TYPE, guardProps } from './routing';
import type { Plan, Planner } from './scenario';
import type { EventRecord, Phase, Props, StackEnd } from './types';

type Send = (req: EventRequest, phase: Phase, label: string) => Promise<ProviderAnswer>;

export interface Lifecycle {
  readonly events: EventRecord[];
  readonly end: StackEnd;
  readonly halfDone?: string;
  /**
   * The numbers the account should hold when the stack is done: the PhoneNumbers output of the
   * last successful answer while the resource is kept (stack or DeletionPolicy), none once it is
   * deleted or never created. Undefined for a half-done stack.
   */
  readonly expectedHeld?: string[];
}

/** Plays the plan; `send` delivers an event through the Provider framework and records it. */
export async function playLifecycle(plan: Plan, planner: Planner, deliver: (req: EventRequest) => Promise<ProviderAnswer>): Promise<Lifecycle> {
  const events: EventRecord[] = [];
  const send: Send = async (req, phase, label) => {
    const started = Date.now();
    const a = await deliver(req);
    const missingOutput = a.status === 'SUCCESS' && req.requestType !== 'Delete' && !a.swallowed && !req.resourceType && a.data.PhoneNumbers === undefined;
    events.push({
      requestType: req.requestType, phase, label, status: a.status, reason: a.reason, ms: Date.now() - started,
      isCompleteCalls: a.isCompleteCalls, swallowed: a.swallowed, hung: a.hung,
      unanswered: a.unanswered ?? (missingOutput ? 'SUCCESS without the PhoneNumbers attribute' : undefined),
    });
    return a;
  };
  const halfDone = (why: string): Lifecycle => ({ events, end: 'half-done', halfDone: why });
  const retainsOnRollbackOfCreate = plan.policy === 'Retain';
  // Custom::ChimePhoneNumberRouting beside a routed order: DeletionPolicy Delete, depends on the order.
  const routing = new RoutingResource(send);

  let created = await send({ requestType: 'Create', props: plan.create }, 'deploy', `create:${plan.createKind}`);
  if (created.status === 'SUCCESS' && !(await routing.follow(undefined, plan.create, 'deploy'))) {
    // The routing resource failed to create: the stack's create fails, and rolls back like any other.
    created = { ...created, status: 'FAILED' };
  }
  if (created.status === 'FAILED') {
    // ROLLBACK_IN_PROGRESS: the failed resource is deleted unless its policy retains it.
    if (!retainsOnRollbackOfCreate) {
      const del = await send({ requestType: 'Delete', props: plan.create, physicalId: created.physicalId }, 'rollback', 'rollback:create');
      if (del.status === 'FAILED') return halfDone('ROLLBACK_FAILED: the Delete rolling back a failed create failed');
    }
    return { events, end: 'create-rolled-back', expectedHeld: [] };
  }
  const physicalId = created.physicalId;
  let outputs = outputsOf(created);
  let current = plan.create;

  if (plan.rehearseCreateRollback) {
    // Another resource of the first deploy failed. RetainExceptOnCreate deletes what this deploy created; the routing resource always goes, first.
    if (!(await routing.remove('rehearsed-rollback'))) return halfDone('ROLLBACK_FAILED: the routing resource\'s Delete failed');
    if (retainsOnRollbackOfCreate) return { events, end: 'create-rolled-back', expectedHeld: outputs };
    const del = await send({ requestType: 'Delete', props: current, physicalId }, 'rehearsed-rollback', 'rollback:create');
    if (del.status === 'FAILED') return halfDone('ROLLBACK_FAILED: the Delete rolling back a created stack failed');
    return { events, end: 'create-rolled-back', expectedHeld: [] };
  }

  for (let u = 0; u < plan.updates; u++) {
    const step = planner.nextUpdate(current);
    const updated = await send({ requestType: 'Update', props: step.props, oldProps: current, physicalId }, 'deploy', `update:${step.kind}`);
    const followed = updated.status === 'SUCCESS' ? await routing.follow(current, step.props, 'deploy') : true;
    if (updated.status === 'SUCCESS' && followed && !step.rehearseRollback) {
      // UPDATE_COMPLETE_CLEANUP: a routing resource the template no longer has is deleted.
      await routing.cleanUp(step.props);
      outputs = outputsOf(updated);
      current = step.props;
      continue;
    }
    // UPDATE_ROLLBACK: the same resources get Updates back to the properties they had (a routing resource the update created is deleted).
    const phase: Phase = updated.status === 'SUCCESS' && followed ? 'rehearsed-rollback' : 'rollback';
    if (updated.status === 'SUCCESS' && !(await routing.follow(step.props, current, phase))) {
      return halfDone(`UPDATE_ROLLBACK_FAILED: rolling back the routing resource after update:${step.kind} failed`);
    }
    const back = await send({ requestType: 'Update', props: current, oldProps: step.props, physicalId }, phase, `rollback:${step.kind}`);
    if (back.status === 'FAILED') return halfDone(`UPDATE_ROLLBACK_FAILED: rolling back update:${step.kind} failed`);
    outputs = outputsOf(back);
  }

  // Stack delete: the routing resource first (DeletionPolicy Delete, whatever the order's).
  if (!(await routing.remove('destroy'))) return halfDone('DELETE_FAILED: the routing resource\'s Delete failed');
  if (plan.policy !== 'Delete') return { events, end: 'retained', expectedHeld: outputs };
  const del = await send({ requestType: 'Delete', props: current, physicalId }, 'destroy', 'destroy');
  if (del.status === 'FAILED') return halfDone('DELETE_FAILED: the stack delete failed');
  return { events, end: 'destroyed', expectedHeld: [] };
}

/**
 * The routing resource as CloudFormation plays it: created when the order's properties name a
 * target, updated when its own properties change, deleted when the target goes (at cleanup), on a
 * rollback of the update that created it, and first on a stack delete.
 */
class RoutingResource {
  private physicalId?: string;
  private props?: Props;
  private pendingDelete?: Props;

  constructor(private readonly send: Send) {}

  /** From the order's old properties to its new ones; false when an event failed. */
  async follow(from: Props | undefined, to: Props, phase: Phase): Promise<boolean> {
    const next = guardProps(to);
    const label = (what: string) => `${phase === 'deploy' ? '' : 'rollback:'}routing:${what}`;
    // A rollback undoes the forward step, cleanup included.
    if (phase !== 'deploy') this.pendingDelete = undefined;
    if (next && !this.physicalId) {
      const a = await this.request({ requestType: 'Create', props: next }, phase, label('create'));
      if (a.status === 'SUCCESS') {
        this.physicalId = a.physicalId;
        this.props = next;
      }
      return a.status === 'SUCCESS';
    }
    if (next && this.props && JSON.stringify(next) !== JSON.stringify(this.props)) {
      const a = await this.request({ requestType: 'Update', props: next, oldProps: this.props, physicalId: this.physicalId }, phase, label('update'));
      if (a.status === 'SUCCESS') this.props = next;
      return a.status === 'SUCCESS';
    }
    // No target any more: on a rollback the resource the update created goes now; forward, at cleanup.
    if (!next && this.physicalId && from) {
      if (phase === 'deploy') this.pendingDelete = this.props;
      else return this.remove(phase);
    }
    return true;
  }

  async cleanUp(to: Props): Promise<void> {
    if (!this.pendingDelete || guardProps(to)) return;
    this.pendingDelete = undefined;
    // A failed cleanup does not fail the update; the audit sees what it left.
    await this.remove('deploy');
  }

  async remove(phase: Phase): Promise<boolean> {
    this.pendingDelete = undefined;
    if (!this.physicalId || !this.props) return true;
    const a = await this.request({ requestType: 'Delete', props: this.props, physicalId: this.physicalId }, phase, `${phase === 'deploy' ? '' : `${phase}:`}routing:delete`);
    if (a.status === 'SUCCESS') this.physicalId = this.props = undefined;
    return a.status === 'SUCCESS';
  }

  private request(req: Omit<EventRequest, 'logicalId' | 'resourceType'>, phase: Phase, label: string): Promise<ProviderAnswer> {
    return this.send({ ...req, logicalId: ROUTING_LOGICAL_ID, resourceType: ROUTING_RESOURCE_TYPE }, phase, label);
  }
}

function outputsOf(answer: ProviderAnswer): string[] {
  const numbers = answer.data.PhoneNumbers;
  return Array.isArray(numbers) ? numbers.map(String) : [];
}
